using System.Runtime.CompilerServices;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Storage;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.DomainXml;

/// <summary>
/// The disks of many domains (virsh domblklist) with the sizes virsh domblkinfo reports, where the host
/// tells them without a call per disk. libvirt's Hyper-V driver implements no domainGetBlockInfo; its
/// domblklist reads the domain XML. Here the disks come from the same batch as <see cref="DomainXmlService"/>,
/// and image file sizes from root/cimv2's CIM_DataFile, one query per 32 paths. A VHD or VHDX's virtual size costs
/// one Msvm_ImageManagementService.GetVirtualHardDiskSettingData call per disk, so it is read only when
/// <see cref="ReadVirtualSizes"/> asks for it.
/// </summary>
public sealed class DomainBlockService
{
    private readonly HvConnection _session;
    private readonly IWsManTrace? _trace;

    /// <summary>A service for <paramref name="session"/>, tracing to <paramref name="trace"/> (null: no trace).</summary>
    public DomainBlockService(HvConnection session, IWsManTrace? trace)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _trace = trace;
    }

    /// <summary>
    /// Whether sizes include each VHD/VHDX's virtual size (Capacity), at one GetVirtualHardDiskSettingData call per
    /// distinct disk file on the host (the image management service reads no more than one disk per call).
    /// </summary>
    public bool ReadVirtualSizes { get; init; }

    /// <summary>
    /// The disks of every domain <paramref name="filter"/> selects, domain by domain in listing order, each
    /// domain's in its XML order. A domain whose XML cannot be built comes back as that result alone (see
    /// <see cref="DomainBlockResult"/>). With <paramref name="sizes"/> off, no size query is sent. A host
    /// without CIM_DataFile is told to <paramref name="warnings"/> once and its sizes stay null.
    /// </summary>
    public async IAsyncEnumerable<DomainBlockResult> GetAsync(DomainFilter filter, bool sizes, Action<DomainReadProblem>? problems,
        Action<string>? warnings, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var domains = new List<HvDomain>();
        await foreach (var domain in new DomainService(_session, _trace).GetDomainsAsync(filter, false, problems, cancellationToken).ConfigureAwait(false))
        {
            domains.Add(domain);
        }
        await foreach (var result in GetAsync(domains, sizes, warnings, cancellationToken).ConfigureAwait(false))
        {
            yield return result;
        }
    }

    /// <summary>
    /// The disks of <paramref name="domains"/>, already listed on this host, in the order given: as
    /// <see cref="GetAsync(DomainFilter, bool, Action{DomainReadProblem}?, Action{string}?, CancellationToken)"/> without
    /// its listing, and no query at all when there are none.
    /// </summary>
    public async IAsyncEnumerable<DomainBlockResult> GetAsync(IReadOnlyList<HvDomain> domains, bool sizes, Action<string>? warnings,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domains);
        var results = new List<DomainXmlResult>();
        await foreach (var result in new DomainXmlService(_session, _trace).GetAsync(domains, inactive: false, cancellationToken).ConfigureAwait(false))
        {
            results.Add(result);
        }
        var fileSizes = sizes
            ? await ReadFileSizesAsync(results.SelectMany(r => r.Definition?.Disks ?? []).Where(d => d.Type == "file").Select(d => d.Source),
                warnings, cancellationToken).ConfigureAwait(false)
            : new Dictionary<string, ulong>();
        var virtualSizes = sizes && ReadVirtualSizes
            ? await ReadVirtualSizesAsync(results.SelectMany(r => r.Definition?.Disks ?? []).Where(IsVirtualHardDisk).Select(d => d.Source),
                warnings, cancellationToken).ConfigureAwait(false)
            : null;
        foreach (var result in results)
        {
            if (result.Definition is not { } definition)
            {
                yield return new DomainBlockResult(result.Domain, [], result.Error);
                continue;
            }
            var devices = definition.Disks.Select(disk => ToDevice(result.Domain, disk, fileSizes, virtualSizes)).ToArray();
            yield return new DomainBlockResult(result.Domain, devices, null);
        }
    }

    // A disk drive whose image is a VHD or VHDX (its virtual size is inside the file).
    private static bool IsVirtualHardDisk(DiskDefinition disk) => disk.Type == "file" && disk.Device == "disk" && HostPath.FormatOf(disk.Source) is not null;

    /// <summary>The block device of one disk, with the sizes known for its file and, for a VHD/VHDX, its virtual size when read.</summary>
    public static HvDomainBlockDevice ToDevice(HvDomain domain, DiskDefinition disk, IReadOnlyDictionary<string, ulong> fileSizes,
        IReadOnlyDictionary<string, ulong>? virtualSizes = null)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(disk);
        ArgumentNullException.ThrowIfNull(fileSizes);
        ulong? fileSize = disk.Type == "file" && fileSizes.TryGetValue(disk.Source, out var size) ? size : null;
        // An ISO or floppy image is raw: the guest sees the file as it is. A VHD/VHDX's virtual size is inside the file.
        var raw = disk.Device is "cdrom" or "floppy";
        return new HvDomainBlockDevice
        {
            Domain = domain.Name,
            DomainUuid = domain.Uuid,
            Target = disk.Target,
            Source = disk.Source,
            Device = disk.Device,
            Type = disk.Type,
            Bus = disk.Bus,
            Capacity = raw ? fileSize
                : virtualSizes is not null && IsVirtualHardDisk(disk) && virtualSizes.TryGetValue(disk.Source, out var virtualSize) ? virtualSize
                : null,
            Allocation = fileSize,
            Physical = fileSize,
            ComputerName = domain.ComputerName,
            ConnectionId = domain.ConnectionId,
        };
    }

    private async Task<IReadOnlyDictionary<string, ulong>> ReadVirtualSizesAsync(IEnumerable<string> paths, Action<string>? warnings,
        CancellationToken cancellationToken)
    {
        try
        {
            return await new VirtualHardDiskService(_session, _trace).GetVirtualSizesAsync(paths, cancellationToken).ConfigureAwait(false);
        }
        catch (HvStorageException unavailable) when (unavailable.Reason == StorageFailure.ClassNotAvailable)
        {
            warnings?.Invoke($"{_session.ComputerName} does not answer for {VirtualHardDiskService.ServiceClass}; virtual sizes (Capacity) of VHD and VHDX files are not shown.");
            return new Dictionary<string, ulong>();
        }
    }

    private async Task<IReadOnlyDictionary<string, ulong>> ReadFileSizesAsync(IEnumerable<string> paths, Action<string>? warnings, CancellationToken cancellationToken)
    {
        try
        {
            return await new HostFileService(_session, _trace).GetExistingAsync(paths, cancellationToken).ConfigureAwait(false);
        }
        catch (HvStorageException unavailable) when (unavailable.Reason == StorageFailure.ClassNotAvailable)
        {
            var fault = unavailable.InnerException as WsManFaultException;
            warnings?.Invoke($"{_session.ComputerName} does not answer for CIM_DataFile in root/cimv2 ({fault?.Reason ?? fault?.Subcode}); sizes are not shown.");
            return new Dictionary<string, ulong>();
        }
    }
}
