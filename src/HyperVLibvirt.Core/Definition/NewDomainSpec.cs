using HyperVLibvirt.Core.Devices;

namespace HyperVLibvirt.Core.Definition;

/// <summary>
/// A domain to define: what libvirt's hypervDomainDefineXML (src/hyperv/hyperv_driver.c) takes from a virDomainDef,
/// plus the generation, which libvirt ignores. Made from libvirt's domain XML (<see cref="DomainXmlReader"/>) or from
/// New-VM's parameters. Null values are left as DefineSystem makes them (1 virtual processor, 1024 MiB).
/// </summary>
public sealed record NewDomainSpec
{
    /// <summary>The name (VSSD ElementName). Hyper-V allows two VMs of one name; the UUID tells them apart.</summary>
    public required string Name { get; init; }

    /// <summary>The UUID to give the VM (VSSD VirtualSystemIdentifier); null: Hyper-V assigns one.</summary>
    public Guid? Uuid { get; init; }

    /// <summary>The description, sent as the VSSD's Notes (one element); null or empty: none.</summary>
    public string? Description { get; init; }

    /// <summary>1 (BIOS) or 2 (UEFI): the VSSD's VirtualSystemSubType <c>Microsoft:Hyper-V:SubType:n</c>.</summary>
    public int Generation { get; init; } = 1;

    /// <summary>Startup memory in bytes (libvirt's currentMemory, else memory); null: DefineSystem's default.</summary>
    public ulong? MemoryBytes { get; init; }

    /// <summary>Maximum memory in bytes (libvirt's maxMemory: Msvm_MemorySettingData.Limit); null: left as Hyper-V sets it.</summary>
    public ulong? MaxMemoryBytes { get; init; }

    /// <summary>Virtual processors; null: DefineSystem's default (1).</summary>
    public int? VcpuCount { get; init; }

    /// <summary>
    /// A dynamic virtual hard disk to create before DefineSystem (New-VM's -NewVHDPath and -NewVHDSizeBytes); it is also among
    /// <see cref="Devices"/>, and deleted again when the define is undone.
    /// </summary>
    public NewVirtualHardDisk? NewDisk { get; init; }

    /// <summary>Devices in the order given; attached in libvirt's order (SCSI controllers, disks, serial ports, network adapters).</summary>
    public IReadOnlyList<DeviceSpec> Devices { get; init; } = [];
}

/// <summary>A virtual hard disk a define creates: its path on the host (.vhdx or .vhd) and the size the guest sees, in bytes.</summary>
public sealed record NewVirtualHardDisk(string Path, ulong SizeBytes);
