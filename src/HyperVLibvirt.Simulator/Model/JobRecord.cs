namespace HyperVLibvirt.Simulator.Model;

/// <summary>One Msvm_ConcreteJob: what it changes, when it started and how it ends.</summary>
internal sealed class JobRecord
{
    public JobRecord(string instanceId, VmRecord? vm, string wmiNamespace, ushort fromState, ushort targetState, DateTimeOffset started, TimeSpan duration, string? failure)
    {
        InstanceId = instanceId;
        Vm = vm;
        Namespace = wmiNamespace;
        FromState = fromState;
        TargetState = targetState;
        Started = started;
        Duration = duration;
        Failure = failure;
    }

    /// <summary>The job's InstanceID (an upper-case GUID, as Hyper-V writes it).</summary>
    public string InstanceId { get; }

    /// <summary>The VM the job works on; null for a job that touches no VM (an injected method failure, the image management service's jobs).</summary>
    public VmRecord? Vm { get; }

    /// <summary>The job's class: Msvm_ConcreteJob, or Msvm_StorageJob for the image management service's jobs.</summary>
    public string ClassName { get; init; } = "Msvm_ConcreteJob";

    /// <summary>The namespace the job was started in; it is visible there only.</summary>
    public string Namespace { get; }

    public ushort FromState { get; }

    public ushort TargetState { get; }

    public DateTimeOffset Started { get; }

    public TimeSpan Duration { get; }

    /// <summary>The error description when the job is set to fail, else null.</summary>
    public string? Failure { get; }

    /// <summary>When the job finished, or null while it runs.</summary>
    public DateTimeOffset? Finished { get; set; }

    /// <summary>The last PercentComplete published, to skip rebuilding unchanged snapshots.</summary>
    public ushort PublishedPercent { get; set; } = ushort.MaxValue;
}
