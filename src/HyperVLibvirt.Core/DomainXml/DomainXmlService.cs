using System.Runtime.CompilerServices;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.DomainXml;

/// <summary>
/// The domain XML of many domains of one host (libvirt's domainGetXMLDesc) in a fixed handful of queries:
/// the listing, the VSSDs, one query per setting class (<see cref="DomainXmlQuery.ComponentClasses"/>), and
/// the switches and host disk drives only when some adapter or pass-through LUN needs them. libvirt sends
/// eight or more per domain. Domains are then built and returned one at a time, in listing order. On a v1 host
/// (Windows Server 2008 to 2012) only the VSSDs, processors and memory are read: libvirt's v1 XML had no devices.
/// </summary>
public sealed class DomainXmlService
{
    private readonly HvConnection _session;
    private readonly IWsManTrace? _trace;

    /// <summary>A service for <paramref name="session"/>, tracing to <paramref name="trace"/> (null: no trace).</summary>
    public DomainXmlService(HvConnection session, IWsManTrace? trace)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _trace = trace;
    }

    /// <summary>
    /// The XML of every domain <paramref name="filter"/> selects. Listed items that are not readable VMs go to
    /// <paramref name="problems"/>, as in <see cref="DomainService"/>. A domain whose settings cannot be turned
    /// into XML comes back with its <see cref="DomainXmlResult.Error"/>; the others are unaffected.
    /// </summary>
    public IAsyncEnumerable<DomainXmlResult> GetAsync(DomainFilter filter, Action<DomainReadProblem>? problems,
        CancellationToken cancellationToken = default) =>
        GetAsync(filter, inactive: false, problems, cancellationToken);

    /// <summary>
    /// As <see cref="GetAsync(DomainFilter, Action{DomainReadProblem}?, CancellationToken)"/>; with <paramref name="inactive"/>,
    /// the text is formatted as <c>virsh dumpxml --inactive</c> formats it (see <see cref="DomainXmlFormatter.Format"/>).
    /// </summary>
    public async IAsyncEnumerable<DomainXmlResult> GetAsync(DomainFilter filter, bool inactive, Action<DomainReadProblem>? problems,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var domains = new List<HvDomain>();
        await foreach (var domain in new DomainService(_session, _trace).GetDomainsAsync(filter, false, problems, cancellationToken).ConfigureAwait(false))
        {
            domains.Add(domain);
        }
        await foreach (var result in GetAsync(domains, inactive, cancellationToken).ConfigureAwait(false))
        {
            yield return result;
        }
    }

    /// <summary>
    /// The XML of <paramref name="domains"/>, already listed on this host, in the order given: the same batch as
    /// <see cref="GetAsync(DomainFilter, bool, Action{DomainReadProblem}?, CancellationToken)"/> without its listing,
    /// and no query at all when there are none.
    /// </summary>
    public async IAsyncEnumerable<DomainXmlResult> GetAsync(IReadOnlyList<HvDomain> domains, bool inactive,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domains);
        if (domains.Count == 0)
        {
            yield break;
        }

        var join = await FetchAsync(domains.Select(d => d.Uuid).Distinct().ToArray(), cancellationToken).ConfigureAwait(false);
        var settings = domains.Select(d => join.For(d.GetRecord(), SerialPortsInResourceSettings)).ToList();

        var needsNetwork = settings.Any(s => s.PortAllocations.Count > 0);
        var switches = needsNetwork ? await ListAsync(DomainXmlQuery.AllSwitches, cancellationToken).ConfigureAwait(false) : [];
        var lunDeviceIds = settings.SelectMany(PassThroughDeviceIds).ToArray();
        var drives = lunDeviceIds.Length > 0 ? await ListAsync(DomainXmlQuery.DiskDrives(lunDeviceIds), cancellationToken).ConfigureAwait(false) : [];

        for (var i = 0; i < domains.Count; i++)
        {
            var complete = settings[i] with { Switches = switches, HostDiskDrives = drives };
            yield return Build(domains[i], complete, inactive);
        }
    }

    /// <summary>Builds one domain's result; a domain whose data makes no sense fails alone.</summary>
    public static DomainXmlResult Build(HvDomain domain, DomainSettings settings, bool inactive = false)
    {
        ArgumentNullException.ThrowIfNull(domain);
        try
        {
            var definition = DomainDefinitionBuilder.Build(settings);
            return new DomainXmlResult(domain, definition, DomainXmlFormatter.Format(definition, inactive), null);
        }
        catch (DomainXmlException ex)
        {
            return new DomainXmlResult(domain, null, null, ex);
        }
    }

    // Hosts of version 6.x (2012 R2 and older) keep serial ports among the RASDs (hypervDomainGetXMLDesc).
    private bool SerialPortsInResourceSettings => _session.OsVersion.StartsWith("6.", StringComparison.Ordinal);

    // Generation 2 came with Windows Server 2012 R2 (6.3); 2012 (6.2) has no VirtualSystemSubType to select.
    private bool HasGenerations => !_session.OsVersion.StartsWith("6.2", StringComparison.Ordinal);

    private async Task<DomainSettingsJoin> FetchAsync(IReadOnlyCollection<Guid> vms, CancellationToken cancellationToken)
    {
        var join = new DomainSettingsJoin();
        if (_session.WmiApi == WmiApi.V1)
        {
            // libvirt's v1 driver showed no devices, and v1 hosts lack the v2 device classes (and VirtualSystemType):
            // the VSSDs, processors and memory are read whole, as Get-HvDomain -Detailed reads them.
            join.AddSystemSettings(await ListAsync("SELECT * FROM Msvm_VirtualSystemSettingData", cancellationToken).ConfigureAwait(false));
            join.AddComponents("Msvm_ProcessorSettingData", await ListAsync(SettingsQuery.AllProcessorSettings, cancellationToken).ConfigureAwait(false));
            join.AddComponents("Msvm_MemorySettingData", await ListAsync(SettingsQuery.AllMemorySettings, cancellationToken).ConfigureAwait(false));
            return join;
        }
        join.AddSystemSettings(await ListAsync(DomainXmlQuery.SystemSettings(vms, HasGenerations), cancellationToken).ConfigureAwait(false));
        foreach (var className in DomainXmlQuery.ComponentClasses)
        {
            if (SerialPortsInResourceSettings && className == "Msvm_SerialPortSettingData")
            {
                continue;
            }
            join.AddComponents(className, await ListAsync(DomainXmlQuery.ComponentSettings(className, vms), cancellationToken).ConfigureAwait(false));
        }
        return join;
    }

    // The DeviceIDs of the host disks that a domain's pass-through LUNs (disk drives not "NODRIVE") name.
    private static IEnumerable<string> PassThroughDeviceIds(DomainSettings settings) =>
        settings.ResourceSettings
            .Where(r => r.GetUInt64("ResourceType") == ResourceTypes.DiskDrive)
            .Select(r => r.GetArray("HostResource") is { Count: > 0 } items ? items[0].AsString() : null)
            .Where(path => path is not null && !path.Contains("NODRIVE", StringComparison.Ordinal))
            .Select(path => WmiPath.KeyValue(path, "DeviceID"))
            .OfType<string>();

    private async Task<List<CimObject>> ListAsync(string wql, CancellationToken cancellationToken)
    {
        var items = new List<CimObject>();
        await foreach (var item in _session.QueryAsync(wql, null, _trace, cancellationToken).ConfigureAwait(false))
        {
            items.Add(item);
        }
        return items;
    }
}
