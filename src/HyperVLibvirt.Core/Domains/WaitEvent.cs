namespace HyperVLibvirt.Core.Domains;

/// <summary>What a wait reports, in order: domains that got there or failed, host failures, and a progress line after each round.</summary>
public enum WaitEventKind
{
    /// <summary>A domain met the condition; <see cref="WaitEvent.Domain"/> is it (read again when asked).</summary>
    Reached,

    /// <summary>A domain's wait ended without it; <see cref="WaitEvent.Error"/> is an <see cref="HvWaitException"/>.</summary>
    Failed,

    /// <summary>A poll of a host failed; its domains are no longer waited on. <see cref="WaitEvent.Error"/> says why.</summary>
    HostFailed,

    /// <summary>A round ended with domains still pending.</summary>
    Progress,
}

/// <summary>One report of a wait.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Domain">The domain, for Reached and Failed.</param>
/// <param name="Error">The failure, for Failed and HostFailed.</param>
/// <param name="ComputerName">The host.</param>
/// <param name="Done">Domains finished (reached or failed) so far.</param>
/// <param name="Total">Domains waited on.</param>
/// <param name="Elapsed">Time since the wait began.</param>
/// <param name="Status">For Progress: what the pending domains show, e.g. "web01: heartbeat NoContact".</param>
public sealed record WaitEvent(WaitEventKind Kind, HvDomain? Domain, Exception? Error, string ComputerName, int Done, int Total, TimeSpan Elapsed,
    string? Status = null);
