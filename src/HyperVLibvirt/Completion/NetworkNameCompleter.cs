using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Networks;

namespace HyperVLibvirt.Completion;

/// <summary>
/// Tab completion of network (virtual switch) names for <c>-Name</c> of the network cmdlets. It asks the
/// connections given with <c>-Connection</c>, else the default one (as <see cref="DomainNameCompleter"/>),
/// in one query per host within a short budget, and answers nothing rather than an error.
/// </summary>
public sealed class NetworkNameCompleter : IArgumentCompleter
{
    // Completion runs while the user waits at the prompt: a slow host must not freeze it.
    private static readonly TimeSpan s_queryBudget = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            var connections = DomainNameCompleter.ConnectionsOf(fakeBoundParameters);
            if (connections.Count == 0)
            {
                return Array.Empty<CompletionResult>();
            }
            var typed = CompletionText.Unquote(wordToComplete ?? string.Empty, out var quote);
            var pattern = WildcardPattern.Get(typed + "*", WildcardOptions.IgnoreCase);
            return Read(connections)
                .Where(n => pattern.IsMatch(n.Name))
                .OrderBy(n => n.Name, StringComparer.OrdinalIgnoreCase)
                .DistinctBy(n => n.Name, StringComparer.OrdinalIgnoreCase)
                .Select(n => new CompletionResult(CompletionText.Quote(n.Name, quote), n.Name, CompletionResultType.ParameterValue,
                    connections.Count > 1 ? $"{n.Name} ({n.Uuid:D}) on {n.ComputerName}" : $"{n.Name} ({n.Uuid:D})"))
                .ToArray();
        }
        catch (Exception)
        {
            // A completer must never surface an error at the prompt.
            return Array.Empty<CompletionResult>();
        }
    }

    // Every host at once, within the budget; a host that fails or is too slow contributes nothing.
    private static IEnumerable<HvNetwork> Read(IReadOnlyList<HvConnection> connections)
    {
        using var timeout = new CancellationTokenSource(s_queryBudget);
        var reads = connections.Select(c => Task.Run(() => ReadAsync(c, timeout.Token), timeout.Token)).ToArray();
        try
        {
            Task.WaitAll(reads, s_queryBudget);
        }
        catch (AggregateException)
        {
            // Every read ended, some failed; those are skipped below.
        }
        timeout.Cancel();
        return reads.Where(r => r.Status == TaskStatus.RanToCompletion).SelectMany(r => r.Result).ToArray();
    }

    private static async Task<IReadOnlyList<HvNetwork>> ReadAsync(HvConnection connection, CancellationToken cancellationToken)
    {
        var networks = new List<HvNetwork>();
        await foreach (var network in new NetworkService(connection, trace: null).GetNetworksAsync(new NetworkFilter(), cancellationToken).ConfigureAwait(false))
        {
            networks.Add(network);
        }
        return networks;
    }
}
