using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Core.Lifecycle;

/// <summary>
/// A lifecycle operation that was refused or failed before any job ran: the domain's state did
/// not allow it (nothing was sent), the host returned an error code, or the domain cannot do it.
/// </summary>
public sealed class HvLifecycleException : HvHostException
{
    /// <summary>Creates the exception.</summary>
    public HvLifecycleException(LifecycleFailure reason, DomainOperation operation, string domainName, Guid domainUuid, string message,
        uint? returnValue = null, string? recommendedAction = null)
        : base(message)
    {
        Reason = reason;
        Operation = operation;
        DomainName = domainName;
        DomainUuid = domainUuid;
        ReturnValue = returnValue;
        RecommendedAction = recommendedAction;
    }

    /// <summary>What went wrong; its name is the ErrorId.</summary>
    public LifecycleFailure Reason { get; }

    /// <summary>The operation asked for.</summary>
    public DomainOperation Operation { get; }

    /// <summary>The domain's name.</summary>
    public string DomainName { get; }

    /// <summary>The domain's UUID.</summary>
    public Guid DomainUuid { get; }

    /// <summary>The method's return value, for <see cref="LifecycleFailure.StateChangeFailed"/>.</summary>
    public uint? ReturnValue { get; }

    /// <summary>What the user can do about it, when there is something.</summary>
    public string? RecommendedAction { get; }

    /// <summary>Whether the domain's state (rather than the host) is why nothing happened.</summary>
    public bool IsStateConflict => Reason is LifecycleFailure.DomainAlreadyActive or LifecycleFailure.DomainNotRunning
        or LifecycleFailure.DomainNotActive or LifecycleFailure.DomainNotPaused or LifecycleFailure.NoManagedSave
        || (Reason == LifecycleFailure.StateChangeFailed && ReturnValue is 32775 or 4097);
}
