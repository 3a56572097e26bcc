namespace HyperVLibvirt.Core.Lifecycle;

/// <summary>
/// How often a job is polled: quickly at first (most state changes finish in well under a
/// second), then less often, never slower than <see cref="Maximum"/>. libvirt polls every 100 ms forever.
/// </summary>
/// <param name="Initial">The first delay.</param>
/// <param name="Maximum">The longest delay.</param>
public sealed record JobPollBackoff(TimeSpan Initial, TimeSpan Maximum)
{
    /// <summary>50 ms doubling up to 1 s.</summary>
    public static JobPollBackoff Default { get; } = new(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1));

    /// <summary>The delay after <paramref name="previous"/>: double it, capped at <see cref="Maximum"/>.</summary>
    public TimeSpan Next(TimeSpan previous)
    {
        var doubled = previous * 2;
        return doubled <= TimeSpan.Zero ? Initial : doubled > Maximum ? Maximum : doubled;
    }

    /// <summary>The delays in order, as many as asked for.</summary>
    public IEnumerable<TimeSpan> Delays(int count)
    {
        var delay = Initial > Maximum ? Maximum : Initial;
        for (var i = 0; i < count; i++)
        {
            yield return delay;
            delay = Next(delay);
        }
    }
}
