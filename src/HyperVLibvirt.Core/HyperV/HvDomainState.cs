namespace HyperVLibvirt.Core.HyperV;

/// <summary>libvirt's virDomainState, with libvirt's numbers.</summary>
public enum HvDomainState
{
    /// <summary>No state (VIR_DOMAIN_NOSTATE).</summary>
    NoState = 0,

    /// <summary>Running (VIR_DOMAIN_RUNNING).</summary>
    Running = 1,

    /// <summary>Blocked on a resource (VIR_DOMAIN_BLOCKED); Hyper-V never reports it.</summary>
    Blocked = 2,

    /// <summary>Paused by the user (VIR_DOMAIN_PAUSED).</summary>
    Paused = 3,

    /// <summary>Being shut down (VIR_DOMAIN_SHUTDOWN).</summary>
    Shutdown = 4,

    /// <summary>Shut off (VIR_DOMAIN_SHUTOFF).</summary>
    Shutoff = 5,

    /// <summary>Crashed (VIR_DOMAIN_CRASHED); Hyper-V never reports it.</summary>
    Crashed = 6,

    /// <summary>Suspended by guest power management (VIR_DOMAIN_PMSUSPENDED); Hyper-V never reports it.</summary>
    PMSuspended = 7,
}
