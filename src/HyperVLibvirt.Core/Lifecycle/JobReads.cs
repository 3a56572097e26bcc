using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Lifecycle;

/// <summary>
/// Reads many jobs of one host with few requests: every read asked for while a query is on its way
/// goes into the next one, one <c>WHERE InstanceID = … OR …</c> query for all of them (in chunks of
/// <see cref="MaxIdsPerQuery"/>). Each <see cref="JobWaiter"/> keeps its own backoff and timeout;
/// waiters that poll at about the same time (a batch's jobs start together) share a round trip.
/// </summary>
internal sealed class JobReads
{
    /// <summary>
    /// InstanceIDs per query: about 60 characters each in the WQL, so a query stays near 2 KB, far below
    /// what WinRM accepts in an envelope, and the answer below one page.
    /// </summary>
    public const int MaxIdsPerQuery = 32;

    private readonly Func<string, CancellationToken, Task<List<CimObject>>> _query;
    private readonly CancellationToken _stop;
    private readonly object _lock = new();
    private Dictionary<string, TaskCompletionSource<CimObject?>> _pending = new(StringComparer.OrdinalIgnoreCase);
    private bool _running;

    /// <param name="query">Runs one WQL query on the host and returns every instance it answers.</param>
    /// <param name="stop">Ends the queries (the batch's cancellation); a waiter's own token ends only its wait.</param>
    public JobReads(Func<string, CancellationToken, Task<List<CimObject>>> query, CancellationToken stop = default)
    {
        _query = query;
        _stop = stop;
    }

    /// <summary>The job with this InstanceID as the next query finds it; null when the host has no such job.</summary>
    public Task<CimObject?> ReadAsync(string instanceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        TaskCompletionSource<CimObject?>? reading;
        var start = false;
        lock (_lock)
        {
            if (!_pending.TryGetValue(instanceId, out reading))
            {
                reading = new TaskCompletionSource<CimObject?>(TaskCreationOptions.RunContinuationsAsynchronously);
                _pending.Add(instanceId, reading);
            }
            if (!_running)
            {
                _running = true;
                start = true;
            }
        }
        if (start)
        {
            _ = Task.Run(RoundsAsync, CancellationToken.None);
        }
        return reading.Task.WaitAsync(cancellationToken);
    }

    // One round per pass: takes everything asked for so far, answers it, and stops when nothing new was asked meanwhile.
    private async Task RoundsAsync()
    {
        while (true)
        {
            Dictionary<string, TaskCompletionSource<CimObject?>> round;
            lock (_lock)
            {
                if (_pending.Count == 0)
                {
                    _running = false;
                    return;
                }
                round = _pending;
                _pending = new Dictionary<string, TaskCompletionSource<CimObject?>>(StringComparer.OrdinalIgnoreCase);
            }
            foreach (var chunk in round.Keys.Chunk(MaxIdsPerQuery))
            {
                await AnswerAsync(chunk, round).ConfigureAwait(false);
            }
        }
    }

    private async Task AnswerAsync(string[] ids, Dictionary<string, TaskCompletionSource<CimObject?>> round)
    {
        try
        {
            var found = new Dictionary<string, CimObject>(StringComparer.OrdinalIgnoreCase);
            foreach (var job in await _query(JobQuery.ByInstanceIds(ids), _stop).ConfigureAwait(false))
            {
                if (job.GetString("InstanceID") is { } id)
                {
                    found.TryAdd(id, job);
                }
            }
            foreach (var id in ids)
            {
                round[id].TrySetResult(found.GetValueOrDefault(id));
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            foreach (var id in ids)
            {
                round[id].TrySetCanceled(_stop);
            }
        }
        catch (Exception e)
        {
            // The failure of the shared query is each waiter's failure, as its own query's would have been.
            foreach (var id in ids)
            {
                round[id].TrySetException(e);
            }
        }
    }
}
