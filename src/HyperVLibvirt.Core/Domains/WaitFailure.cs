namespace HyperVLibvirt.Core.Domains;

/// <summary>Why a domain's wait ended without the condition met.</summary>
public enum WaitFailure
{
    /// <summary>The time limit passed.</summary>
    TimedOut,

    /// <summary>A heartbeat or address was awaited on a domain that is off or saved, so no guest runs to give one.</summary>
    NotRunning,

    /// <summary>The guest has run past the boot allowance and never answered: no integration services (or they are off).</summary>
    NoIntegrationServices,

    /// <summary>The host no longer has the domain.</summary>
    Deleted,
}
