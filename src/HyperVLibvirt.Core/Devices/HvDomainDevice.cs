namespace HyperVLibvirt.Core.Devices;

/// <summary>
/// A device attached to a domain, as the host reports it after the attach. Public properties are plain values, so the
/// object exports cleanly; <see cref="Target"/>, <see cref="Bus"/>, <see cref="Controller"/> and <see cref="Unit"/> are
/// what <c>virsh dumpxml</c> (and Get-HvDomainXml) writes for the same disk.
/// </summary>
public sealed record HvDomainDevice
{
    /// <summary>The domain's name.</summary>
    public required string DomainName { get; init; }

    /// <summary>The domain's UUID.</summary>
    public required Guid DomainUuid { get; init; }

    /// <summary>The host.</summary>
    public required string ComputerName { get; init; }

    /// <summary>libvirt's element: <c>disk</c>, <c>controller</c>, <c>interface</c> or <c>serial</c>.</summary>
    public required string Device { get; init; }

    /// <summary>What it is: VirtualHardDisk, Dvd, Floppy, PassThroughDisk, ScsiController, NetworkAdapter or SerialPort.</summary>
    public required string Kind { get; init; }

    /// <summary>A disk's target name (hda, sdb, fda), or a SCSI controller's or COM port's name; null for an adapter.</summary>
    public string? Target { get; init; }

    /// <summary>A disk's bus: ide, scsi or fdc.</summary>
    public string? Bus { get; init; }

    /// <summary>A disk's IDE channel or SCSI controller index, or a new SCSI controller's index.</summary>
    public int? Controller { get; init; }

    /// <summary>A disk's location on its controller (AddressOnParent).</summary>
    public int? Unit { get; init; }

    /// <summary>The image path, the host disk number, the switch's name, or the pipe (empty: disconnected).</summary>
    public string? Source { get; init; }

    /// <summary>An adapter's MAC address as libvirt prints it, read back from the host (a dynamic one too, once Hyper-V assigned it).</summary>
    public string? MacAddress { get; init; }

    /// <summary>The InstanceID of the device's main setting (the drive, controller, adapter or port).</summary>
    public string? InstanceId { get; init; }
}
