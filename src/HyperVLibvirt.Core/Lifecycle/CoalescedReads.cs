namespace HyperVLibvirt.Core.Lifecycle;

/// <summary>
/// Reads many things of one host with few requests: every read asked for while a request is on its way goes into the next
/// one, one request for all of them (in chunks of a given size). A read is answered by a request sent after it was asked
/// for, so it sees every change made before. A request's failure is each of its readers' failure, as their own would have been.
/// </summary>
/// <typeparam name="TKey">What one read asks for (a job's InstanceID, a domain's UUID).</typeparam>
/// <typeparam name="TValue">What it gets; default when the host has none.</typeparam>
internal sealed class CoalescedReads<TKey, TValue>
    where TKey : notnull
{
    private readonly Func<TKey[], CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> _readMany;
    private readonly int _maxKeysPerRead;
    private readonly IEqualityComparer<TKey> _comparer;
    private readonly CancellationToken _stop;
    private readonly object _lock = new();
    private Dictionary<TKey, TaskCompletionSource<TValue?>> _pending;
    private bool _running;

    /// <param name="readMany">Reads the given keys in one request; a key the answer lacks is read as default.</param>
    /// <param name="maxKeysPerRead">The most keys one request carries.</param>
    /// <param name="comparer">How keys compare (null: the default).</param>
    /// <param name="stop">Ends the requests (a batch's cancellation); a reader's own token ends only its wait.</param>
    public CoalescedReads(Func<TKey[], CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> readMany, int maxKeysPerRead,
        IEqualityComparer<TKey>? comparer = null, CancellationToken stop = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxKeysPerRead, 1);
        _readMany = readMany;
        _maxKeysPerRead = maxKeysPerRead;
        _comparer = comparer ?? EqualityComparer<TKey>.Default;
        _stop = stop;
        _pending = new Dictionary<TKey, TaskCompletionSource<TValue?>>(_comparer);
    }

    /// <summary>What the next request finds for <paramref name="key"/>; default when the host has none.</summary>
    public Task<TValue?> ReadAsync(TKey key, CancellationToken cancellationToken)
    {
        TaskCompletionSource<TValue?>? reading;
        var start = false;
        lock (_lock)
        {
            if (!_pending.TryGetValue(key, out reading))
            {
                reading = new TaskCompletionSource<TValue?>(TaskCreationOptions.RunContinuationsAsynchronously);
                _pending.Add(key, reading);
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
            Dictionary<TKey, TaskCompletionSource<TValue?>> round;
            lock (_lock)
            {
                if (_pending.Count == 0)
                {
                    _running = false;
                    return;
                }
                round = _pending;
                _pending = new Dictionary<TKey, TaskCompletionSource<TValue?>>(_comparer);
            }
            foreach (var chunk in round.Keys.Chunk(_maxKeysPerRead))
            {
                await AnswerAsync(chunk, round).ConfigureAwait(false);
            }
        }
    }

    private async Task AnswerAsync(TKey[] keys, Dictionary<TKey, TaskCompletionSource<TValue?>> round)
    {
        try
        {
            var found = await _readMany(keys, _stop).ConfigureAwait(false);
            foreach (var key in keys)
            {
                round[key].TrySetResult(found.TryGetValue(key, out var value) ? value : default);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            foreach (var key in keys)
            {
                round[key].TrySetCanceled(_stop);
            }
        }
        catch (Exception e)
        {
            foreach (var key in keys)
            {
                round[key].TrySetException(e);
            }
        }
    }
}
