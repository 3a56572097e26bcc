using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Domains;

/// <summary>
/// Reads the addresses guests report for their network adapters (virsh domifaddr) for many domains of one host:
/// one query for the guest network configurations and one for the adapters' names and MAC addresses, whatever the
/// number of domains (see <see cref="GuestNetworkQuery"/>). Calls only downward (session, WS-Man).
/// </summary>
public sealed class DomainAddressReader
{
    // What a host without the class lacks, and what to check.
    private const string Meaning = "It publishes the addresses guests report from Windows Server 2012 on (root/virtualization/v2), "
        + "so guest IP addresses cannot be read there: check the host's Windows version and its Hyper-V role.";
    private readonly HvConnection _session;
    private readonly IWsManTrace? _trace;

    /// <summary>A reader for <paramref name="session"/>, tracing to <paramref name="trace"/> (null: no trace).</summary>
    public DomainAddressReader(HvConnection session, IWsManTrace? trace)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _trace = trace;
    }

    /// <summary>
    /// Every address of <paramref name="domains"/>, domain by domain in the order given, adapters by name. A domain whose
    /// guest reports nothing (booting, no integration services) has none; an inactive one (off, saved) is not asked about,
    /// as it has no running guest, so a call for inactive domains alone sends nothing.
    /// </summary>
    /// <exception cref="HvClassNotFoundException">The host has no Msvm_GuestNetworkAdapterConfiguration.</exception>
    public async Task<IReadOnlyList<HvDomainAddress>> ReadAsync(IReadOnlyList<HvDomain> domains, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domains);
        domains = domains.Where(d => d.IsActive).ToArray();
        if (domains.Count == 0)
        {
            return [];
        }
        var uuids = domains.Select(d => d.Uuid).Distinct().ToArray();
        var configurations = await ConfigurationsAsync(uuids, cancellationToken).ConfigureAwait(false);
        if (configurations.Count == 0)
        {
            return [];
        }
        var adapters = await AdaptersAsync(uuids, cancellationToken).ConfigureAwait(false);
        var result = new List<HvDomainAddress>();
        foreach (var domain in domains)
        {
            if (!configurations.TryGetValue(domain.Uuid, out var ofDomain))
            {
                continue;
            }
            var named = ofDomain.Select(c =>
            {
                adapters.TryGetValue((domain.Uuid, c.Adapter), out var adapter);
                return (Name: adapter?.GetString("ElementName") is { Length: > 0 } name ? name : c.Adapter, Mac: MacAddress.ToLibvirt(adapter?.GetString("Address")), c.Addresses);
            });
            foreach (var (name, mac, addresses) in named.OrderBy(n => n.Name, StringComparer.OrdinalIgnoreCase).ThenBy(n => n.Mac, StringComparer.Ordinal))
            {
                result.AddRange(addresses.Select(a => new HvDomainAddress(domain, name, mac, a)));
            }
        }
        return result;
    }

    // The adapters' names and MAC addresses by (VM, adapter id); none where the host has no such class (the
    // addresses are still worth returning, named by adapter id).
    private async Task<Dictionary<(Guid, string), CimObject>> AdaptersAsync(IReadOnlyCollection<Guid> uuids, CancellationToken cancellationToken)
    {
        var adapters = new Dictionary<(Guid, string), CimObject>();
        try
        {
            await foreach (var adapter in _session.QueryAsync(GuestNetworkQuery.AdaptersOf(uuids), null, _trace, cancellationToken).ConfigureAwait(false))
            {
                if (GuestNetworkQuery.ParseAdapterId(adapter.GetString("InstanceID")) is { } id)
                {
                    adapters[id] = adapter;
                }
            }
        }
        catch (WsManFaultException fault) when (IsClassMissing(fault))
        {
            adapters.Clear();
        }
        return adapters;
    }

    /// <summary>
    /// The addresses each of <paramref name="domains"/> reports, by adapter, from one query (no adapter names): what a
    /// wait for an address polls.
    /// </summary>
    /// <exception cref="HvClassNotFoundException">The host has no Msvm_GuestNetworkAdapterConfiguration.</exception>
    public async Task<IReadOnlyDictionary<Guid, List<(string Adapter, IReadOnlyList<GuestAddress> Addresses)>>> ConfigurationsAsync(
        IReadOnlyCollection<Guid> domains, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domains);
        var wanted = domains.ToHashSet();
        var result = new Dictionary<Guid, List<(string, IReadOnlyList<GuestAddress>)>>();
        if (wanted.Count == 0)
        {
            return result;
        }
        try
        {
            await foreach (var configuration in _session.QueryAsync(GuestNetworkQuery.ConfigurationsOf(wanted), null, _trace, cancellationToken)
                               .ConfigureAwait(false))
            {
                // A class-wide query returns every VM's adapters: keep the ones asked about.
                if (GuestNetworkQuery.ParseConfigurationId(configuration.GetString("InstanceID")) is not { } id || !wanted.Contains(id.Domain))
                {
                    continue;
                }
                if (!result.TryGetValue(id.Domain, out var list))
                {
                    result[id.Domain] = list = [];
                }
                list.Add((id.Adapter, GuestAddress.FromConfiguration(configuration)));
            }
        }
        catch (WsManFaultException fault) when (IsClassMissing(fault))
        {
            throw new HvClassNotFoundException(_session.ComputerName, GuestNetworkQuery.ConfigurationClass, _session.Namespace, Meaning, fault);
        }
        return result;
    }

    // WinRM answers a query on a class the namespace lacks with CannotProcessFilter (the WS2008 R2 capture of a missing class).
    private static bool IsClassMissing(WsManFaultException fault) =>
        fault.WsManCode == WsManFaultException.CodeCannotProcessFilter || fault.Subcode == "n:CannotProcessFilter";
}
