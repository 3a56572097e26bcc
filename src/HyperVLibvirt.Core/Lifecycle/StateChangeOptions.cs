namespace HyperVLibvirt.Core.Lifecycle;

/// <summary>How a lifecycle operation is carried out.</summary>
public sealed record StateChangeOptions
{
    /// <summary>The default bound on waiting for a job: libvirt's budget for generic invocations.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(300);

    /// <summary>Wait for the job (or the guest's shutdown) to finish; otherwise return once the host has accepted the request.</summary>
    public bool WaitForCompletion { get; init; } = true;

    /// <summary>How long to wait before giving up (the job itself is never cancelled).</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>For a graceful shutdown: InitiateShutdown's <c>Force</c> (shut down even if applications object).</summary>
    public bool ForceShutdown { get; init; }

    /// <summary>For a graceful shutdown: InitiateShutdown's <c>Reason</c>, which the guest logs.</summary>
    public string ShutdownReason { get; init; } = "Planned shutdown via HyperVLibvirt";

    /// <summary>
    /// Told of a job when it starts (<see cref="JobStatus.Started"/>) and at every poll. Called on
    /// a thread-pool thread; it must be quick and thread-safe.
    /// </summary>
    public Action<JobStatus>? OnJobStatus { get; init; }

    /// <summary>The polling delays; <see cref="JobPollBackoff.Default"/> when null.</summary>
    public JobPollBackoff? Backoff { get; init; }
}
