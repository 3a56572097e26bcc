namespace HyperVLibvirt.Core.DomainXml;

/// <summary>
/// A domain as libvirt's hypervDomainGetXMLDesc (src/hyperv/hyperv_driver.c) fills its virDomainDef: the
/// fields it sets, nothing else. <see cref="DomainXmlFormatter"/> turns it into the text virsh dumpxml prints.
/// </summary>
public sealed record DomainDefinition
{
    /// <summary>The domain id (the worker ProcessID) while active, else null (libvirt's -1: no <c>id</c> attribute).</summary>
    public int? Id { get; init; }

    /// <summary>Msvm_ComputerSystem.ElementName.</summary>
    public required string Name { get; init; }

    /// <summary>Msvm_ComputerSystem.Name.</summary>
    public required Guid Uuid { get; init; }

    /// <summary>The VSSD's Notes joined by a blank line; null when they are absent or empty.</summary>
    public string? Description { get; init; }

    /// <summary>
    /// The Hyper-V generation from the VSSD's VirtualSystemSubType (<c>Microsoft:Hyper-V:SubType:2</c>): 2 is UEFI,
    /// written as <c>&lt;os firmware='efi'&gt;</c>; 1 (also when the host has no subtype) is BIOS. libvirt's driver
    /// leaves the firmware unset; writing it lets the XML define the same generation again.
    /// </summary>
    public int Generation { get; init; } = 1;

    /// <summary>Msvm_MemorySettingData.Limit in KiB (libvirt's <c>mem.max_memory</c>, printed as maxMemory).</summary>
    public ulong MaxMemoryKiB { get; init; }

    /// <summary>Msvm_MemorySettingData.VirtualQuantity in KiB (both <c>memory</c> and <c>currentMemory</c>).</summary>
    public ulong MemoryKiB { get; init; }

    /// <summary>Msvm_ProcessorSettingData.VirtualQuantity (current and maximum alike).</summary>
    public uint VCpus { get; init; }

    /// <summary>Disks in libvirt's order: pass-through LUNs in RASD order, then images in SASD order.</summary>
    public IReadOnlyList<DiskDefinition> Disks { get; init; } = [];

    /// <summary>One IDE controller when any IDE channel exists, then one SCSI controller per SCSI RASD.</summary>
    public IReadOnlyList<ControllerDefinition> Controllers { get; init; } = [];

    /// <summary>Connected network adapters.</summary>
    public IReadOnlyList<InterfaceDefinition> Interfaces { get; init; } = [];

    /// <summary>Serial ports (COM1, COM2).</summary>
    public IReadOnlyList<SerialDefinition> Serials { get; init; } = [];
}

/// <summary>libvirt's <c>&lt;disk&gt;</c> element with a drive address.</summary>
/// <param name="Type"><c>file</c> (an image) or <c>block</c> (a pass-through LUN).</param>
/// <param name="Device"><c>disk</c>, <c>cdrom</c> or <c>floppy</c>.</param>
/// <param name="Source">The image path, or the host disk's DriveNumber for a LUN.</param>
/// <param name="Target">hda…, sda…, or fda.</param>
/// <param name="Bus"><c>ide</c>, <c>scsi</c> or <c>fdc</c>.</param>
/// <param name="Address">The drive address libvirt prints.</param>
public sealed record DiskDefinition(string Type, string Device, string Source, string Target, string Bus, DriveAddress Address);

/// <summary>libvirt's <c>&lt;address type='drive' …/&gt;</c>.</summary>
public sealed record DriveAddress(int Controller, int Bus, int Target, int Unit);

/// <summary>libvirt's <c>&lt;controller type='ide|scsi' index='n'/&gt;</c>.</summary>
public sealed record ControllerDefinition(string Type, int Index);

/// <summary>libvirt's <c>&lt;interface type='bridge'&gt;</c>: the adapter's MAC and the switch's Name as the bridge.</summary>
public sealed record InterfaceDefinition(string MacAddress, string Bridge);

/// <summary>libvirt's <c>&lt;serial type='pipe'&gt;</c>: the port number and the named pipe (libvirt writes -1 for none).</summary>
public sealed record SerialDefinition(int Port, string Path);
