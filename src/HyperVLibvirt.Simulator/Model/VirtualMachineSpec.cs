namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// One VM of the inventory, as generated or loaded from JSON (see INVENTORY.md).
/// </summary>
/// <param name="Id">The VM GUID (Msvm_ComputerSystem.Name, written lower-case).</param>
/// <param name="Name">The display name (ElementName).</param>
/// <param name="State">The initial EnabledState, in v2 numbering (see <see cref="EnabledStates"/>).</param>
/// <param name="VirtualProcessors">Number of virtual processors.</param>
/// <param name="MemoryMB">Startup memory in MB (Msvm_MemorySettingData.VirtualQuantity).</param>
/// <param name="MaxMemoryMB">Maximum memory in MB (Msvm_MemorySettingData.Limit).</param>
/// <param name="DynamicMemory">Whether dynamic memory is on.</param>
/// <param name="AutoStart">Whether the VM always starts with the host (AutomaticStartupAction 4).</param>
/// <param name="ProcessId">The worker process id for a VM that has one; null lets the host pick one.</param>
/// <param name="IntegrationServices">Whether the guest has the shutdown integration service (Msvm_ShutdownComponent).</param>
/// <param name="Notes">VSSD Notes, or null.</param>
/// <param name="FailJobs">Whether every state-change job of this VM fails (for error-path tests).</param>
/// <param name="Devices">The VM's virtual hardware as the inventory gives it; null derives it from <paramref name="Id"/> (DEVICES.md).</param>
/// <param name="RefuseStateChange">A return code every RequestStateChange on this VM answers with, starting no job (for error-path tests); null to behave normally.</param>
public sealed record VirtualMachineSpec(
    Guid Id,
    string Name,
    ushort State,
    int VirtualProcessors,
    ulong MemoryMB,
    ulong MaxMemoryMB,
    bool DynamicMemory,
    bool AutoStart,
    uint? ProcessId,
    bool IntegrationServices,
    string? Notes,
    bool FailJobs,
    uint? RefuseStateChange = null,
    VmDeviceLayout? Devices = null);
