using System.Runtime.CompilerServices;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Guest;

/// <summary>
/// Reads what guests publish through Hyper-V's data exchange (libvirt's domainGetGuestInfo for Hyper-V,
/// <c>virsh guestinfo</c>): the domains asked for in one listing query, then every one of their
/// Msvm_KvpExchangeComponent instances in one more, joined here by the component's <c>SystemName</c> (the VM GUID).
/// Any number of domains costs two queries.
/// </summary>
public sealed class GuestInfoService
{
    private const string ComponentClass = "Msvm_KvpExchangeComponent";

    private readonly HvConnection _session;
    private readonly IWsManTrace? _trace;

    /// <summary>A service for <paramref name="session"/>, tracing to <paramref name="trace"/> (null: no trace).</summary>
    public GuestInfoService(HvConnection session, IWsManTrace? trace)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _trace = trace;
    }

    /// <summary>
    /// One outcome per domain the filter selects, in listing order: its guest's information, or why there is none.
    /// Listed items that are not readable domains go to <paramref name="problems"/>, as <see cref="DomainService"/> reports them.
    /// </summary>
    /// <exception cref="HvClassNotFoundException">The host has no Msvm_KvpExchangeComponent class.</exception>
    public async IAsyncEnumerable<GuestInfoRead> GetGuestInfoAsync(DomainFilter filter, Action<DomainReadProblem>? problems,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var domains = new List<HvDomain>();
        await foreach (var domain in new DomainService(_session, _trace).GetDomainsAsync(filter, detailed: false, problems, cancellationToken).ConfigureAwait(false))
        {
            domains.Add(domain);
        }
        foreach (var read in await GetGuestInfoAsync(domains, cancellationToken).ConfigureAwait(false))
        {
            yield return read;
        }
    }

    /// <summary>
    /// One outcome per domain of <paramref name="domains"/> (already listed on this host), in the order given: one
    /// query for the running ones, none when none runs.
    /// </summary>
    /// <exception cref="HvClassNotFoundException">The host has no Msvm_KvpExchangeComponent class.</exception>
    public async Task<IReadOnlyList<GuestInfoRead>> GetGuestInfoAsync(IReadOnlyList<HvDomain> domains, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domains);
        // Only running domains have a guest to ask; the others need no query at all.
        var active = domains.Where(d => d.GetState() == HvDomainState.Running).Select(d => d.Uuid).Distinct().ToArray();
        var components = active.Length == 0
            ? new Dictionary<Guid, CimObject>()
            : await ReadComponentsAsync(active, cancellationToken).ConfigureAwait(false);
        return domains.Select(d => Join(d, components.GetValueOrDefault(d.Uuid))).ToArray();
    }

    /// <summary>The outcome for one domain given its component (null when the host has none for it).</summary>
    public static GuestInfoRead Join(HvDomain domain, CimObject? component)
    {
        ArgumentNullException.ThrowIfNull(domain);
        // As libvirt's guestinfo, only a running guest is asked: a paused one cannot answer, an inactive one has none.
        if (domain.GetState() != HvDomainState.Running)
        {
            return GuestInfoRead.Missing(domain, GuestInfoUnavailability.DomainNotRunning);
        }
        var items = component is null ? [] : KvpDataItemReader.ReadAll(component.GetArray("GuestIntrinsicExchangeItems"));
        return items.Count == 0
            ? GuestInfoRead.Missing(domain, GuestInfoUnavailability.GuestNotReporting)
            : GuestInfoRead.Found(domain, new HvDomainGuestInfo(domain.Name, domain.Uuid, domain.ComputerName, domain.ConnectionId, items));
    }

    private async Task<Dictionary<Guid, CimObject>> ReadComponentsAsync(IReadOnlyCollection<Guid> vms, CancellationToken cancellationToken)
    {
        var wanted = vms.ToHashSet();
        var byVm = new Dictionary<Guid, CimObject>();
        try
        {
            await foreach (var component in _session.QueryAsync(KvpQuery.For(vms), null, _trace, cancellationToken).ConfigureAwait(false))
            {
                // The class-wide query returns every VM's component; keep those asked for.
                if (Guid.TryParse(component.GetString("SystemName"), out var vm) && wanted.Contains(vm))
                {
                    byVm.TryAdd(vm, component);
                }
            }
        }
        catch (WsManFaultException fault) when (fault.WsManCode == WsManFaultException.CodeCannotProcessFilter || fault.Subcode == "n:CannotProcessFilter")
        {
            throw new HvClassNotFoundException(_session.ComputerName, ComponentClass, _session.Namespace,
                "Guest information needs it; check that the host's Hyper-V role is complete (Get-WindowsFeature Hyper-V on the host).", fault);
        }
        return byVm;
    }
}
