namespace HyperVLibvirt.Core.HyperV;

/// <summary>What a Msvm_ComputerSystem <c>EnabledState</c> means in libvirt's terms.</summary>
/// <param name="State">The libvirt domain state.</param>
/// <param name="IsActive">libvirt's "active": the VM has a worker process and a domain id.</param>
/// <param name="InTransition">The VM is between states; state-changing operations should wait.</param>
/// <param name="HasManagedSave">The VM is saved (libvirt's "managed save image").</param>
public readonly record struct MappedState(HvDomainState State, bool IsActive, bool InTransition, bool HasManagedSave);
