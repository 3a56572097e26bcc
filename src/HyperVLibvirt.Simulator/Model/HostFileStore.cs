using System.Security.Cryptography;
using System.Text;

namespace HyperVLibvirt.Simulator.Model;

/// <summary>A virtual hard disk's format, as Msvm_VirtualHardDiskSettingData.Format numbers it.</summary>
public enum VirtualDiskFormat : ushort
{
    /// <summary>VHD.</summary>
    Vhd = 2,

    /// <summary>VHDX.</summary>
    Vhdx = 3,
}

/// <summary>A virtual hard disk's type, as Msvm_VirtualHardDiskSettingData.Type numbers it.</summary>
public enum VirtualDiskType : ushort
{
    /// <summary>Fixed: the file holds every block.</summary>
    Fixed = 2,

    /// <summary>Dynamically expanding: the file grows as the guest writes.</summary>
    Dynamic = 3,
}

/// <summary>What a VHD or VHDX file says about the disk inside it (Msvm_VirtualHardDiskSettingData).</summary>
/// <param name="Format">VHD or VHDX.</param>
/// <param name="Type">Fixed or dynamic.</param>
/// <param name="MaxInternalSize">The virtual size the guest sees, in bytes.</param>
/// <param name="BlockSize">The allocation block size in bytes (0 for a fixed disk).</param>
/// <param name="LogicalSectorSize">512 or 4096.</param>
/// <param name="PhysicalSectorSize">512 or 4096.</param>
public sealed record VirtualDiskFacts(VirtualDiskFormat Format, VirtualDiskType Type, ulong MaxInternalSize, uint BlockSize, uint LogicalSectorSize, uint PhysicalSectorSize);

/// <summary>One file on the host: its path as created, its size in bytes, for a VHD/VHDX the disk inside, and when it was written (null: before the host's VMs were made).</summary>
public sealed record HostFile(string Path, ulong Size, VirtualDiskFacts? Disk, DateTimeOffset? Written = null);

/// <summary>
/// The host's files that VMs use or could use: every image path the inventory's devices name (VHDX,
/// ISO, VFD), a few more ISOs under <c>C:\ISO\</c>, and what methods create or delete. Paths compare
/// case-insensitively, as NTFS does. Thread-safe. root/cimv2's CIM_DataFile and
/// Msvm_ImageManagementService read it; methods that take an image path check it.
/// </summary>
public sealed class HostFileStore
{
    /// <summary>Hyper-V's default size of a new virtual hard disk (127 GiB, as Hyper-V Manager and New-VM offer).</summary>
    public const ulong DefaultVirtualDiskSize = 127UL << 30;

    /// <summary>A 3.5-inch 1.44 MB diskette image.</summary>
    public const ulong FloppyImageSize = 1_474_560;

    /// <summary>ISOs the host holds that no VM uses (for attaching media).</summary>
    public static readonly string[] ExtraIsoImages =
    [
        @"C:\ISO\en-us_windows_server_2025_x64_dvd.iso",
        @"C:\ISO\virtio-win-0.1.262.iso",
        @"C:\ISO\Fedora-Server-netinst-x86_64-41.iso",
    ];

    private readonly Dictionary<string, HostFile> _files = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _gate = new();
    private long _version;

    /// <summary>The files the inventory's VMs use (their layouts as <see cref="VmDeviceLayout.For"/> gives them) plus <see cref="ExtraIsoImages"/>.</summary>
    public static HostFileStore FromInventory(IEnumerable<VirtualMachineSpec> inventory)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        var store = new HostFileStore();
        foreach (var spec in inventory)
        {
            // Drives do not depend on the switches (only adapters do), so none are given.
            var layout = VmDeviceLayout.For(spec, []);
            foreach (var drive in layout.Drives)
            {
                if (drive.Kind is DriveKind.VirtualHardDisk or DriveKind.DvdImage && drive.Path is { } path)
                {
                    store.Add(Plausible(path));
                }
            }

            if (layout.FloppyImage is { } floppy)
            {
                store.Add(Plausible(floppy));
            }
        }

        foreach (var iso in ExtraIsoImages)
        {
            store.Add(Plausible(iso));
        }

