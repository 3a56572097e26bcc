using HyperVLibvirt.Core.Lifecycle;

namespace HyperVLibvirt.Core.Definition;

/// <summary>How long to wait for each job of a define and where its progress goes.</summary>
public sealed record DefineOptions
{
    /// <summary>The bound on each job's wait; libvirt's is 300 s (HYPERV_JOB_TIMEOUT_MS).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Every reading of a job, for progress (called on the waiting task).</summary>
    public Action<JobStatus>? OnJobStatus { get; init; }

    /// <summary>Each step as it starts ("DefineSystem", "Setting memory and virtual processors", ...), for progress.</summary>
    public Action<string>? OnStep { get; init; }
}
