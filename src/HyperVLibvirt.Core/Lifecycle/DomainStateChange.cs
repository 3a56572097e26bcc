using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Core.Lifecycle;

/// <summary>
/// The operation table: which Hyper-V call each lifecycle operation makes, with which
/// RequestedState on v1 and v2 hosts, and libvirt's precondition on the domain's state
/// (src/hyperv/hyperv_driver.c: hypervDomainCreateWithFlags, hypervDomainShutdownFlags, hypervDomainDestroyFlags, hypervDomainSuspend, hypervDomainResume, hypervDomainManagedSave), with libvirt's message for a refusal.
/// </summary>
public static class DomainStateChange
{
    /// <summary>The WMI method an operation invokes: <c>InitiateShutdown</c> for a graceful shutdown, else <c>RequestStateChange</c>.</summary>
    public static string MethodName(DomainOperation operation) =>
        operation == DomainOperation.Shutdown ? "InitiateShutdown" : "RequestStateChange";

    /// <summary>
    /// The RequestedState sent for an operation on a host speaking <paramref name="api"/>;
    /// null for <see cref="DomainOperation.Shutdown"/>, which is not a state change request.
    /// Only suspend and managed save differ between v1 and v2, as in libvirt.
    /// </summary>
    public static ushort? RequestedState(DomainOperation operation, WmiApi api) => operation switch
    {
        DomainOperation.Start or DomainOperation.Resume => RequestedStates.Enabled,
        DomainOperation.TurnOff or DomainOperation.RemoveManagedSave => RequestedStates.Disabled,
        DomainOperation.Save => api == WmiApi.V1 ? RequestedStates.Suspended : RequestedStates.Offline,
        DomainOperation.Suspend => api == WmiApi.V1 ? RequestedStates.Paused : RequestedStates.Quiesce,
        DomainOperation.Reboot => RequestedStates.Reboot,
        DomainOperation.Reset => RequestedStates.Reset,
        DomainOperation.Shutdown => null,
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };

    /// <summary>
    /// libvirt's precondition, checked against a fresh read of the domain: null when the
    /// operation may go ahead, otherwise why not.
    /// </summary>
    /// <remarks>
    /// Resume accepts both paused values (9 and 32768) where libvirt checks only its own
    /// version's value; the state mapping treats both as Paused, so this is the same domain
    /// libvirt would resume on either host generation. Shutdown requires a running domain
    /// (Hyper-V refuses to shut down a paused guest) where libvirt accepts any active one.
    /// </remarks>
    public static LifecycleFailure? Check(DomainOperation operation, DomainRecord domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var running = domain.EnabledState == EnabledStates.Enabled;
        return operation switch
        {
            DomainOperation.Start when domain.IsActive || domain.InTransition => LifecycleFailure.DomainAlreadyActive,
            DomainOperation.Suspend or DomainOperation.Reboot or DomainOperation.Reset or DomainOperation.Shutdown when !running
                => LifecycleFailure.DomainNotRunning,
            DomainOperation.TurnOff or DomainOperation.Save when !domain.IsActive || domain.InTransition => LifecycleFailure.DomainNotActive,
            DomainOperation.Resume when domain.State != HvDomainState.Paused => LifecycleFailure.DomainNotPaused,
            DomainOperation.RemoveManagedSave when !domain.HasManagedSave => LifecycleFailure.NoManagedSave,
            // Hyper-V applies a snapshot only to a VM that is off or saved (Msvm_VirtualSystemSnapshotService.ApplySnapshot).
            DomainOperation.RevertSnapshot when domain.IsActive || domain.InTransition => LifecycleFailure.DomainAlreadyActive,
            _ => null,
        };
    }

    /// <summary>Whether the operation is a state change (RequestStateChange or InitiateShutdown), not a call to a snapshot or management service.</summary>
    public static bool IsStateChange(DomainOperation operation) =>
        operation is not (DomainOperation.CreateSnapshot or DomainOperation.RevertSnapshot or DomainOperation.DeleteSnapshot or DomainOperation.DeleteSnapshotTree
            or DomainOperation.Configure or DomainOperation.Undefine or DomainOperation.Define);

    /// <summary>libvirt's message for a refused operation (VIR_ERR_OPERATION_INVALID).</summary>
    public static string LibvirtText(DomainOperation operation, LifecycleFailure failure) => (operation, failure) switch
    {
        (_, LifecycleFailure.DomainAlreadyActive) => "Domain is already active or is in state transition",
        (DomainOperation.Shutdown, _) => "Domain is not active or in state transition",
        (_, LifecycleFailure.DomainNotRunning) => "Domain is not active",
        (_, LifecycleFailure.DomainNotActive) => "Domain is not active or is in state transition",
        (_, LifecycleFailure.DomainNotPaused) => "Domain is not paused",
        (_, LifecycleFailure.NoManagedSave) => "Domain has no managed save image",
        _ => failure.ToString(),
    };

    /// <summary>What the operation does, as a verb phrase for messages and -WhatIf: "start", "turn off", ….</summary>
    public static string Verb(DomainOperation operation) => operation switch
    {
        DomainOperation.Start => "start",
        DomainOperation.Shutdown => "shut down",
        DomainOperation.TurnOff => "turn off",
        DomainOperation.Save => "save",
        DomainOperation.Reboot => "reboot",
        DomainOperation.Reset => "reset",
        DomainOperation.Suspend => "suspend",
        DomainOperation.Resume => "resume",
        DomainOperation.RemoveManagedSave => "remove the managed save of",
        DomainOperation.CreateSnapshot => "checkpoint",
        DomainOperation.RevertSnapshot => "revert",
        DomainOperation.DeleteSnapshot => "delete a snapshot of",
        DomainOperation.DeleteSnapshotTree => "delete a snapshot subtree of",
        DomainOperation.Configure => "configure",
        DomainOperation.Undefine => "remove",
        DomainOperation.Define => "define",
        _ => operation.ToString(),
    };

    /// <summary>The operation's name for -WhatIf and confirmation prompts: "Start", "Turn off", "Remove managed save", ….</summary>
    public static string ActionName(DomainOperation operation) => operation switch
    {
        DomainOperation.RemoveManagedSave => "Remove managed save",
        _ => char.ToUpperInvariant(Verb(operation)[0]) + Verb(operation)[1..],
    };

    /// <summary>What the domain must be for the operation, for the end of a refusal message.</summary>
    public static string Requirement(LifecycleFailure failure) => failure switch
    {
        LifecycleFailure.DomainAlreadyActive => "it must be off or saved",
        LifecycleFailure.DomainNotRunning => "it must be running",
        LifecycleFailure.DomainNotActive => "it must be running or paused",
        LifecycleFailure.DomainNotPaused => "it must be paused",
        LifecycleFailure.NoManagedSave => "it must be saved",
        _ => string.Empty,
    };
}
