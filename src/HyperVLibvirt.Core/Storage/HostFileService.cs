using System.Globalization;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Storage;

/// <summary>
/// The host's files through root/cimv2's CIM_DataFile (Microsoft's CIM_DataFile class documentation): which of many paths
/// exist and their sizes, one query per <see cref="HostFileQuery.PathsPerQuery"/> paths, and deleting a file with the
/// class's <c>Delete</c> method. libvirt's Hyper-V driver has no storage driver; this is what a define needs to check
/// images and to remove a disk it made.
/// </summary>
public sealed class HostFileService
{
    private const string DataFileClass = "CIM_DataFile";

    /// <summary>CIM_DataFile.Delete's return codes (Microsoft's "Delete method of the CIM_DataFile class").</summary>
    private const uint DeleteAccessDenied = 2;
    private const uint DeleteSharingViolation = 15;
    private const uint DeletePrivilegeNotHeld = 17;

    private readonly HvConnection _session;
    private readonly IWsManTrace? _trace;

    /// <summary>A service for <paramref name="session"/>, tracing to <paramref name="trace"/> (null: no trace).</summary>
    public HostFileService(HvConnection session, IWsManTrace? trace)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _trace = trace;
    }

    /// <summary>
    /// The paths of <paramref name="paths"/> that exist on the host, each with its size in bytes, keyed as given and
    /// looked up without case. Nothing is sent for no paths.
    /// </summary>
    /// <exception cref="HvStorageException"><see cref="StorageFailure.ClassNotAvailable"/>: the host does not answer for CIM_DataFile.</exception>
    public async Task<IReadOnlyDictionary<string, ulong>> GetExistingAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var given = new Dictionary<string, string>(HostPath.Comparer);
        foreach (var path in paths)
        {
            if (!string.IsNullOrEmpty(path))
            {
                given.TryAdd(path, path);
            }
        }
        var existing = new Dictionary<string, ulong>(HostPath.Comparer);
        if (given.Count == 0)
        {
            return existing;
        }
        _session.ThrowIfClosed();
        try
        {
            foreach (var wql in HostFileQuery.For(given.Keys))
            {
                await foreach (var file in _session.QueryAsync(wql, WmiNamespace.CimV2, _trace, cancellationToken).ConfigureAwait(false))
                {
                    // The Win32 provider writes Name in lower case; report the caller's spelling.
                    if (file.GetString("Name") is { } name && file.GetUInt64("FileSize") is { } size)
                    {
                        existing[given.TryGetValue(name, out var asGiven) ? asGiven : name] = size;
                    }
                }
            }
        }
        catch (WsManFaultException fault) when (IsMissingClass(fault))
        {
            throw new HvStorageException(StorageFailure.ClassNotAvailable, given.Keys.First(),
                $"{_session.ComputerName} does not answer for CIM_DataFile in root/cimv2 ({fault.Reason ?? fault.Subcode}), so its files cannot be checked.",
                innerException: fault);
        }
        return existing;
    }

    /// <summary>Deletes the file at <paramref name="path"/> (one query to find it, then CIM_DataFile.Delete).</summary>
    /// <exception cref="HvStorageException">Not an absolute path, no such file, in use, access denied, or another refusal.</exception>
    public async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        var what = $"Could not delete '{path}' on {_session.ComputerName}";
        if (!HostPath.IsAbsolute(path))
        {
            throw new HvStorageException(StorageFailure.InvalidPath, path, $"{what}: it is not an absolute Windows path to a file (such as C:\\VMs\\disk.vhdx).");
        }
        var existing = await GetExistingAsync([path], cancellationToken).ConfigureAwait(false);
        if (existing.Count == 0)
        {
            throw new HvStorageException(StorageFailure.FileNotFound, path, $"{what}: no such file.");
        }
        var output = await _session.Client.InvokeAsync(WmiNamespace.ClassUri(WmiNamespace.CimV2, DataFileClass), "Delete",
            [new("Name", path)], [], _trace, cancellationToken).ConfigureAwait(false);
        if (output.GetUInt64("ReturnValue") is not { } returned)
        {
            throw new HvStorageException(StorageFailure.InvalidResponse, path, $"{what}: the host's answer to CIM_DataFile.Delete has no return value.");
        }
        var code = (uint)Math.Min(returned, uint.MaxValue);
        switch (code)
        {
            case 0:
                return;
            case DeleteSharingViolation:
                throw new HvStorageException(StorageFailure.FileInUse, path, $"{what}: the file is in use (sharing violation, 15).", code,
                    "A running or paused domain holds it open: turn the domain off (Stop-HvDomain) or remove the disk from it, then try again.");
            case DeleteAccessDenied or DeletePrivilegeNotHeld:
                throw new HvStorageException(StorageFailure.AccessDenied, path,
                    string.Create(CultureInfo.InvariantCulture, $"{what}: access denied ({code})."), code,
                    "Connect with an account that may delete the file on the host (an administrator of the host).");
            default:
                throw new HvStorageException(StorageFailure.HostRefused, path,
                    string.Create(CultureInfo.InvariantCulture, $"{what}: CIM_DataFile.Delete returned {code}."), code);
        }
    }

    // WMI's "not found" for a class or namespace arrives as CannotProcessFilter (or DestinationUnreachable).
    internal static bool IsMissingClass(WsManFaultException fault) =>
        fault.WsManCode is WsManFaultException.CodeCannotProcessFilter or WsManFaultException.CodeDestinationUnreachable
        || fault.Subcode is "n:CannotProcessFilter" or "a:DestinationUnreachable";
}
