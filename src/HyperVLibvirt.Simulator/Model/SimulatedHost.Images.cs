using System.Globalization;
using System.Security;
using System.Text;

namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// Msvm_ImageManagementService (root/virtualization/v2; Microsoft's pages for the class and its CreateVirtualHardDisk and
/// GetVirtualHardDiskSettingData methods) over the host's files (<see cref="HostFileStore"/>).
/// <list type="bullet">
/// <item><c>CreateVirtualHardDisk</c>(VirtualDiskSettingData = an embedded Msvm_VirtualHardDiskSettingData: Path, Type 2
/// fixed or 3 dynamic, Format 2 VHD or 3 VHDX, MaxInternalSize, optional BlockSize, LogicalSectorSize,
/// PhysicalSectorSize) answers 4096 and an Msvm_StorageJob; the file exists from that moment. A dynamic disk's job is
/// complete at once, a fixed disk's takes the host's job duration (its blocks are written). Input that does not
/// describe a disk the format can hold is 32773 and changes nothing; a differencing disk (Type 4) or a VHD Set
/// (Format 4) 32770. A path where a file exists already starts the job, which then fails (JobState 10, ErrorCode
/// 32768) with an ErrorDescription naming the file: the simulator's text, not a capture.</item>
/// <item><c>GetVirtualHardDiskSettingData</c>(Path) answers 0 and SettingData, the disk's
/// Msvm_VirtualHardDiskSettingData as CIM-XML text (the form Microsoft's GetVirtualHardDiskSettingData sample parses);
/// no file there 32779 (file not found), a file that is no VHD or VHDX 32773.</item>
/// </list>
/// Where Microsoft's pages do not say which code a real host gives for which input, the codes above are the simulator's
/// choice among those the pages list.
/// </summary>
public sealed partial class SimulatedHost
{
    /// <summary>The image management service's class.</summary>
    internal const string ImageServiceClass = "Msvm_ImageManagementService";

    private const string StorageJobClass = "Msvm_StorageJob";
    private const uint ImageNotSupported = 32770;
    private const uint ImageFileNotFound = 32779;

    /// <summary>The smallest disk New-VHD makes (3 MiB) and the largest of each format (VHD 2040 GiB, VHDX 64 TiB).</summary>
    private const ulong MinimumDiskSize = 3UL << 20;

    private const ulong MaximumVhdSize = 2040UL << 30;
    private const ulong MaximumVhdxSize = 64UL << 40;

    private MethodResult InvokeImageService(HostNamespace ns, string methodName, IReadOnlyList<KeyValuePair<string, object?>> inputs)
    {
        if (string.Equals(methodName, "CreateVirtualHardDisk", StringComparison.OrdinalIgnoreCase))
        {
            return CreateVirtualHardDisk(ns, inputs);
        }

        if (string.Equals(methodName, "GetVirtualHardDiskSettingData", StringComparison.OrdinalIgnoreCase))
        {
            return GetVirtualHardDiskSettingData(inputs);
        }

        throw new CimException(CimErrorKind.InvalidMethod, $"The method '{methodName}' is not supported by {ImageServiceClass}.");
    }

    private MethodResult CreateVirtualHardDisk(HostNamespace ns, IReadOnlyList<KeyValuePair<string, object?>> inputs)
    {
        var instance = EmbeddedInstanceText.Parse("VirtualDiskSettingData", Input(inputs, "VirtualDiskSettingData"));
        var (code, path, disk) = ReadNewDisk(instance);
        if (code != StateTransitions.Completed)
        {
            return new MethodResult(code, []);
        }

        lock (_stateGate)
        {
            var now = Settings.Clock.GetUtcNow();
            string? failure = null;
            if (Files.Find(path!) is { } existing)
            {
                failure = $"Failed to create the virtual hard disk. The file '{existing.Path}' exists already.";
            }
            else
            {
                Files.Add(new HostFile(path!, HostFileStore.NewFileSize(disk!), disk, now));
            }

            var duration = failure is null && disk!.Type == VirtualDiskType.Fixed ? Settings.JobDuration : TimeSpan.Zero;
            var job = new JobRecord(Guid.NewGuid().ToString("D").ToUpperInvariant(), null, ns.Name, 0, 0, now, duration, failure) { ClassName = StorageJobClass };
            _jobs.Add(job);
            Volatile.Write(ref _jobCount, _jobs.Count);
            var jobInstance = _jobFactory.Job(ns, job, now, CompletedJobLifetime);
            ns.Required(StorageJobClass).Add(jobInstance);
            AdvanceJobsLocked(now);
            return new MethodResult(StateTransitions.JobStarted, [new("Job", InstanceKeys.ReferenceTo(jobInstance))]);
        }
    }

