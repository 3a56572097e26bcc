using System.Runtime.CompilerServices;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Snapshots;

/// <summary>
/// Reads domains' snapshots (libvirt's domainListAllSnapshots, domainSnapshotCurrent and domainSnapshotGetParent;
/// <c>virsh snapshot-list</c>, <c>snapshot-current</c>, <c>snapshot-parent</c>, <c>snapshot-info</c>): the domains asked
/// for in one listing query, every snapshot of the host in one more, and every VM's current snapshot in a third,
/// trees built here. Any number of domains costs three queries.
/// </summary>
public sealed class SnapshotService
{
    private readonly HvConnection _session;
    private readonly IWsManTrace? _trace;

    /// <summary>A service for <paramref name="session"/>, tracing to <paramref name="trace"/> (null: no trace).</summary>
    public SnapshotService(HvConnection session, IWsManTrace? trace)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _trace = trace;
    }

    /// <summary>Each selected domain with its snapshots in tree order (an empty list when it has none), in listing order.</summary>
    /// <exception cref="HvHostException">The host offers only the v1 namespace, where snapshots are not read.</exception>
    /// <exception cref="HvClassNotFoundException">The host lacks one of the classes snapshots are read from.</exception>
    public async IAsyncEnumerable<(HvDomain Domain, IReadOnlyList<HvDomainSnapshot> Snapshots)> GetSnapshotsAsync(DomainFilter filter,
        Action<DomainReadProblem>? problems, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        RequireV2();
        var domains = new List<HvDomain>();
        await foreach (var domain in new DomainService(_session, _trace).GetDomainsAsync(filter, detailed: false, problems, cancellationToken).ConfigureAwait(false))
        {
            domains.Add(domain);
        }
        foreach (var read in await GetSnapshotsAsync(domains, cancellationToken).ConfigureAwait(false))
        {
            yield return read;
        }
    }

    /// <summary>
    /// Each of <paramref name="domains"/> (already listed on this host) with its snapshots in tree order, in the order
    /// given: two queries however many domains, none when there are none.
    /// </summary>
    /// <exception cref="HvHostException">The host offers only the v1 namespace, where snapshots are not read.</exception>
    /// <exception cref="HvClassNotFoundException">The host lacks one of the classes snapshots are read from.</exception>
    public async Task<IReadOnlyList<(HvDomain Domain, IReadOnlyList<HvDomainSnapshot> Snapshots)>> GetSnapshotsAsync(IReadOnlyList<HvDomain> domains,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domains);
        RequireV2();
        if (domains.Count == 0)
        {
            return [];
        }
        var settings = await ListAsync(SnapshotQuery.AllSnapshots, "Msvm_VirtualSystemSettingData", cancellationToken).ConfigureAwait(false);
        // Without snapshots there is nothing to be current; the third query is spared.
        var current = settings.Count == 0
            ? []
            : await ListAsync(SnapshotQuery.AllCurrentSnapshots, "Msvm_MostCurrentSnapshotInBranch", cancellationToken).ConfigureAwait(false);
        var byUuid = domains.DistinctBy(d => d.Uuid).ToDictionary(d => d.Uuid);
        var trees = SnapshotTree.Build(settings, current,
            vm => byUuid.TryGetValue(vm, out var d) ? (d.Name, d.ComputerName, d.ConnectionId) : null);
        return domains.Select(d => (d, trees.GetValueOrDefault(d.Uuid) ?? (IReadOnlyList<HvDomainSnapshot>)[])).ToArray();
    }

    private void RequireV2()
    {
        if (_session.WmiApi != WmiApi.V2)
        {
            throw new HvHostException($"{_session.ComputerName} offers only the root/virtualization (v1) WMI namespace of Windows Server 2008 and 2008 R2; " +
                "snapshots are read from root/virtualization/v2 (Windows Server 2012 and later). Use Hyper-V Manager on that host.");
        }
    }

    private async Task<List<CimObject>> ListAsync(string wql, string className, CancellationToken cancellationToken)
    {
        var items = new List<CimObject>();
        try
        {
            await foreach (var item in _session.QueryAsync(wql, null, _trace, cancellationToken).ConfigureAwait(false))
            {
                items.Add(item);
            }
        }
        catch (WsManFaultException fault) when (fault.WsManCode == WsManFaultException.CodeCannotProcessFilter || fault.Subcode == "n:CannotProcessFilter")
        {
            throw new HvClassNotFoundException(_session.ComputerName, className, _session.Namespace,
                "Snapshots are read through it; check that the host's Hyper-V role is complete (Get-WindowsFeature Hyper-V on the host).", fault);
        }
        return items;
    }
}
