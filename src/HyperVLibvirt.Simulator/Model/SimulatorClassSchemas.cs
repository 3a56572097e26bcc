namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// Classes and properties a real host serves beyond what libvirt's client reads: the
/// associations, and the extra properties real WinRM responses carry (Microsoft's Msvm_* class
/// documentation), in the same text form as <see cref="ClientClassSchemas"/>.
/// </summary>
internal static class SimulatorClassSchemas
{
    /// <summary>Classes that exist only here (associations); <c>ref</c> marks a reference.</summary>
    public static readonly (string Name, string? Parent, string Properties)[] Associations =
    [
        ("Msvm_SettingsDefineState", null, "ManagedElement (ref), SettingData (ref)"),
        ("Msvm_VirtualSystemSettingDataComponent", null, "GroupComponent (ref), PartComponent (ref)"),
        ("Msvm_AffectedJobElement", null, "AffectedElement (ref), AffectingElement (ref), ElementEffects[] (uint16), OtherElementEffectsDescriptions[] (string)"),
        // root/cimv2: the computer system to its processors (libvirt's hypervGetProcessorsByName).
        ("Win32_ComputerSystemProcessor", null, "GroupComponent (ref), PartComponent (ref)"),
    ];

    /// <summary>Extra properties per class, appended to the client's list.</summary>
    public static readonly IReadOnlyDictionary<string, string> ExtraProperties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        // Present on every v2 Msvm_ComputerSystem in the ja-JP captures.
        ["Msvm_ComputerSystem"] = "HwThreadsPerCoreRealized (uint64), ManagementVtlImageFileName (string), ManagementVtlImageVersion (string)",
        // Present in the Windows Server 2012 Win32_OperatingSystem capture.
        ["Win32_OperatingSystem"] = "PortableOperatingSystem (boolean)",
        // Present in the Windows Server 2012 Win32_ComputerSystem capture.
        ["Win32_ComputerSystem"] = "HypervisorPresent (boolean)",
        // Present in the ja-JP Msvm_ResourceAllocationSettingData capture.
        ["Msvm_ResourceAllocationSettingData"] = "TargetVtl (uint32)",
    };

    /// <summary>The key properties of each class that has instances.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Keys = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["Msvm_ComputerSystem"] = ["CreationClassName", "Name"],
        ["Msvm_VirtualSystemSettingData"] = ["InstanceID"],
        ["Msvm_ProcessorSettingData"] = ["InstanceID"],
        ["Msvm_MemorySettingData"] = ["InstanceID"],
        ["Msvm_ResourceAllocationSettingData"] = ["InstanceID"],
        ["Msvm_SerialPortSettingData"] = ["InstanceID"],
        ["Msvm_StorageAllocationSettingData"] = ["InstanceID"],
        ["Msvm_SyntheticEthernetPortSettingData"] = ["InstanceID"],
        ["Msvm_EthernetPortAllocationSettingData"] = ["InstanceID"],
        ["Msvm_ConcreteJob"] = ["InstanceID"],
        ["Msvm_ShutdownComponent"] = ["CreationClassName", "DeviceID", "SystemCreationClassName", "SystemName"],
        ["Msvm_Keyboard"] = ["CreationClassName", "DeviceID", "SystemCreationClassName", "SystemName"],
        ["Msvm_DiskDrive"] = ["CreationClassName", "DeviceID", "SystemCreationClassName", "SystemName"],
        ["Msvm_SyntheticDisplayController"] = ["CreationClassName", "DeviceID", "SystemCreationClassName", "SystemName"],
        ["Msvm_S3DisplayController"] = ["CreationClassName", "DeviceID", "SystemCreationClassName", "SystemName"],
        ["Msvm_VideoHead"] = ["CreationClassName", "DeviceID", "SystemCreationClassName", "SystemName"],
        ["Msvm_VirtualSystemManagementService"] = ["CreationClassName", "Name", "SystemCreationClassName", "SystemName"],
        ["Msvm_VirtualEthernetSwitchManagementService"] = ["CreationClassName", "Name", "SystemCreationClassName", "SystemName"],
        ["Msvm_VirtualEthernetSwitch"] = ["CreationClassName", "Name"],
        ["Msvm_SettingsDefineState"] = ["ManagedElement", "SettingData"],
        ["Msvm_VirtualSystemSettingDataComponent"] = ["GroupComponent", "PartComponent"],
        ["Msvm_AffectedJobElement"] = ["AffectedElement", "AffectingElement"],
        ["Win32_OperatingSystem"] = ["Name"],
        ["Win32_ComputerSystem"] = ["Name"],
        ["Win32_ComputerSystemProduct"] = ["IdentifyingNumber", "Name", "Version"],
        ["Win32_Processor"] = ["DeviceID"],
        ["CIM_DataFile"] = ["Name"],
        ["Win32_PerfRawData_HvStats_HyperVHypervisorVirtualProcessor"] = ["Name"],
        ["Win32_ComputerSystemProcessor"] = ["GroupComponent", "PartComponent"],
    };
}
