using System.Globalization;
using System.Runtime.CompilerServices;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;

namespace HyperVLibvirt.Completion;

/// <summary>
/// The domain names of each connection, kept for a few seconds so that pressing Tab repeatedly
/// costs one query, not one per key press. Keyed weakly by connection, so the cache never keeps
/// a closed connection alive.
/// </summary>
internal static class DomainNameCache
{
    /// <summary>How long names stay fresh: long enough for a burst of Tab presses, short enough to see a new VM soon.</summary>
    internal static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(15);

    private static readonly ConditionalWeakTable<HvConnection, Snapshot> s_snapshots = new();

    /// <summary>One domain as completion shows it.</summary>
    internal sealed record Entry(string Name, string State, int? Id, string ComputerName)
    {
        /// <summary>The tooltip: state and id, and the host when several are asked.</summary>
        public string ToolTip(bool withHost)
        {
            var id = Id is { } value ? "id " + value.ToString(CultureInfo.InvariantCulture) : "inactive";
            return withHost ? $"{Name}: {State} ({id}) on {ComputerName}" : $"{Name}: {State} ({id})";
        }
    }

    private sealed record Snapshot(DateTime TakenAtUtc, IReadOnlyList<Entry> Entries);

    /// <summary>
    /// The domains of every connection: cached ones as they are, the rest read concurrently
    /// within <paramref name="budget"/>. A host that fails or is too slow contributes nothing.
    /// </summary>
    internal static IReadOnlyList<Entry> Get(IReadOnlyList<HvConnection> connections, TimeSpan budget)
    {
        var now = DateTime.UtcNow;
        var result = new List<Entry>();
        var stale = new List<HvConnection>();
        foreach (var connection in connections)
        {
            if (s_snapshots.TryGetValue(connection, out var snapshot) && now - snapshot.TakenAtUtc < TimeToLive)
            {
                result.AddRange(snapshot.Entries);
            }
            else
            {
                stale.Add(connection);
            }
        }
        if (stale.Count == 0)
        {
            return result;
        }

        var timeout = new CancellationTokenSource(budget);
        // Task.Run keeps the reads off the pipeline thread, so nothing waits on its context.
        var reads = stale.Select(c => Task.Run(() => ReadAsync(c, timeout.Token), timeout.Token)).ToArray();
        var finished = false;
        try
        {
            finished = Task.WaitAll(reads, budget);
        }
        catch (AggregateException)
        {
            // Every read ended, some failed; failed hosts are skipped below.
            finished = true;
        }
        timeout.Cancel();
        if (finished)
        {
            // Reads still unwinding after a timeout keep the source; the GC collects it after them.
            timeout.Dispose();
        }
        foreach (var read in reads)
        {
            if (read.Status == TaskStatus.RanToCompletion)
            {
                result.AddRange(read.Result);
            }
        }
        return result;
    }

    private static async Task<IReadOnlyList<Entry>> ReadAsync(HvConnection connection, CancellationToken cancellationToken)
    {
        var entries = new List<Entry>();
        await foreach (var domain in new DomainService(connection, trace: null).GetDomainsAsync(new DomainFilter(), detailed: false, cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new Entry(domain.Name, domain.State.ToString(), domain.Id, domain.ComputerName));
        }
        s_snapshots.AddOrUpdate(connection, new Snapshot(DateTime.UtcNow, entries));
        return entries;
    }
}
