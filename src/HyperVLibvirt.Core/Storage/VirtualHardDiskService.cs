using System.Globalization;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Lifecycle;
using HyperVLibvirt.Core.Management;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Storage;

/// <summary>
/// Virtual hard disks through Msvm_ImageManagementService (root/virtualization/v2; Microsoft's pages for the class,
/// CreateVirtualHardDisk and GetVirtualHardDiskSettingData): make a VHD or VHDX, fixed or dynamic, as New-VHD does,
/// waiting for its Msvm_StorageJob; read a disk's settings (its virtual size) as Get-VHD does. The service has no
/// method that reads many disks at once: each disk read is one call.
/// </summary>
public sealed class VirtualHardDiskService
{
    /// <summary>The image management service's class.</summary>
    public const string ServiceClass = "Msvm_ImageManagementService";

    /// <summary>The smallest disk New-VHD makes: 3 MiB.</summary>
    public const ulong MinimumSize = 3UL << 20;

    /// <summary>The largest VHD: 2040 GiB.</summary>
    public const ulong MaximumVhdSize = 2040UL << 30;

    /// <summary>The largest VHDX: 64 TiB.</summary>
    public const ulong MaximumVhdxSize = 64UL << 40;

    /// <summary>GetVirtualHardDiskSettingData's and CreateVirtualHardDisk's "File not found".</summary>
    private const uint FileNotFoundCode = 32779;

    private readonly HvConnection _session;
    private readonly IWsManTrace? _trace;
    private readonly HostFileService _files;

