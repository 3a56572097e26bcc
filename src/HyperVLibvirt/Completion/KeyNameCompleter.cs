using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using HyperVLibvirt.Core.Keyboard;

namespace HyperVLibvirt.Completion;

/// <summary>
/// Tab completion of key names for <c>Send-HvDomainKey -Key</c>, in the code set given with <c>-CodeSet</c> (linux when
/// none): KEY_* for linux, VK_* for win32, OS X names for os_x. Local data only; no host is asked.
/// </summary>
public sealed class KeyNameCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var setName = fakeBoundParameters?["CodeSet"] as string ?? "linux";
        if (KeyCodes.ParseSet(setName) is not { } set)
        {
            return Array.Empty<CompletionResult>();
        }
        var typed = CompletionText.Unquote(wordToComplete ?? string.Empty, out var quote);
        var pattern = WildcardPattern.Get(typed + "*", WildcardOptions.IgnoreCase);
        return KeyCodes.NamesOf(set)
            .Where(pattern.IsMatch)
            .Select(n => new CompletionResult(CompletionText.Quote(n, quote), n, CompletionResultType.ParameterValue, n))
            .ToArray();
    }
}
