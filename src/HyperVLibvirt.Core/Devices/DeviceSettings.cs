using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Devices;

/// <summary>
/// The embedded instances AddResourceSettings and ModifyResourceSettings take for each device, property for property as
/// libvirt builds them in src/hyperv/hyperv_driver.c (the function is named on each), in Microsoft's classes of
/// root/virtualization/v2.
/// </summary>
internal static class DeviceSettings
{
    public const string ResourceClass = "Msvm_ResourceAllocationSettingData";
    public const string StorageClass = "Msvm_StorageAllocationSettingData";
    public const string EthernetPortClass = "Msvm_SyntheticEthernetPortSettingData";
    public const string EthernetConnectionClass = "Msvm_EthernetPortAllocationSettingData";
    public const string SerialPortClass = "Msvm_SerialPortSettingData";

    // CIM_ResourceAllocationSettingData.ResourceType values (MSVM_RASD_RESOURCETYPE_* in src/hyperv/hyperv_wmi_classes.h).
    private const ushort ParallelScsiHba = 6;
    private const ushort EthernetAdapter = 10;
    private const ushort DvdDrive = 16;
    private const ushort DiskDrive = 17;
    private const ushort LogicalDisk = 31;
    private const ushort EthernetConnectionType = 33;

    // Msvm_EthernetPortAllocationSettingData.EnabledState: 2 connected.
    private const ushort PortEnabled = 2;

    /// <summary>hypervDomainCreateSCSIController.</summary>
    public static EmbeddedInstance ScsiController() => new EmbeddedInstance(ResourceClass)
        .Add("ResourceType", ParallelScsiHba)
        .Add("ResourceSubType", "Microsoft:Hyper-V:Synthetic SCSI Controller");

    /// <summary>hypervDomainAddVirtualDiskParent (a hard drive), hypervDomainAddOpticalDrive (a DVD drive), hypervDomainAttachPhysicalDisk (a pass-through disk).</summary>
    public static EmbeddedInstance Drive(DiskKind kind, string controllerPath, int location, string? hostDiskPath = null)
    {
        var (type, subType) = kind switch
        {
            DiskKind.Dvd => (DvdDrive, "Microsoft:Hyper-V:Synthetic DVD Drive"),
            DiskKind.PassThroughDisk => (DiskDrive, "Microsoft:Hyper-V:Physical Disk Drive"),
            _ => (DiskDrive, "Microsoft:Hyper-V:Synthetic Disk Drive"),
        };
        var drive = new EmbeddedInstance(ResourceClass)
            .Add("Parent", controllerPath)
            .Add("AddressOnParent", location.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add("ResourceType", type)
            .Add("ResourceSubType", subType);
        if (hostDiskPath is not null)
        {
            drive.Add("HostResource", [hostDiskPath]);
        }
        return drive;
    }

    /// <summary>hypervDomainAddVirtualHardDisk, hypervDomainAddOpticalDisk, hypervDomainAttachFloppy: the image in its drive.</summary>
    public static EmbeddedInstance Media(DiskKind kind, string drivePath, string imagePath) => new EmbeddedInstance(StorageClass)
        .Add("Parent", drivePath)
        .Add("HostResource", [imagePath])
        .Add("ResourceType", LogicalDisk)
        .Add("ResourceSubType", kind switch
        {
            DiskKind.Dvd => "Microsoft:Hyper-V:Virtual CD/DVD Disk",
            DiskKind.Floppy => "Microsoft:Hyper-V:Virtual Floppy Disk",
            _ => "Microsoft:Hyper-V:Virtual Hard Disk",
        });

    /// <summary>
    /// hypervDomainAttachSyntheticEthernetAdapter, step 1. Unlike libvirt, which always sends a static MAC (its own random one when
    /// the XML has none), an adapter without a MAC gets a dynamic one from Hyper-V, as Add-VMNetworkAdapter does; and it is
    /// named "Network Adapter" as Hyper-V Manager names adapters.
    /// </summary>
    public static EmbeddedInstance EthernetPort(Guid identifier, string? macAddress)
    {
        var port = new EmbeddedInstance(EthernetPortClass)
            .Add("ResourceType", EthernetAdapter)
            .Add("ResourceSubType", "Microsoft:Hyper-V:Synthetic Ethernet Port")
            .Add("ElementName", "Network Adapter")
            .Add("VirtualSystemIdentifiers", ["{" + identifier.ToString("D") + "}"]);
        if (macAddress is not null)
        {
            port.Add("StaticMacAddress", true).Add("Address", macAddress);
        }
        return port;
    }

    /// <summary>hypervDomainAttachSyntheticEthernetAdapter, step 3: the port's connection to the switch.</summary>
    public static EmbeddedInstance EthernetConnection(string portPath, string switchPath) => new EmbeddedInstance(EthernetConnectionClass)
        .Add("EnabledState", PortEnabled)
        .Add("HostResource", [switchPath])
        .Add("Parent", portPath)
        .Add("ResourceType", EthernetConnectionType)
        .Add("ResourceSubType", "Microsoft:Hyper-V:Ethernet Connection");

    /// <summary>hypervDomainAttachSerial: the COM port's Connection, the pipe or "" (none), through ModifyResourceSettings.</summary>
    public static EmbeddedInstance SerialConnection(string className, string instanceId, string? pipePath) => new EmbeddedInstance(className)
        .Add("InstanceID", instanceId)
        .Add("Connection", [pipePath ?? string.Empty]);
}
