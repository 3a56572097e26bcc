using System.Globalization;

namespace HyperVLibvirt.Core.Devices;

/// <summary>
/// A drive and its media: libvirt's <c>&lt;disk&gt;</c>. Where it goes is <see cref="Bus"/>, <see cref="Controller"/>
/// and <see cref="Location"/>; each left null is chosen from the domain's free locations when it is attached
/// (IDE on generation 1, SCSI on generation 2, as Hyper-V's Add-VMHardDiskDrive chooses).
/// </summary>
public sealed record DiskSpec : DeviceSpec
{
    /// <summary>What is attached.</summary>
    public required DiskKind Kind { get; init; }

    /// <summary>The image's path on the host (VHD/VHDX, ISO, VFD); null for an empty DVD drive and a pass-through disk.</summary>
    public string? Path { get; init; }

    /// <summary>The host disk's DriveNumber (Msvm_DiskDrive), for <see cref="DiskKind.PassThroughDisk"/>: libvirt's <c>&lt;source dev&gt;</c>.</summary>
    public int? HostDriveNumber { get; init; }

    /// <summary>The controller kind; null: the domain's generation chooses.</summary>
    public DiskBus? Bus { get; init; }

    /// <summary>The IDE channel (0 or 1) or the SCSI controller's index (0 to 3); null: the first with a free location.</summary>
    public int? Controller { get; init; }

    /// <summary>The location on the controller (AddressOnParent: 0-1 on IDE, 0-63 on SCSI); null: the first free one.</summary>
    public int? Location { get; init; }

    /// <inheritdoc/>
    public override string Describe() => Kind switch
    {
        DiskKind.VirtualHardDisk => $"virtual hard disk '{Path}'",
        DiskKind.Dvd => Path is null ? "empty DVD drive" : $"DVD drive with '{Path}'",
        DiskKind.Floppy => $"floppy disk '{Path}'",
        _ => string.Create(CultureInfo.InvariantCulture, $"pass-through disk {HostDriveNumber}"),
    };
}
