using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Vcpus;

/// <summary>
/// Joins a host's per-VP counter rows and processor settings to domains. Counter rows carry only the VM's
/// <em>name</em> (<c>&lt;name&gt;:Hv VP &lt;n&gt;</c>), so two VMs with one name cannot be told apart: performance
/// counters number the later ones (<c>&lt;name&gt;#1:Hv VP 0</c>) in an order that says nothing of which VM is which.
/// Such a domain's vCPUs are reported <c>Unknown</c> (libvirt would give every one of them the first VM's
/// numbers). A domain that is not active is <c>Offline</c> without a look at the rows, so a stopped VM never
/// shows the counters of a running namesake.
/// </summary>
public static class VirtualProcessorJoin
{
    private const string VpMarker = ":Hv VP ";

    /// <summary>Indexes processor settings by the VM they belong to (realized settings only).</summary>
    public static Dictionary<Guid, CimObject> ProcessorsByVm(IEnumerable<CimObject> processorSettings)
    {
        ArgumentNullException.ThrowIfNull(processorSettings);
        var byVm = new Dictionary<Guid, CimObject>();
        foreach (var setting in processorSettings)
        {
            if (SettingsInstanceId.GuidOf(SettingsInstanceId.OwnerOf(setting.GetString("InstanceID"))) is { } vm)
            {
                byVm.TryAdd(vm, setting);
            }
        }
        return byVm;
    }

    /// <summary>The vCPU rows of each domain in order, and the names whose counters are ambiguous.</summary>
    public static VcpuReport Join(IEnumerable<HvDomain> domains, IEnumerable<CimObject> processorSettings, IEnumerable<CimObject> counters)
    {
        ArgumentNullException.ThrowIfNull(domains);
        ArgumentNullException.ThrowIfNull(counters);
        var list = domains.ToList();
        var processors = ProcessorsByVm(processorSettings);
        var runTicks = new Dictionary<string, ulong>(StringComparer.OrdinalIgnoreCase);
        var numbered = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in counters)
        {
            var name = row.GetString("Name");
            var marker = name?.LastIndexOf(VpMarker, StringComparison.Ordinal) ?? -1;
            if (marker < 0)
            {
                continue; // _Total and anything else that is no VP
            }
            runTicks.TryAdd(name!, row.GetUInt64("PercentTotalRunTime") ?? 0);
            if (NamesakeOf(name![..marker]) is { } namesake)
            {
                numbered.Add(namesake);
            }
        }
        var activeNames = list.Where(d => d.IsActive).GroupBy(d => d.Name, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1).Select(g => g.Key);
        var ambiguous = new HashSet<string>(activeNames.Concat(numbered), StringComparer.OrdinalIgnoreCase);

        var rows = new List<HvDomainVcpu>();
        var missing = new List<HvDomain>();
        var ambiguousDomains = new List<HvDomain>();
        foreach (var domain in list)
        {
            if (!processors.TryGetValue(domain.Uuid, out var processor) || processor.GetUInt64("VirtualQuantity") is not { } count || count > int.MaxValue)
            {
                missing.Add(domain);
                continue;
            }
            var unknown = domain.IsActive && ambiguous.Contains(domain.Name);
            if (unknown)
            {
                ambiguousDomains.Add(domain);
            }
            for (var vp = 0; vp < (int)count; vp++)
            {
                var state = "Offline";
                ulong? cpuTime = null;
                if (unknown)
                {
                    state = "Unknown";
                }
                else if (domain.IsActive && runTicks.TryGetValue(domain.Name + VpMarker + vp.ToString(System.Globalization.CultureInfo.InvariantCulture), out var ticks))
                {
                    state = "Running";
                    // 100 ns ticks to nanoseconds, as libvirt's "PercentTotalRunTime * 100".
                    cpuTime = ticks <= ulong.MaxValue / 100 ? ticks * 100 : null;
                }
                rows.Add(new HvDomainVcpu { Name = domain.Name, Uuid = domain.Uuid, Vcpu = vp, State = state, CpuTimeNs = cpuTime, ComputerName = domain.ComputerName, ConnectionId = domain.ConnectionId });
            }
        }
        return new VcpuReport(rows, ambiguousDomains, missing);
    }

    // "<name>#<digits>" is a later VM of the same name: the name without the number, or null.
    private static string? NamesakeOf(string instance)
    {
        var hash = instance.LastIndexOf('#');
        return hash > 0 && hash < instance.Length - 1 && instance.AsSpan(hash + 1).IndexOfAnyExceptInRange('0', '9') < 0 ? instance[..hash] : null;
    }
}