        return store;
    }

    /// <summary>A file of the kind its extension names, with sizes fixed by its path: a dynamic VHDX/VHD part filled, an ISO of some GB, a diskette image.</summary>
    public static HostFile Plausible(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var h = SHA256.HashData(Encoding.UTF8.GetBytes(path.ToUpperInvariant()));
        var extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
        switch (extension)
        {
            case ".vhdx":
            case ".vhd":
            {
                // A data disk is larger than a boot disk; the file holds between 4 % and 36 % of it.
                var data = path.Contains("-data", StringComparison.OrdinalIgnoreCase);
                var virtualSize = data ? (256UL << 30) : DefaultVirtualDiskSize;
                var filled = virtualSize / 100 * (4UL + (ulong)(h[0] % 33));
                var format = extension == ".vhdx" ? VirtualDiskFormat.Vhdx : VirtualDiskFormat.Vhd;
                var disk = NewDisk(format, VirtualDiskType.Dynamic, virtualSize);
                return new HostFile(path, DynamicFileSize(format, filled / disk.BlockSize * disk.BlockSize), disk);
            }

            case ".vfd":
                return new HostFile(path, FloppyImageSize, null);
            default:
            {
                // An installation image: 0.5 to 6 GiB in whole 2 KiB sectors.
                var sectors = (256UL * 1024) + ((ulong)BitConverter.ToUInt32(h, 0) % (2816UL * 1024));
                return new HostFile(path, sectors * 2048, null);
            }
        }
    }

    /// <summary>The disk a new VHD or VHDX of this format, type and virtual size holds, with Hyper-V's defaults (VHDX: 32 MiB blocks, 512-byte logical and 4 KiB physical sectors; VHD: 2 MiB blocks, 512-byte sectors).</summary>
    public static VirtualDiskFacts NewDisk(VirtualDiskFormat format, VirtualDiskType type, ulong virtualSize) =>
        format == VirtualDiskFormat.Vhdx
            ? new VirtualDiskFacts(format, type, virtualSize, type == VirtualDiskType.Fixed ? 0u : 32u << 20, 512, 4096)
            : new VirtualDiskFacts(format, type, virtualSize, type == VirtualDiskType.Fixed ? 0u : 2u << 20, 512, 512);

    /// <summary>The size of a new, empty disk's file: headers and metadata for a dynamic disk, every block plus them for a fixed one.</summary>
    public static ulong NewFileSize(VirtualDiskFacts disk) =>
        disk.Type == VirtualDiskType.Fixed ? FixedFileSize(disk.Format, disk.MaxInternalSize) : DynamicFileSize(disk.Format, 0);

    // A VHDX begins with 1 MiB of headers, then the log (1 MiB), metadata (1 MiB) and block allocation table
    // (at least 1 MiB); a VHD ends with a 512-byte footer (and a dynamic one starts with a copy of it and a header).
    private static ulong DynamicFileSize(VirtualDiskFormat format, ulong payload) =>
        format == VirtualDiskFormat.Vhdx ? (4UL << 20) + payload : 512 + 1024 + (4UL << 10) + payload + 512;

    private static ulong FixedFileSize(VirtualDiskFormat format, ulong virtualSize) =>
        format == VirtualDiskFormat.Vhdx ? (4UL << 20) + virtualSize : virtualSize + 512;

    /// <summary>Whether a file exists at <paramref name="path"/> (case-insensitive).</summary>
    public bool Exists(string path)
    {
        lock (_gate)
        {
            return path is not null && _files.ContainsKey(path);
        }
    }

    /// <summary>The file at <paramref name="path"/>, or null.</summary>
    public HostFile? Find(string path)
    {
        lock (_gate)
        {
            return path is not null && _files.TryGetValue(path, out var file) ? file : null;
        }
    }

    /// <summary>Adds a file; false (and nothing changes) when a file exists at its path.</summary>
    public bool Add(HostFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        lock (_gate)
        {
            if (!_files.TryAdd(file.Path, file))
            {
                return false;
            }

            _version++;
            return true;
        }
    }

    /// <summary>Adds a file of <paramref name="size"/> bytes that is no virtual disk; false when one exists there.</summary>
    public bool Add(string path, ulong size) => Add(new HostFile(path, size, null));

    /// <summary>Removes the file at <paramref name="path"/>; false when there is none.</summary>
    public bool Remove(string path)
    {
        lock (_gate)
        {
            if (path is null || !_files.Remove(path))
            {
                return false;
            }

            _version++;
            return true;
        }
    }

    /// <summary>Grows with every change, so a reader can tell whether what it built from <see cref="Files"/> is current.</summary>
    public long Version
    {
        get
        {
            lock (_gate)
            {
                return _version;
            }
        }
    }

    /// <summary>Every file, in path order.</summary>
    public IReadOnlyList<HostFile> Files
    {
        get
        {
            lock (_gate)
            {
                return _files.Values.OrderBy(f => f.Path, StringComparer.OrdinalIgnoreCase).ToArray();
            }
        }
    }
}
