using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.DomainXml;

/// <summary>
/// Everything hypervDomainGetXMLDesc reads for one domain: its VSSD, processor and memory settings, its
/// RASDs, SASDs, serial port settings and Ethernet port allocations, each list in the order the host sent
/// it; and the host-wide objects devices point to (NIC port settings, switches, host disk drives).
/// </summary>
public sealed record DomainSettings
{
    /// <summary>The domain (from its Msvm_ComputerSystem).</summary>
    public required DomainRecord Domain { get; init; }

    /// <summary>Its realized Msvm_VirtualSystemSettingData, when the host returned one.</summary>
    public CimObject? SystemSettings { get; init; }

    /// <summary>Its Msvm_ProcessorSettingData.</summary>
    public CimObject? Processor { get; init; }

    /// <summary>Its Msvm_MemorySettingData.</summary>
    public CimObject? Memory { get; init; }

    /// <summary>Its Msvm_ResourceAllocationSettingData (controllers, drives, and on 2012 R2 serial ports).</summary>
    public IReadOnlyList<CimObject> ResourceSettings { get; init; } = [];

    /// <summary>Its Msvm_StorageAllocationSettingData (VHD, VHDX, ISO and floppy images).</summary>
    public IReadOnlyList<CimObject> StorageSettings { get; init; } = [];

    /// <summary>Its Msvm_SerialPortSettingData (hosts newer than 2012 R2).</summary>
    public IReadOnlyList<CimObject> SerialPortSettings { get; init; } = [];

    /// <summary>Its Msvm_EthernetPortAllocationSettingData.</summary>
    public IReadOnlyList<CimObject> PortAllocations { get; init; } = [];

    /// <summary>Msvm_SyntheticEthernetPortSettingData the port allocations' Parent paths may name.</summary>
    public IReadOnlyList<CimObject> EthernetPortSettings { get; init; } = [];

    /// <summary>Msvm_VirtualEthernetSwitch instances the port allocations' HostResource paths may name.</summary>
    public IReadOnlyList<CimObject> Switches { get; init; } = [];

    /// <summary>Msvm_DiskDrive instances pass-through LUNs' HostResource paths may name.</summary>
    public IReadOnlyList<CimObject> HostDiskDrives { get; init; } = [];

    /// <summary>Read serial ports from the RASDs, as libvirt does when the host's version starts with "6." (2012 R2 and older).</summary>
    public bool SerialPortsInResourceSettings { get; init; }
}
