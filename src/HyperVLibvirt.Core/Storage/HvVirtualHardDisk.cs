namespace HyperVLibvirt.Core.Storage;

/// <summary>
/// A VHD or VHDX file on a host, as Get-VHD shows it: what Msvm_ImageManagementService.GetVirtualHardDiskSettingData
/// reads from the file, and the file's size from CIM_DataFile. Every property is a plain value, so the object exports
/// to CSV and JSON as it is.
/// </summary>
public sealed class HvVirtualHardDisk
{
    /// <summary>The file's path on the host.</summary>
    public required string Path { get; init; }

    /// <summary><c>VHD</c> or <c>VHDX</c>.</summary>
    public required string Format { get; init; }

    /// <summary><c>Fixed</c>, <c>Dynamic</c> or <c>Differencing</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The size the guest sees (MaxInternalSize), in bytes.</summary>
    public required ulong Size { get; init; }

    /// <summary>The file's size on the host, in bytes; null when the host did not tell.</summary>
    public ulong? FileSize { get; init; }

    /// <summary>The allocation block size in bytes (0 for a fixed disk).</summary>
    public uint BlockSize { get; init; }

    /// <summary>The logical sector size in bytes (512 or 4096).</summary>
    public uint LogicalSectorSize { get; init; }

    /// <summary>The physical sector size in bytes (512 or 4096).</summary>
    public uint PhysicalSectorSize { get; init; }

    /// <summary>A differencing disk's parent; null otherwise.</summary>
    public string? ParentPath { get; init; }

    /// <summary>The disk's identifier (VirtualDiskId); null when the host did not tell.</summary>
    public string? DiskIdentifier { get; init; }

    /// <summary>The host the file is on.</summary>
    public required string ComputerName { get; init; }

    /// <summary>The connection the disk was read through.</summary>
    public required Guid ConnectionId { get; init; }

    /// <inheritdoc />
    public override string ToString() => Path;
}