    /// <summary>A service for <paramref name="session"/>, tracing to <paramref name="trace"/> (null: no trace).</summary>
    public VirtualHardDiskService(HvConnection session, IWsManTrace? trace)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _trace = trace;
        _files = new HostFileService(session, trace);
    }

    /// <summary>
    /// Makes a virtual hard disk of <paramref name="sizeBytes"/> at <paramref name="path"/> and returns it as read back.
    /// The format is the file name's (.vhd, .vhdx); <paramref name="format"/>, when given, must agree. Everything is
    /// checked before the call: the path, the size (3 MiB up to 2040 GiB for VHD or 64 TiB for VHDX, in whole 512-byte
    /// sectors) and, through CIM_DataFile, that no file is there yet (skipped when the host does not answer for
    /// CIM_DataFile; the host's job then fails instead).
    /// </summary>
    /// <exception cref="HvStorageException">Refused before sending, by the host's return code, or by the failed job.</exception>
    public async Task<HvVirtualHardDisk> CreateAsync(string path, ulong sizeBytes, VirtualHardDiskFormat? format, VirtualHardDiskType type,
        SettingsOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new SettingsOptions();
        var what = $"Could not create virtual hard disk '{path}' on {_session.ComputerName}";
        var chosen = CheckNewDisk(path, sizeBytes, format, type, what);
        _session.ThrowIfClosed();
        try
        {
            if ((await _files.GetExistingAsync([path], cancellationToken).ConfigureAwait(false)).Count > 0)
            {
                throw new HvStorageException(StorageFailure.FileExists, path, $"{what}: a file exists there already.",
                    recommendedAction: "Choose another path, or delete the file on the host first if nothing uses it any more.");
            }
        }
        catch (HvStorageException unavailable) when (unavailable.Reason == StorageFailure.ClassNotAvailable)
        {
            // The host's own check (the job fails for an existing file) stands in.
        }

        var settings = new EmbeddedInstance("Msvm_VirtualHardDiskSettingData")
            .Add("Path", path)
            .Add("Type", (ushort)type)
            .Add("Format", (ushort)chosen)
            .Add("MaxInternalSize", sizeBytes);
        await InvokeAsync("CreateVirtualHardDisk", [new("VirtualDiskSettingData", settings)], path, what, options, cancellationToken).ConfigureAwait(false);
        try
        {
            return await GetAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (HvStorageException unread)
        {
            throw new HvStorageException(StorageFailure.InvalidResponse, path,
                $"Virtual hard disk '{path}' was created on {_session.ComputerName}, but reading it back failed: {unread.Message}", innerException: unread);
        }
    }

    /// <summary>The disk at <paramref name="path"/> as GetVirtualHardDiskSettingData reads it, with its file size (one call and one query).</summary>
    /// <exception cref="HvStorageException">Not an absolute path, no such file, not a VHD/VHDX, or refused.</exception>
    public async Task<HvVirtualHardDisk> GetAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        var what = $"Could not read virtual hard disk '{path}' on {_session.ComputerName}";
        if (!HostPath.IsAbsolute(path))
        {
            throw new HvStorageException(StorageFailure.InvalidPath, path, $"{what}: it is not an absolute Windows path to a file (such as C:\\VMs\\disk.vhdx).");
        }
        var text = await ReadSettingDataAsync(path, what, cancellationToken).ConfigureAwait(false);
        ulong? fileSize = null;
        try
        {
            fileSize = (await _files.GetExistingAsync([path], cancellationToken).ConfigureAwait(false)).TryGetValue(path, out var size) ? size : null;
        }
        catch (HvStorageException unavailable) when (unavailable.Reason == StorageFailure.ClassNotAvailable)
        {
            // The disk is known without its file size.
        }
        return VirtualHardDiskSettingData.Parse(text, path, fileSize, _session.ComputerName, _session.Id)
            ?? throw new HvStorageException(StorageFailure.InvalidResponse, path, $"{what}: the host's SettingData is not an Msvm_VirtualHardDiskSettingData instance with Format, Type and MaxInternalSize.");
    }

    /// <summary>
    /// The virtual size (MaxInternalSize) of each VHD/VHDX of <paramref name="paths"/> that the host can read, keyed as
    /// given and looked up without case: one GetVirtualHardDiskSettingData call per distinct path. A path the host cannot
    /// read (missing, not a disk, refused) is left out; a closed or failing connection is not.
    /// </summary>
    /// <exception cref="HvStorageException"><see cref="StorageFailure.ClassNotAvailable"/>: the host has no such service (asked once, not per disk).</exception>
    public async Task<IReadOnlyDictionary<string, ulong>> GetVirtualSizesAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var sizes = new Dictionary<string, ulong>(HostPath.Comparer);
        foreach (var path in paths.Where(HostPath.IsAbsolute).Distinct(HostPath.Comparer))
        {
            try
            {
                var text = await ReadSettingDataAsync(path, path, cancellationToken).ConfigureAwait(false);
                if (VirtualHardDiskSettingData.Parse(text, path, null, _session.ComputerName, _session.Id) is { } disk)
                {
                    sizes[path] = disk.Size;
                }
            }
            catch (HvStorageException unreadable) when (unreadable.Reason != StorageFailure.ClassNotAvailable)
            {
                // One disk the host cannot read leaves the others.
            }
        }
        return sizes;
    }

    // The format the disk will have, or the refusal, before anything is sent.
    private static VirtualHardDiskFormat CheckNewDisk(string path, ulong sizeBytes, VirtualHardDiskFormat? format, VirtualHardDiskType type, string what)
    {
        if (!HostPath.IsAbsolute(path))
        {
            throw new HvStorageException(StorageFailure.InvalidPath, path, $"{what}: it is not an absolute Windows path to a file (such as C:\\VMs\\disk.vhdx).");
        }
        if (HostPath.FormatOf(path) is not { } named)
        {
            throw new HvStorageException(StorageFailure.InvalidPath, path, $"{what}: the file name must end in .vhdx or .vhd, which names the format.");
        }
        if (format is { } given && given != named)
        {
            throw new HvStorageException(StorageFailure.ValueOutOfRange, path,
                $"{what}: the format {given.ToString().ToUpperInvariant()} does not match the file name's extension ({System.IO.Path.GetExtension(path)}).");
        }
        if (type is not (VirtualHardDiskType.Fixed or VirtualHardDiskType.Dynamic))
        {
            throw new HvStorageException(StorageFailure.ValueOutOfRange, path, $"{what}: only fixed and dynamic disks can be made here, not {type}.");
        }
        var maximum = named == VirtualHardDiskFormat.Vhdx ? MaximumVhdxSize : MaximumVhdSize;
        if (sizeBytes < MinimumSize || sizeBytes > maximum || sizeBytes % 512 != 0)
        {
            throw new HvStorageException(StorageFailure.ValueOutOfRange, path,
                string.Create(CultureInfo.InvariantCulture,
                    $"{what}: the size {sizeBytes} bytes is not a {named.ToString().ToUpperInvariant()} size: it must be from 3 MiB ({MinimumSize}) to {(named == VirtualHardDiskFormat.Vhdx ? "64 TiB" : "2040 GiB")} ({maximum}), in whole 512-byte sectors."));
        }
        return named;
    }

    private async Task<string?> ReadSettingDataAsync(string path, string what, CancellationToken cancellationToken)
    {
        var (output, _) = await InvokeAsync("GetVirtualHardDiskSettingData", [new("Path", path)], path, what, new SettingsOptions(), cancellationToken)
            .ConfigureAwait(false);
        return output.GetString("SettingData");
    }

    private async Task<(CimObject Output, bool Completed)> InvokeAsync(string method, IReadOnlyList<KeyValuePair<string, object?>> parameters, string path,
        string what, SettingsOptions options, CancellationToken cancellationToken)
    {
        var methods = new ServiceMethod(_session, _trace, ServiceClass, failure => Refusal(failure, path, what));
        var context = new JobContext(DomainOperation.Configure, method, path, Guid.Empty, _session.ComputerName);
        try
        {
            return await methods.InvokeAsync(method, parameters, context,
                new StateChangeOptions { Timeout = options.Timeout, OnJobStatus = options.OnJobStatus }, cancellationToken).ConfigureAwait(false);
        }
        catch (HvJobException job)
        {
            throw JobFailure(job, path, what);
        }
        catch (WsManFaultException fault) when (HostFileService.IsMissingClass(fault))
        {
            throw new HvStorageException(StorageFailure.ClassNotAvailable, path,
                $"{what}: {_session.ComputerName} does not answer for {ServiceClass} in {_session.Namespace} ({fault.Reason ?? fault.Subcode}); it needs Hyper-V on Windows Server 2012 or later.",
                innerException: fault);
        }
    }

    private static HvStorageException Refusal(ServiceMethodFailure failure, string path, string what) => failure.Fault switch
    {
        ServiceMethodFault.NoReturnValue => new HvStorageException(StorageFailure.InvalidResponse, path, $"{what}: the host's answer to {failure.Method} has no return value."),
        ServiceMethodFault.NoJobInstance => new HvStorageException(StorageFailure.InvalidResponse, path,
            $"{what}: the host started {failure.Method} but named no job to wait for. The disk may still be under way."),
        _ when failure.ReturnValue == FileNotFoundCode => new HvStorageException(StorageFailure.FileNotFound, path, $"{what}: no such file ({FileNotFoundCode}).", FileNotFoundCode),
        _ when failure.ReturnValue == 32773 && failure.Method == "GetVirtualHardDiskSettingData" => new HvStorageException(StorageFailure.NotAVirtualHardDisk, path,
            $"{what}: the host does not read it as a VHD or VHDX (Invalid parameter, 32773).", 32773),
        _ => new HvStorageException(StorageFailure.HostRefused, path,
            string.Create(CultureInfo.InvariantCulture, $"{what}: {failure.Method} returned {ReturnCodes.ToText(failure.ReturnValue ?? 0)} ({failure.ReturnValue})."),
            failure.ReturnValue,
            failure.ReturnValue == 32773 ? "Check the path, the size (3 MiB to 64 TiB for VHDX, 2040 GiB for VHD, whole 512-byte sectors) and that the folder exists on the host." : null),
    };

    private static HvStorageException JobFailure(HvJobException job, string path, string what)
    {
        var message = job.Failure switch
        {
            Lifecycle.JobFailure.Failed => $"{what}: the {job.Context.MethodName} job failed: {job.ErrorDescription ?? "the host gave no description"}"
                + (job.ErrorCode is { } code ? string.Create(CultureInfo.InvariantCulture, $" (ErrorCode {code}).") : "."),
            Lifecycle.JobFailure.TimedOut => string.Create(CultureInfo.InvariantCulture,
                $"{what}: gave up waiting after {(job.Timeout ?? TimeSpan.Zero).TotalSeconds:0.###} s; the {job.Context.MethodName} job {job.JobInstanceId} is still running on the host."),
            _ => $"{what}: the {job.Context.MethodName} job {job.JobInstanceId} could not be followed ({job.Failure}).",
        };
        var action = job.Failure == Lifecycle.JobFailure.TimedOut && job.JobInstanceId is { } id
            ? $"The job was not cancelled and may still finish; check it on the host with the WQL query: {JobQuery.ByInstanceId(id, "Msvm_StorageJob")}."
            : "See the host's Hyper-V-VMMS event log for details.";
        return new HvStorageException(StorageFailure.JobFailed, path, message, recommendedAction: action, innerException: job);
    }
}
