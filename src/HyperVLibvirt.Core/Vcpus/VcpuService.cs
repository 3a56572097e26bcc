using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Node;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Vcpus;

/// <summary>
/// vcpuinfo, vcpucount and schedinfo for many domains of one host, in one or two queries whatever their number
/// (libvirt's hypervDomainGetVcpus, hypervDomainGetVcpusFlags and hypervDomainGetSchedulerParameters in
/// src/hyperv/hyperv_driver.c cost two association walks per domain, and vcpuinfo one more query per vCPU).
/// </summary>
public sealed class VcpuService
{
    private readonly HvConnection _session;
    private readonly IWsManTrace? _trace;

    /// <summary>A service for <paramref name="session"/>, tracing to <paramref name="trace"/> (null: no trace).</summary>
    public VcpuService(HvConnection session, IWsManTrace? trace)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _trace = trace;
    }

    /// <summary>Every vCPU of the domains: their processor settings, and the host's counters when any of them is active.</summary>
    public async Task<VcpuReport> GetVcpusAsync(IReadOnlyList<HvDomain> domains, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domains);
        if (domains.Count == 0)
        {
            return new VcpuReport([], [], []);
        }
        var settingsQuery = VcpuQuery.ProcessorSettingsOf(domains.Select(d => d.Uuid).ToArray());
        if (!domains.Any(d => d.IsActive))
        {
            return VirtualProcessorJoin.Join(domains, await ListAsync(settingsQuery, null, cancellationToken).ConfigureAwait(false), []);
        }
        var (settings, counters) = await BothAsync(
            () => ListAsync(settingsQuery, null, cancellationToken),
            () => CountersAsync(cancellationToken)).ConfigureAwait(false);
        return VirtualProcessorJoin.Join(domains, settings, counters);
    }

    /// <summary>vcpucount for each domain: its processor settings and the host's Maximum processor definition.</summary>
    public async Task<IReadOnlyList<HvDomainVcpuCount>> GetVcpuCountsAsync(IReadOnlyList<HvDomain> domains, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domains);
        if (domains.Count == 0)
        {
            return [];
        }
        var (settings, maximums) = await BothAsync(
            () => ListAsync(VcpuQuery.ProcessorSettingsOf(domains.Select(d => d.Uuid).ToArray()), null, cancellationToken),
            () => ListAsync(NodeQuery.MaximumProcessorDefinition, null, cancellationToken)).ConfigureAwait(false);
        var maximum = maximums.FirstOrDefault()?.GetUInt64("VirtualQuantity");
        var processors = VirtualProcessorJoin.ProcessorsByVm(settings);
        return domains.Select(d =>
        {
            var current = processors.TryGetValue(d.Uuid, out var p) ? p.GetUInt64("VirtualQuantity") : null;
            // libvirt answers VIR_DOMAIN_VCPU_LIVE only for EnabledState 2 (Enabled).
            var live = d.EnabledState == 2;
            return new HvDomainVcpuCount
            {
                Name = d.Name,
                Uuid = d.Uuid,
                ComputerName = d.ComputerName,
                ConnectionId = d.ConnectionId,
                MaximumConfig = maximum,
                MaximumLive = live ? maximum : null,
                CurrentConfig = current,
                CurrentLive = live ? current : null,
            };
        }).ToArray();
    }

    /// <summary>schedinfo for each domain whose processor settings the host returned, in the order given.</summary>
    public async Task<IReadOnlyList<HvDomainScheduler>> GetSchedulersAsync(IReadOnlyList<HvDomain> domains, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domains);
        if (domains.Count == 0)
        {
            return [];
        }
        var settings = await ListAsync(VcpuQuery.ProcessorSettingsOf(domains.Select(d => d.Uuid).ToArray()), null, cancellationToken).ConfigureAwait(false);
        var processors = VirtualProcessorJoin.ProcessorsByVm(settings);
        return domains.Where(d => processors.ContainsKey(d.Uuid)).Select(d =>
        {
            var p = processors[d.Uuid];
            return new HvDomainScheduler
            {
                Name = d.Name,
                Uuid = d.Uuid,
                ComputerName = d.ComputerName,
                ConnectionId = d.ConnectionId,
                Limit = p.GetUInt64("Limit"),
                Reservation = p.GetUInt64("Reservation"),
                Weight = p.GetUInt64("Weight"),
            };
        }).ToArray();
    }

    private async Task<List<CimObject>> CountersAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await ListAsync(VcpuQuery.AllCounters, WmiNamespace.CimV2, cancellationToken).ConfigureAwait(false);
        }
        catch (WsManFaultException fault) when (fault.WsManCode == WsManFaultException.CodeCannotProcessFilter || fault.Subcode == "n:CannotProcessFilter")
        {
            throw new HvClassNotFoundException(_session.ComputerName, VcpuQuery.CounterClass, WmiNamespace.CimV2,
                "Its Hyper-V hypervisor performance counters are missing: check that the hypervisor is running there (Get-Counter -ListSet 'Hyper-V Hypervisor Virtual Processor' on the host), or rebuild the counters with 'lodctr /R' and 'winmgmt /resyncperf'.",
                fault);
        }
    }

    // Two queries at once over Basic (each is its own request anyway); one after the other where a second
    // connection would cost another Negotiate or Kerberos handshake.
    private async Task<(List<CimObject> First, List<CimObject> Second)> BothAsync(Func<Task<List<CimObject>>> first, Func<Task<List<CimObject>>> second)
    {
        if (_session.Authentication is null or "Basic")
        {
            var a = first();
            var b = second();
            await Task.WhenAll(a, b).ConfigureAwait(false);
            return (a.Result, b.Result);
        }
        return (await first().ConfigureAwait(false), await second().ConfigureAwait(false));
    }

    private async Task<List<CimObject>> ListAsync(string wql, string? wmiNamespace, CancellationToken cancellationToken)
    {
        var items = new List<CimObject>();
        await foreach (var item in _session.QueryAsync(wql, wmiNamespace, _trace, cancellationToken).ConfigureAwait(false))
        {
            items.Add(item);
        }
        return items;
    }
}
