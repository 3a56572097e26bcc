namespace HyperVLibvirt.Core.DomainXml;

/// <summary>
/// One disk of a domain, as virsh domblklist lists it (target, source) with the sizes virsh domblkinfo
/// reports where the host tells them. Every property is a plain value, so the object exports to CSV and
/// JSON as it is.
/// </summary>
public sealed class HvDomainBlockDevice
{
    /// <summary>The domain's name.</summary>
    public required string Domain { get; init; }

    /// <summary>The domain's UUID.</summary>
    public required Guid DomainUuid { get; init; }

    /// <summary>The target device name, as in the domain XML: hda.., sda.., fda.</summary>
    public required string Target { get; init; }

    /// <summary>The image path on the host, or a pass-through LUN's host drive number.</summary>
    public required string Source { get; init; }

    /// <summary><c>disk</c>, <c>cdrom</c> or <c>floppy</c>.</summary>
    public required string Device { get; init; }

    /// <summary><c>file</c> (an image) or <c>block</c> (a pass-through LUN).</summary>
    public required string Type { get; init; }

    /// <summary><c>ide</c>, <c>scsi</c> or <c>fdc</c>.</summary>
    public required string Bus { get; init; }

    /// <summary>The size the guest sees, in bytes: known for ISO and floppy images (their file size) and, when read, for VHD/VHDX (their virtual size); null for LUNs.</summary>
    public ulong? Capacity { get; init; }

    /// <summary>Host bytes the image takes, in bytes (its file size); null when the host did not tell.</summary>
    public ulong? Allocation { get; init; }

    /// <summary>The image file's size on the host, in bytes; null when the host did not tell.</summary>
    public ulong? Physical { get; init; }

    /// <summary>The host the domain is on.</summary>
    public required string ComputerName { get; init; }

    /// <summary>The connection the device was read through.</summary>
    public required Guid ConnectionId { get; init; }

    /// <inheritdoc />
    public override string ToString() => Target;
}
