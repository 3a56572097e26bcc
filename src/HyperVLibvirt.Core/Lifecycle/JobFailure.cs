namespace HyperVLibvirt.Core.Lifecycle;

/// <summary>How waiting for a Hyper-V job ended badly. The ErrorIds users see are <c>Job</c> + the name.</summary>
public enum JobFailure
{
    /// <summary>The job ended in an error state (8 Terminated, 9 Killed, 10 Exception, 11 Service).</summary>
    Failed,

    /// <summary>The wait ran out of time; the job is still running on the host.</summary>
    TimedOut,

    /// <summary>The job reported a state libvirt does not know (e.g. 5 Suspended).</summary>
    StateUnknown,

    /// <summary>The job could not be found on the host.</summary>
    NotFound,
}
