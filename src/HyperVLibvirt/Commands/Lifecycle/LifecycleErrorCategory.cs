using System.Management.Automation;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Lifecycle;

namespace HyperVLibvirt.Commands.Lifecycle;

/// <summary>The ErrorCategory of a lifecycle failure, from what the host said.</summary>
internal static class LifecycleErrorCategory
{
    public static ErrorCategory Of(HvLifecycleException exception) => exception.Reason switch
    {
        _ when exception.IsStateConflict => ErrorCategory.InvalidOperation,
        LifecycleFailure.DomainNotFound => ErrorCategory.ObjectNotFound,
        LifecycleFailure.SnapshotNotFound => ErrorCategory.ObjectNotFound,
        LifecycleFailure.NoShutdownComponent => ErrorCategory.InvalidOperation,
        LifecycleFailure.InvalidResponse => ErrorCategory.ProtocolError,
        _ => OfCode(exception.ReturnValue),
    };

    public static ErrorCategory Of(HvJobException exception) => exception.Failure switch
    {
        JobFailure.TimedOut => ErrorCategory.OperationTimeout,
        JobFailure.NotFound => ErrorCategory.ObjectNotFound,
        JobFailure.StateUnknown => ErrorCategory.InvalidResult,
        _ when exception.LastStatus?.JobState is JobStates.Terminated or JobStates.Killed => ErrorCategory.OperationStopped,
        _ => OfCode(exception.ErrorCode),
    };

    // Hyper-V's return and job error codes (Microsoft's Msvm_ComputerSystem.RequestStateChange and Msvm_ConcreteJob documentation) by what they mean for the user.
    private static ErrorCategory OfCode(uint? code) => code switch
    {
        32775 or 4097 => ErrorCategory.InvalidOperation,
        32769 => ErrorCategory.PermissionDenied,
        6 or 4099 or 32774 => ErrorCategory.ResourceBusy,
        3 or 32772 => ErrorCategory.OperationTimeout,
        32777 or 32778 => ErrorCategory.ResourceUnavailable,
        1 or 32770 => ErrorCategory.NotImplemented,
        5 or 32773 or 32776 => ErrorCategory.InvalidArgument,
        _ => ErrorCategory.InvalidResult,
    };
}
