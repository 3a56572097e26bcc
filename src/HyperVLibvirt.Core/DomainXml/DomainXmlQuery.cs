using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Core.DomainXml;

/// <summary>
/// The WQL that fetches what the domain XML of many domains needs, one query per class instead of libvirt's
/// per-domain <c>ASSOCIATORS OF</c> walks (hyperv_wmi.c hypervGetResourceAllocationSD and friends). A few domains
/// are asked for by their InstanceID prefix; more, by the whole class.
/// </summary>
public static class DomainXmlQuery
{
    /// <summary>Up to this many domains, queries name each domain; above it they fetch the whole class.</summary>
    public const int PerDomainFilterLimit = 32;

    /// <summary>Per-VM setting classes the XML reads, in the order they are fetched.</summary>
    public static IReadOnlyList<string> ComponentClasses { get; } =
    [
        "Msvm_ProcessorSettingData",
        "Msvm_MemorySettingData",
        "Msvm_ResourceAllocationSettingData",
        "Msvm_StorageAllocationSettingData",
        "Msvm_SerialPortSettingData",
        "Msvm_EthernetPortAllocationSettingData",
        "Msvm_SyntheticEthernetPortSettingData",
    ];

    // Only the properties the mapping reads (a VSSD or RASD has dozens): a fraction of the bytes of whole instances.
    private static readonly string[] SystemProperties = ["InstanceID", "Notes", "VirtualSystemIdentifier", "VirtualSystemSubType", "VirtualSystemType"];

    // Windows Server 2012 (6.2) predates generation 2 and its VSSD has no VirtualSystemSubType; WMI refuses a query
    // that selects a property the class lacks (Microsoft's Msvm_VirtualSystemSettingData: "Windows Server 2012 R2" onwards).
    private static readonly string[] SystemPropertiesWithoutGeneration = ["InstanceID", "Notes", "VirtualSystemIdentifier", "VirtualSystemType"];

    private static readonly Dictionary<string, string[]> ComponentProperties = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Msvm_ProcessorSettingData"] = ["InstanceID", "VirtualQuantity"],
        ["Msvm_MemorySettingData"] = ["InstanceID", "Limit", "VirtualQuantity"],
        ["Msvm_ResourceAllocationSettingData"] =
            ["Address", "AddressOnParent", "Connection", "ElementName", "HostResource", "InstanceID", "Parent", "ResourceSubType", "ResourceType"],
        ["Msvm_StorageAllocationSettingData"] = ["HostResource", "InstanceID", "Parent", "ResourceSubType", "ResourceType"],
        ["Msvm_SerialPortSettingData"] = ["Connection", "ElementName", "InstanceID", "ResourceType"],
        ["Msvm_EthernetPortAllocationSettingData"] = ["EnabledState", "HostResource", "InstanceID", "Parent"],
        ["Msvm_SyntheticEthernetPortSettingData"] = ["Address", "ElementName", "InstanceID"],
    };

    /// <summary>Every switch: port allocations name theirs in HostResource.</summary>
    public const string AllSwitches = "SELECT * FROM Msvm_VirtualEthernetSwitch";

    /// <summary>The realized VSSDs of <paramref name="vms"/>, or of every VM when there are more than <see cref="PerDomainFilterLimit"/>.</summary>
    /// <param name="vms">The domains.</param>
    /// <param name="withGeneration">Also select VirtualSystemSubType (false on hosts older than Windows Server 2012 R2, which lack it).</param>
    public static string SystemSettings(IReadOnlyCollection<Guid> vms, bool withGeneration = true)
    {
        ArgumentNullException.ThrowIfNull(vms);
        var select = DomainQuery.SelectList(withGeneration ? SystemProperties : SystemPropertiesWithoutGeneration) + " FROM Msvm_VirtualSystemSettingData WHERE ";
        if (vms.Count == 0 || vms.Count > PerDomainFilterLimit)
        {
            return select + "VirtualSystemType = " + WqlEscape.Quoted(SettingsQuery.RealizedSystemType);
        }
        return select + string.Join(" OR ", vms.Select(vm => "InstanceID = " + WqlEscape.Quoted(SettingsInstanceId.ForRealizedSystem(vm))));
    }

    /// <summary>
    /// The settings of <paramref name="className"/> that belong to <paramref name="vms"/> (InstanceID
    /// <c>Microsoft:&lt;VM GUID&gt;\…</c>), or of every VM when there are more than <see cref="PerDomainFilterLimit"/>.
    /// </summary>
    public static string ComponentSettings(string className, IReadOnlyCollection<Guid> vms)
    {
        ArgumentNullException.ThrowIfNull(vms);
        if (!ComponentProperties.TryGetValue(className, out var properties))
        {
            throw new ArgumentException($"'{className}' is not a class the domain XML reads.", nameof(className));
        }
        var select = DomainQuery.SelectList(properties) + " FROM " + className + " WHERE ";
        if (vms.Count == 0 || vms.Count > PerDomainFilterLimit)
        {
            return select + "InstanceID LIKE 'Microsoft:%'";
        }
        // GUIDs hold no LIKE wildcard characters, so the prefix needs no escaping beyond WQL quoting.
        return select + string.Join(" OR ", vms.Select(vm => "InstanceID LIKE " + WqlEscape.Quoted(SettingsInstanceId.ForRealizedSystem(vm) + "%")));
    }

    /// <summary>The host disk drives with these DeviceIDs (pass-through LUNs name theirs in HostResource).</summary>
    public static string DiskDrives(IEnumerable<string> deviceIds)
    {
        ArgumentNullException.ThrowIfNull(deviceIds);
        var ids = deviceIds.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        if (ids.Length == 0)
        {
            throw new ArgumentException("At least one DeviceID is needed.", nameof(deviceIds));
        }
        return "SELECT * FROM Msvm_DiskDrive WHERE "
            + string.Join(" OR ", ids.Select(id => "DeviceID = " + WqlEscape.Quoted(id)));
    }

    /// <summary>How many queries <see cref="DomainXmlService"/> sends at most for one host: listing, VSSD, components, switches, disk drives.</summary>
    public static int MaxQueries => 1 + 1 + ComponentClasses.Count + 2;
}
