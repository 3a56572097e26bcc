namespace HyperVLibvirt.Core.Lifecycle;

/// <summary>Why a lifecycle operation was refused or failed before any job ran. The names are the ErrorIds users see.</summary>
public enum LifecycleFailure
{
    /// <summary>Start asked of an active domain (or one in transition).</summary>
    DomainAlreadyActive,

    /// <summary>The operation needs a running domain (EnabledState 2).</summary>
    DomainNotRunning,

    /// <summary>The operation needs an active domain that is not between states.</summary>
    DomainNotActive,

    /// <summary>Resume asked of a domain that is not paused.</summary>
    DomainNotPaused,

    /// <summary>The domain has no saved state to discard.</summary>
    NoManagedSave,

    /// <summary>The domain no longer exists on the host.</summary>
    DomainNotFound,

    /// <summary>The domain has no Msvm_ShutdownComponent (no integration services), so it cannot be shut down gracefully.</summary>
    NoShutdownComponent,

    /// <summary>The host refused the request with a return code other than 0 or 4096.</summary>
    StateChangeFailed,

    /// <summary>The host's answer lacked what the request needs (ReturnValue, the job reference).</summary>
    InvalidResponse,

    /// <summary>The snapshot is no longer on the host (WMI's not-found fault for its reference).</summary>
    SnapshotNotFound,

    /// <summary>The snapshot was taken but could not be given the name asked for; it keeps Hyper-V's default name.</summary>
    SnapshotRenameFailed,
}