    // The new disk's path and facts, or the code that refuses them.
    private static (uint Code, string? Path, VirtualDiskFacts? Disk) ReadNewDisk(EmbeddedInstanceText instance)
    {
        if (!string.Equals(instance.ClassName, "Msvm_VirtualHardDiskSettingData", StringComparison.OrdinalIgnoreCase)
            || instance.Text("Path")?.Trim() is not { Length: > 0 } path
            || !IsAbsoluteWindowsPath(path)
            || Number(instance.Text("Format")) is not { } formatCode
            || Number(instance.Text("Type")) is not { } typeCode
            || Number(instance.Text("MaxInternalSize")) is not { } size)
        {
            return (StateTransitions.InvalidParameter, null, null);
        }

        if (formatCode == 4 || typeCode == 4)
        {
            return (ImageNotSupported, null, null);
        }

        if (formatCode is not (2 or 3) || typeCode is not (2 or 3))
        {
            return (StateTransitions.InvalidParameter, null, null);
        }

        var format = (VirtualDiskFormat)formatCode;
        var extension = format == VirtualDiskFormat.Vhdx ? ".vhdx" : ".vhd";
        var maximum = format == VirtualDiskFormat.Vhdx ? MaximumVhdxSize : MaximumVhdSize;
        if (!path.EndsWith(extension, StringComparison.OrdinalIgnoreCase) || size < MinimumDiskSize || size > maximum || size % 512 != 0)
        {
            return (StateTransitions.InvalidParameter, null, null);
        }

        var disk = HostFileStore.NewDisk(format, (VirtualDiskType)typeCode, size);
        var blockSize = Number(instance.Text("BlockSize")) ?? 0;
        var logical = Number(instance.Text("LogicalSectorSize")) ?? 0;
        var physical = Number(instance.Text("PhysicalSectorSize")) ?? 0;
        var blockOk = blockSize == 0 || (format == VirtualDiskFormat.Vhdx
            ? blockSize is >= 1UL << 20 and <= 256UL << 20 && ulong.IsPow2(blockSize)
            : blockSize is 512UL << 10 or 2UL << 20);
        var sectorsOk = logical is 0 or 512 or 4096 && physical is 0 or 512 or 4096
            && (format == VirtualDiskFormat.Vhdx || (logical is 0 or 512));
        if (!blockOk || !sectorsOk || (logical != 0 && size % logical != 0))
        {
            return (StateTransitions.InvalidParameter, null, null);
        }

        disk = disk with
        {
            BlockSize = disk.Type == VirtualDiskType.Fixed || blockSize == 0 ? disk.BlockSize : (uint)blockSize,
            LogicalSectorSize = logical == 0 ? disk.LogicalSectorSize : (uint)logical,
            PhysicalSectorSize = physical == 0 ? disk.PhysicalSectorSize : (uint)physical,
        };
        return (StateTransitions.Completed, path, disk);
    }

    // C:\… or \\server\share\…: the service runs on the host and takes no relative path.
    private static bool IsAbsoluteWindowsPath(string path) =>
        (path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] == '\\')
        || (path.StartsWith(@"\\", StringComparison.Ordinal) && path.Length > 2);

    private MethodResult GetVirtualHardDiskSettingData(IReadOnlyList<KeyValuePair<string, object?>> inputs)
    {
        if (InputText(inputs, "Path")?.Trim() is not { Length: > 0 } path)
        {
            return new MethodResult(StateTransitions.InvalidParameter, []);
        }

        if (Files.Find(path) is not { } file)
        {
            return new MethodResult(ImageFileNotFound, []);
        }

        return file.Disk is { } disk
            ? new MethodResult(StateTransitions.Completed, [new("SettingData", SettingDataText(file.Path, disk)), new("Job", null)])
            : new MethodResult(StateTransitions.InvalidParameter, []);
    }

    /// <summary>A disk's Msvm_VirtualHardDiskSettingData as CIM-XML (DMTF DSP0201) <c>INSTANCE</c> text.</summary>
    internal static string SettingDataText(string path, VirtualDiskFacts disk)
    {
        var text = new StringBuilder("<INSTANCE CLASSNAME=\"Msvm_VirtualHardDiskSettingData\">");
        void Property(string name, string type, string? value)
        {
            text.Append(CultureInfo.InvariantCulture, $"<PROPERTY NAME=\"{name}\" TYPE=\"{type}\">");
            if (value is not null)
            {
                text.Append("<VALUE>").Append(SecurityElement.Escape(value)).Append("</VALUE>");
            }

            text.Append("</PROPERTY>");
        }

        string Number(ulong n) => n.ToString(CultureInfo.InvariantCulture);
        Property("BlockSize", "uint32", Number(disk.BlockSize));
        Property("Caption", "string", "Virtual Hard Disk Setting Data");
        Property("DataAlignment", "uint64", Number(0));
        Property("Description", "string", "Setting Data for a Virtual Hard Disk");
        Property("ElementName", "string", null);
        Property("Format", "uint16", Number((ushort)disk.Format));
        Property("InstanceID", "string", null);
        Property("LogicalSectorSize", "uint32", Number(disk.LogicalSectorSize));
        Property("MaxInternalSize", "uint64", Number(disk.MaxInternalSize));
        Property("ParentIdentifier", "string", null);
        Property("ParentPath", "string", null);
        Property("ParentTimestamp", "datetime", null);
        Property("Path", "string", path);
        Property("PhysicalSectorSize", "uint32", Number(disk.PhysicalSectorSize));
        Property("Type", "uint16", Number((ushort)disk.Type));
        Property("VirtualDiskId", "string", StableGuid.UpperFrom("vhd:" + path.ToUpperInvariant()));
        return text.Append("</INSTANCE>").ToString();
    }
}
