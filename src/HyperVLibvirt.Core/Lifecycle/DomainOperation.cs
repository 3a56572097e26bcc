namespace HyperVLibvirt.Core.Lifecycle;

/// <summary>A domain lifecycle operation, named after what the user asked for.</summary>
public enum DomainOperation
{
    /// <summary>Start a stopped or saved domain (libvirt's domainCreate): RequestStateChange 2.</summary>
    Start,

    /// <summary>Graceful guest shutdown (libvirt's domainShutdown): Msvm_ShutdownComponent.InitiateShutdown.</summary>
    Shutdown,

    /// <summary>Power off (libvirt's domainDestroy): RequestStateChange 3.</summary>
    TurnOff,

    /// <summary>Managed save (libvirt's domainManagedSave): RequestStateChange 6 (v1: 32769).</summary>
    Save,

    /// <summary>Reboot (libvirt's domainReboot): RequestStateChange 10.</summary>
    Reboot,

    /// <summary>Hard reset (libvirt's domainReset): RequestStateChange 11.</summary>
    Reset,

    /// <summary>Pause (libvirt's domainSuspend): RequestStateChange 9 (v1: 32768).</summary>
    Suspend,

    /// <summary>Resume from paused (libvirt's domainResume): RequestStateChange 2.</summary>
    Resume,

    /// <summary>Discard the saved state (libvirt's domainManagedSaveRemove): RequestStateChange 3 on a saved domain.</summary>
    RemoveManagedSave,

    /// <summary>Take a snapshot (Msvm_VirtualSystemSnapshotService.CreateSnapshot; Hyper-V's Checkpoint-VM, virsh snapshot-create-as).</summary>
    CreateSnapshot,

    /// <summary>Revert to a snapshot (ApplySnapshot; virsh snapshot-revert).</summary>
    RevertSnapshot,

    /// <summary>Delete one snapshot (DestroySnapshot; virsh snapshot-delete).</summary>
    DeleteSnapshot,

    /// <summary>Delete a snapshot and its descendants (DestroySnapshotTree; virsh snapshot-delete --children).</summary>
    DeleteSnapshotTree,
    /// <summary>Change the configuration (libvirt's setmem, setmaxmem, setvcpus, autostart): ModifyResourceSettings / ModifySystemSettings.</summary>
    Configure,

    /// <summary>Remove the domain from the host (libvirt's domainUndefine): DestroySystem.</summary>
    Undefine,

    /// <summary>Create a domain (libvirt's domainDefineXML): DefineSystem, then its settings and devices.</summary>
    Define,
}
