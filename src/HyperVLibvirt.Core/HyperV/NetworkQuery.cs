namespace HyperVLibvirt.Core.HyperV;

/// <summary>
/// The WQL of libvirt's Hyper-V network driver (src/hyperv/hyperv_network_driver.c): a network is an
/// Msvm_VirtualEthernetSwitch; its name is ElementName, its UUID the switch's Name.
/// </summary>
public static class NetworkQuery
{
    /// <summary>The switch class.</summary>
    public const string SwitchClass = "Msvm_VirtualEthernetSwitch";

    /// <summary>
    /// Every network, as hypervConnectListAllNetworks asks: healthy switches only (HealthState 5, OK),
    /// so a switch whose external adapter failed is not listed.
    /// </summary>
    public const string Healthy = "SELECT * FROM " + SwitchClass + " WHERE HealthState = 5";

    /// <summary>
    /// Switches by name, as hypervNetworkLookupByName asks (one name per OR term, whatever their health):
    /// <c>SELECT * FROM Msvm_VirtualEthernetSwitch WHERE ElementName = 'a' OR ElementName = 'b'</c>.
    /// </summary>
    public static string ByNames(IReadOnlyCollection<string> names) => ByProperty("ElementName", names);

    /// <summary>Switches by UUID, as hypervNetworkLookupByUUID asks (lower-case UUIDs; WMI compares without case).</summary>
    public static string ByUuids(IReadOnlyCollection<Guid> uuids) => ByProperty("Name", uuids.Select(u => u.ToString("D")).ToArray());

    private static string ByProperty(string property, IReadOnlyCollection<string> values)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("At least one value is needed.", nameof(values));
        }

        return "SELECT * FROM " + SwitchClass + " WHERE " + string.Join(" OR ", values.Select(v => property + " = " + WqlEscape.Quoted(v)));
    }
}
