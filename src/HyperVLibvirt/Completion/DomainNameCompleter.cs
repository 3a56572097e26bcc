using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using HyperVLibvirt.Commands;
using HyperVLibvirt.Core.Connection;

namespace HyperVLibvirt.Completion;

/// <summary>
/// Tab completion of domain names for <c>-Name</c>. Apply it as
/// <c>[ArgumentCompleter(typeof(DomainNameCompleter))]</c>. It asks the connections given with
/// <c>-Connection</c> on the command line, else the default connection; it never prompts,
/// caches each host's names briefly, and answers nothing rather than an error.
/// </summary>
public sealed class DomainNameCompleter : IArgumentCompleter
{
    // Completion runs while the user waits at the prompt: a slow host must not freeze it.
    private static readonly TimeSpan s_queryBudget = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            var connections = ConnectionsOf(fakeBoundParameters);
            if (connections.Count == 0)
            {
                return Array.Empty<CompletionResult>();
            }
            var typed = CompletionText.Unquote(wordToComplete ?? string.Empty, out var quote);
            var pattern = WildcardPattern.Get(typed + "*", WildcardOptions.IgnoreCase);
            var entries = DomainNameCache.Get(connections, s_queryBudget);
            var showHost = connections.Count > 1;
            return entries
                .Where(e => pattern.IsMatch(e.Name))
                .OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase)
                .DistinctBy(e => e.Name, StringComparer.OrdinalIgnoreCase)
                .Select(e => new CompletionResult(CompletionText.Quote(e.Name, quote), e.Name, CompletionResultType.ParameterValue,
                    e.ToolTip(showHost)))
                .ToArray();
        }
        catch (Exception)
        {
            // A completer must never surface an error at the prompt.
            return Array.Empty<CompletionResult>();
        }
    }

    /// <summary>
    /// The open connections named by -Connection on the command line; without -Connection, the
    /// default one. A -Connection that cannot be evaluated yet gives none, so names from the
    /// wrong host are never offered.
    /// </summary>
    internal static IReadOnlyList<HvConnection> ConnectionsOf(IDictionary? fakeBoundParameters)
    {
        if (fakeBoundParameters is not null && fakeBoundParameters.Contains("Connection"))
        {
            return Flatten(fakeBoundParameters["Connection"]).Where(c => c.IsConnected).Distinct().ToArray();
        }
        return ConnectionStore.Current.Default is { } fallback ? new[] { fallback } : Array.Empty<HvConnection>();
    }

    private static IEnumerable<HvConnection> Flatten(object? value)
    {
        switch (value is PSObject wrapped ? wrapped.BaseObject : value)
        {
            case HvConnection connection:
                yield return connection;
                break;
            case IEnumerable items and not string:
                foreach (var item in items)
                {
                    if ((item is PSObject inner ? inner.BaseObject : item) is HvConnection c)
                    {
                        yield return c;
                    }
                }
                break;
        }
    }
}
