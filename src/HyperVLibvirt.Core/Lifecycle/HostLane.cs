using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Lifecycle;

/// <summary>
/// One host's share of a <see cref="LifecycleBatch"/>: at most a given number of WS-Man operations in
/// flight on the host (a WinRM host limits concurrent operations per user), and one
/// <see cref="JobReads"/> that reads all of the host's outstanding jobs together. Waiting between job
/// polls holds no slot, so a host's jobs run side by side however many there are; only the requests queue.
/// </summary>
internal sealed class HostLane
{
    // Never disposed: a shared job query may still be finishing (cancelled) after the batch has returned, and a
    // SemaphoreSlim whose wait handle is never asked for holds nothing to release.
    private readonly SemaphoreSlim _slots;

    /// <param name="limit">WS-Man operations in flight on the host at most.</param>
    /// <param name="query">Runs one WQL query on the host and returns every instance.</param>
    /// <param name="stop">The batch's cancellation, which ends the shared job queries.</param>
    public HostLane(int limit, Func<string, CancellationToken, Task<List<CimObject>>> query, CancellationToken stop)
    {
        _slots = new SemaphoreSlim(limit, limit);
        Jobs = new JobReads((wql, token) => RunAsync(t => query(wql, t), token), stop);
    }

    /// <summary>The host's coalesced job reads (their queries take a slot like any operation).</summary>
    public JobReads Jobs { get; }

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await operation(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// One domain's view of the lane: the first operation it is admitted to is when its request may start
    /// going out, which <paramref name="onFirstAdmission"/> hears (once) before that operation runs.
    /// </summary>
    public IOperationGate For(Action onFirstAdmission) => new TargetGate(this, onFirstAdmission);

    private sealed class TargetGate(HostLane lane, Action onFirstAdmission) : IOperationGate
    {
        private int _admitted;

        public Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken) =>
            lane.RunAsync(token =>
            {
                if (Interlocked.Exchange(ref _admitted, 1) == 0)
                {
                    onFirstAdmission();
                }
                return operation(token);
            }, cancellationToken);

        public Task<CimObject?> ReadJobAsync(string instanceId, CancellationToken cancellationToken) =>
            lane.Jobs.ReadAsync(instanceId, cancellationToken);
    }
}
