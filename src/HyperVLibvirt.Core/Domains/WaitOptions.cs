namespace HyperVLibvirt.Core.Domains;

/// <summary>How long and how often a wait polls.</summary>
public sealed record WaitOptions
{
    /// <summary>The default limit: five minutes, long enough for a guest to boot and get a DHCP lease.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a running guest may take to answer before its silence means no integration services: Windows and
    /// current Linux guests answer within a minute or two of starting.
    /// </summary>
    public static readonly TimeSpan DefaultGuestBootAllowance = TimeSpan.FromMinutes(3);

    /// <summary>The first pause between polls; each next one doubles, up to <see cref="MaxPollDelay"/>.</summary>
    public static readonly TimeSpan FirstPollDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The longest pause between polls: a poll is one or two small requests per host, so a guest that gets its
    /// address is seen within 2 s rather than up to 5 s later.
    /// </summary>
    public static readonly TimeSpan MaxPollDelay = TimeSpan.FromSeconds(2);

    /// <summary>The overall limit for every domain of the wait.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>See <see cref="DefaultGuestBootAllowance"/>.</summary>
    public TimeSpan GuestBootAllowance { get; init; } = DefaultGuestBootAllowance;

    /// <summary>Whether each domain that gets there is read again (with Get-VM's columns) to be returned.</summary>
    public bool ReadReached { get; init; }

    /// <summary>The clock; tests replace it.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The pause after poll round <paramref name="round"/> (0-based): 0.5 s, 1 s, then 2 s.</summary>
    public static TimeSpan PollDelay(int round) =>
        round >= 2 ? MaxPollDelay : TimeSpan.FromTicks(Math.Min(FirstPollDelay.Ticks << round, MaxPollDelay.Ticks));
}
