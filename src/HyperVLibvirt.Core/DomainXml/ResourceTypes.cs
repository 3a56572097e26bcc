namespace HyperVLibvirt.Core.DomainXml;

/// <summary>
/// The CIM <c>ResourceType</c> values of Msvm_ResourceAllocationSettingData that the domain XML reads, as
/// libvirt names them in src/hyperv/hyperv_wmi_classes.h (MSVM_RASD_RESOURCETYPE_*) and Microsoft documents
/// them for CIM_ResourceAllocationSettingData.
/// </summary>
public static class ResourceTypes
{
    /// <summary>Other: the parent of Hyper-V's floppy drive.</summary>
    public const ushort Other = 1;

    /// <summary>An IDE controller: Hyper-V shows each channel of its PIIX4 controller as one.</summary>
    public const ushort IdeController = 5;

    /// <summary>A (synthetic) SCSI controller.</summary>
    public const ushort ParallelScsiHba = 6;

    /// <summary>A floppy drive.</summary>
    public const ushort DisketteDrive = 14;

    /// <summary>A DVD drive.</summary>
    public const ushort DvdDrive = 16;

    /// <summary>A disk drive: a synthetic one (holding a VHD) or a physical pass-through LUN.</summary>
    public const ushort DiskDrive = 17;

    /// <summary>A serial port.</summary>
    public const ushort SerialPort = 21;

    /// <summary>A virtual hard disk, ISO or floppy image (Msvm_StorageAllocationSettingData).</summary>
    public const ushort LogicalDisk = 31;

    /// <summary>An Ethernet connection (Msvm_EthernetPortAllocationSettingData).</summary>
    public const ushort EthernetConnection = 33;

    /// <summary>The ResourceSubType of an ISO image, which libvirt shows as <c>device='cdrom'</c>.</summary>
    public const string VirtualCdDvdDisk = "Microsoft:Hyper-V:Virtual CD/DVD Disk";

    /// <summary>Msvm_EthernetPortAllocationSettingData.EnabledState of a disconnected adapter.</summary>
    public const ushort PortDisabled = 3;
}
