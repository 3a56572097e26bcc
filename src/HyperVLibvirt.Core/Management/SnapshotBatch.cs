using System.Runtime.CompilerServices;
using System.Threading.Channels;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.Lifecycle;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Management;

/// <summary>
/// Runs many snapshot changes at once, as <see cref="LifecycleBatch"/> runs state changes: every domain's jobs start without
/// waiting for another domain's, at most a given number of WS-Man operations are in flight per host, and a host's jobs are read
/// together (one <c>Msvm_ConcreteJob</c> query for all the jobs polled at about the same time), as are the domains read afresh
/// and the snapshot trees read back (<see cref="SnapshotHostReads"/>). One domain's changes run one
/// after another in the order given (Hyper-V runs one job at a time per VM, and a subtree removed first may take a later
/// target with it). One change's failure never stops the others.
/// </summary>
public static class SnapshotBatch
{
    /// <summary>
    /// Runs <paramref name="changes"/> and yields each outcome as it is known (not in the order given). Cancelling, or stopping
    /// early, ends the waits; jobs already started go on on their hosts.
    /// </summary>
    public static async IAsyncEnumerable<SnapshotChangeResult> RunAsync(IReadOnlyList<SnapshotChange> changes, int throttleLimit, IWsManTrace? trace,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentOutOfRangeException.ThrowIfLessThan(throttleLimit, 1);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var lanes = new Dictionary<Guid, (HostLane Lane, SnapshotHostReads Reads)>();
        foreach (var change in changes)
        {
            if (!lanes.ContainsKey(change.Session.Id))
            {
                var lane = new HostLane(throttleLimit, new DomainService(change.Session, trace).ListAsync, stop.Token);
                lanes[change.Session.Id] = (lane, new SnapshotHostReads(change.Session, trace, lane, stop.Token));
            }
        }
        var results = Channel.CreateUnbounded<SnapshotChangeResult>(new UnboundedChannelOptions { SingleReader = true });
        var domains = changes.GroupBy(c => (c.Session.Id, c.DomainUuid))
            .Select(d => Task.Run(() => RunDomainAsync(d.ToArray(), lanes[d.Key.Id], trace, results.Writer, stop.Token), CancellationToken.None))
            .ToArray();
        var all = Task.WhenAll(domains);
        _ = all.ContinueWith(_ => results.Writer.TryComplete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            await foreach (var result in results.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return result;
            }
        }
        finally
        {
            stop.Cancel();
            try
            {
                await all.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped: each domain's task ends its wait; what it finished was reported.
            }
        }
    }

    private static async Task RunDomainAsync(SnapshotChange[] changes, (HostLane Lane, SnapshotHostReads Reads) host, IWsManTrace? trace,
        ChannelWriter<SnapshotChangeResult> results, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var manager = new SnapshotManagement(change.Session, trace, host.Lane.For(static () => { }), host.Reads);
            SnapshotChangeResult result;
            try
            {
                result = new SnapshotChangeResult(change, await change.Change(manager, cancellationToken).ConfigureAwait(false), null);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                result = new SnapshotChangeResult(change, null, ex);
            }
            results.TryWrite(result);
        }
    }
}
