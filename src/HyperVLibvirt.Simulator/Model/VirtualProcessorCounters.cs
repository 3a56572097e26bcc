using System.Globalization;

namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// Win32_PerfRawData_HvStats_HyperVHypervisorVirtualProcessor rows: one per virtual processor of
/// every VM that has a partition (running, paused, or between states with a worker process), named
/// <c>&lt;VM name&gt;:Hv VP &lt;n&gt;</c> as the "Hyper-V Hypervisor Virtual Processor" counter set
/// names its instances, plus <c>_Total</c>. Counters are raw 100 ns tick counts that grow while the
/// VM runs (a paused VM's stand still), so they are rebuilt for the moment of each query.
/// </summary>
/// <remarks>
/// Two VMs with the same name would give the same instance name; as performance counters do, the
/// second gets <c>#1</c> after the VM name (<c>web#1:Hv VP 0</c>), the third <c>#2</c>, and so on.
/// </remarks>
internal static class VirtualProcessorCounters
{
    public const string ClassName = "Win32_PerfRawData_HvStats_HyperVHypervisorVirtualProcessor";

    private const ulong TicksPerSecond = 10_000_000;

    public static List<CimInstance> Rows(HostNamespace cimv2, IEnumerable<VmRecord> vms, DateTimeOffset bootTime, DateTimeOffset now)
    {
        var rows = new List<CimInstance>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        ulong totalRun = 0, totalGuest = 0;
        foreach (var vm in vms.OrderBy(v => v.Created).ThenBy(v => v.Name, StringComparer.Ordinal))
        {
            if (!EnabledStates.HasWorkerProcess(vm.State))
            {
                continue;
            }

            var occurrence = seen.TryGetValue(vm.Spec.Name, out var n) ? n : 0;
            seen[vm.Spec.Name] = occurrence + 1;
            var prefix = occurrence == 0 ? vm.Spec.Name : vm.Spec.Name + "#" + occurrence.ToString(CultureInfo.InvariantCulture);
            // The VPs run only while the VM runs: paused or between states, their time stands still.
            var since = vm.RunningSince ?? vm.LastStateChange;
            var until = vm.State == EnabledStates.Enabled ? now : vm.LastStateChange;
            var upTicks = (ulong)Math.Max(0, (until - since).Ticks);
            var idBytes = vm.Spec.Id.ToByteArray();
            for (var vp = 0; vp < vm.Spec.VirtualProcessors; vp++)
            {
                // A steady load of 1 % to 24 % per VP, fixed by the VM's id and the VP's number.
                var loadPercent = 1UL + (ulong)(idBytes[vp % idBytes.Length] ^ vp) % 24;
                var run = upTicks / 100 * loadPercent;
                var guest = run / 10 * 9;
                totalRun += run;
                totalGuest += guest;
                rows.Add(Row(cimv2, prefix + ":Hv VP " + vp.ToString(CultureInfo.InvariantCulture), run, guest, bootTime, now));
            }
        }

        rows.Add(Row(cimv2, "_Total", totalRun, totalGuest, bootTime, now));
        return rows;
    }

    private static CimInstance Row(HostNamespace cimv2, string name, ulong run, ulong guest, DateTimeOffset bootTime, DateTimeOffset now)
    {
        var row = cimv2.New(ClassName);
        var sinceBoot = (ulong)Math.Max(0, (now - bootTime).Ticks);
        row["Name"] = name;
        row["Caption"] = null;
        row["Description"] = null;
        row["PercentTotalRunTime"] = CimValues.UInt(run);
        row["PercentTotalRunTime_Base"] = CimValues.UInt(sinceBoot);
        row["PercentGuestRunTime"] = CimValues.UInt(guest);
        row["PercentGuestRunTime_Base"] = CimValues.UInt(sinceBoot);
        row["PercentHypervisorRunTime"] = CimValues.UInt(run - guest);
        row["PercentHypervisorRunTime_Base"] = CimValues.UInt(sinceBoot);
        row["PercentRemoteRunTime"] = CimValues.UInt(0);
        row["PercentRemoteRunTime_Base"] = CimValues.UInt(sinceBoot);
        row["Frequency_Object"] = CimValues.UInt(0);
        row["Frequency_PerfTime"] = CimValues.UInt(TicksPerSecond);
        row["Frequency_Sys100NS"] = CimValues.UInt(TicksPerSecond);
        row["Timestamp_Object"] = CimValues.UInt(0);
        row["Timestamp_PerfTime"] = CimValues.UInt(sinceBoot);
        row["Timestamp_Sys100NS"] = CimValues.UInt((ulong)now.ToFileTime());
        return row;
    }
}
