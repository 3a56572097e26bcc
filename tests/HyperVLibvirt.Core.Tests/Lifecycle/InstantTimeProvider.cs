namespace HyperVLibvirt.Core.Tests.Lifecycle;

/// <summary>
/// Virtual time: every timer fires at once and moves the clock on by its due time, so waits
/// with backoff and timeouts run instantly and deterministically. Records every sleep.
/// </summary>
internal sealed class InstantTimeProvider : TimeProvider
{
    private long _ticks;
    private readonly List<TimeSpan> _sleeps = [];

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public IReadOnlyList<TimeSpan> Sleeps
    {
        get
        {
            lock (_sleeps)
            {
                return _sleeps.ToArray();
            }
        }
    }

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_sleeps)
        {
            _sleeps.Add(dueTime);
        }
        Advance(dueTime);
        ThreadPool.QueueUserWorkItem(_ => callback(state));
        return new Fired();
    }

    private sealed class Fired : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
