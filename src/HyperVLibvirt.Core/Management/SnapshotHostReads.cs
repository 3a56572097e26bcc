using System.Collections.Concurrent;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.Lifecycle;
using HyperVLibvirt.Core.Snapshots;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Management;

/// <summary>
/// One host's reads for a <see cref="SnapshotBatch"/>, shared by its changes: the domains read afresh before a change, and the
/// snapshot trees read back after one. Reads asked for while one is out go together into the next (<see cref="CoalescedReads{TKey, TValue}"/>):
/// one listing for many UUIDs, and one host-wide snapshot read (two queries) for many domains' trees. Each goes through the host's
/// lane, so it takes one of the host's slots like any operation.
/// </summary>
internal sealed class SnapshotHostReads
{
    // UUIDs per listing: about 50 characters each in the WQL, so a query stays near 2 KB.
    private const int MaxDomainsPerQuery = 32;

    // The snapshot read is host-wide whatever the number of domains, so one read answers every tree asked for.
    private const int MaxTreesPerRead = int.MaxValue;

    private readonly CoalescedReads<Guid, HvDomain> _domains;
    private readonly CoalescedReads<Guid, IReadOnlyList<HvDomainSnapshot>> _trees;
    // The domain each tree was asked for, whose name and connection its snapshots carry.
    private readonly ConcurrentDictionary<Guid, HvDomain> _treeOwners = new();

    public SnapshotHostReads(HvConnection session, IWsManTrace? trace, HostLane lane, CancellationToken stop)
    {
        var domains = new DomainService(session, trace);
        var snapshots = new SnapshotService(session, trace);
        _domains = new CoalescedReads<Guid, HvDomain>((uuids, token) => lane.RunAsync(async t =>
        {
            var found = new Dictionary<Guid, HvDomain>();
            await foreach (var domain in domains.GetDomainsAsync(new DomainFilter { Uuids = uuids }, detailed: false, t).ConfigureAwait(false))
            {
                found[domain.Uuid] = domain;
            }
            return (IReadOnlyDictionary<Guid, HvDomain>)found;
        }, token), MaxDomainsPerQuery, null, stop);
        _trees = new CoalescedReads<Guid, IReadOnlyList<HvDomainSnapshot>>((uuids, token) => lane.RunAsync(async t =>
        {
            var read = await snapshots.GetSnapshotsAsync(uuids.Select(u => _treeOwners[u]).ToArray(), t).ConfigureAwait(false);
            return (IReadOnlyDictionary<Guid, IReadOnlyList<HvDomainSnapshot>>)read.ToDictionary(r => r.Domain.Uuid, r => r.Snapshots);
        }, token), MaxTreesPerRead, null, stop);
    }

    /// <summary>The domain as the next listing finds it; null when the host no longer has it.</summary>
    public Task<HvDomain?> ReadDomainAsync(Guid uuid, CancellationToken cancellationToken) => _domains.ReadAsync(uuid, cancellationToken);

    /// <summary>The domain's snapshots as the next host-wide read finds them (tree order).</summary>
    public async Task<IReadOnlyList<HvDomainSnapshot>> ReadTreeAsync(HvDomain domain, CancellationToken cancellationToken)
    {
        _treeOwners[domain.Uuid] = domain;
        return await _trees.ReadAsync(domain.Uuid, cancellationToken).ConfigureAwait(false) ?? [];
    }
}
