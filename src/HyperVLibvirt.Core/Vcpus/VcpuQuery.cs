using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Core.Vcpus;

/// <summary>
/// The WQL behind vcpuinfo, vcpucount and schedinfo for many domains at once. libvirt walks two associations
/// per domain for its Msvm_ProcessorSettingData and sends one counter query per vCPU per domain
/// (hypervDomainGetVcpus); here each is one query per host.
/// </summary>
public static class VcpuQuery
{
    /// <summary>Up to this many domains are named in the WHERE clause; past it every VM's settings come in one class-wide query.</summary>
    public const int NamedDomainLimit = 32;

    /// <summary>The per-VP performance counter class of the Hyper-V hypervisor (root/cimv2).</summary>
    public const string CounterClass = "Win32_PerfRawData_HvStats_HyperVHypervisorVirtualProcessor";

    /// <summary>
    /// Every virtual processor's counters, only the two properties read: rows exist only for VPs the hypervisor
    /// has (running and paused VMs), named <c>&lt;VM name&gt;:Hv VP &lt;n&gt;</c>, plus <c>_Total</c>.
    /// </summary>
    public const string AllCounters = "SELECT Name, PercentTotalRunTime FROM " + CounterClass;

    /// <summary>
    /// The realized Msvm_ProcessorSettingData of these VMs: their InstanceIDs start <c>Microsoft:&lt;VM GUID&gt;</c>,
    /// which no snapshot or definition shares. Many VMs: the class-wide <see cref="SettingsQuery.AllProcessorSettings"/>.
    /// </summary>
    public static string ProcessorSettingsOf(IReadOnlyCollection<Guid> vms)
    {
        ArgumentNullException.ThrowIfNull(vms);
        if (vms.Count == 0 || vms.Count > NamedDomainLimit)
        {
            return SettingsQuery.AllProcessorSettings;
        }
        // GUIDs hold no LIKE wildcard, so they need no escaping.
        return "SELECT * FROM Msvm_ProcessorSettingData WHERE "
            + string.Join(" OR ", vms.Distinct().Select(vm => "InstanceID LIKE '" + SettingsInstanceId.ForRealizedSystem(vm) + "%'"));
    }
}
