using System.Threading.Channels;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Lifecycle;

/// <summary>
/// Runs one operation on many domains across hosts at once, at most a given number of WS-Man
/// operations in flight per host (a WinRM host limits concurrent operations per user), and reports
/// each domain's events as they happen. Waiting for a job holds no slot: the host's outstanding jobs
/// are read together (<see cref="JobReads"/>). One domain's failure never stops the others.
/// </summary>
public static class LifecycleBatch
{
    /// <summary>How many WS-Man operations run at once on one host unless told otherwise.</summary>
    public const int DefaultThrottleLimit = 8;

    /// <summary>
    /// Runs <paramref name="operation"/> on every target and writes its events to
    /// <paramref name="events"/>, completing the writer at the end. Cancellation ends the waits
    /// (jobs keep running on the hosts) and is not reported as a failure.
    /// </summary>
    public static async Task RunAsync(IReadOnlyList<LifecycleTarget> targets, DomainOperation operation, StateChangeOptions options,
        int throttleLimit, IWsManTrace? trace, ChannelWriter<LifecycleEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentOutOfRangeException.ThrowIfLessThan(throttleLimit, 1);
        var lanes = new Dictionary<HvConnection, HostLane>(ReferenceEqualityComparer.Instance);
        foreach (var target in targets)
        {
            if (!lanes.ContainsKey(target.Session))
            {
                var domains = new DomainService(target.Session, trace);
                lanes[target.Session] = new HostLane(throttleLimit, domains.ListAsync, cancellationToken);
            }
        }
        try
        {
            var work = targets.Select(t => Task.Run(() => RunOneAsync(t, operation, options, lanes[t.Session], trace, events, cancellationToken),
                CancellationToken.None));
            await Task.WhenAll(work).ConfigureAwait(false);
        }
        finally
        {
            events.TryComplete();
        }
    }

    private static async Task RunOneAsync(LifecycleTarget lifecycleTarget, DomainOperation operation, StateChangeOptions options, HostLane lane,
        IWsManTrace? trace, ChannelWriter<LifecycleEvent> events, CancellationToken cancellationToken)
    {
        var target = lifecycleTarget.Domain;
        try
        {
            var mine = options with
            {
                OnJobStatus = status =>
                {
                    options.OnJobStatus?.Invoke(status);
                    events.TryWrite(new LifecycleJobUpdate(target, status));
                },
            };
            // The request may go out from the domain's first admitted operation on: only then is it 'sending'.
            var gate = lane.For(() => events.TryWrite(new LifecycleRequestSending(target)));
            var result = await new DomainLifecycle(lifecycleTarget.Session, trace, gate).ChangeStateAsync(target, operation, mine, cancellationToken)
                .ConfigureAwait(false);
            events.TryWrite(new LifecycleSucceeded(target, result));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by the caller: what is still running is known from the events so far.
        }
        catch (Exception ex)
        {
            events.TryWrite(new LifecycleFailed(target, ex));
        }
    }
}
