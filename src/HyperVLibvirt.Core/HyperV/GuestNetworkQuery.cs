namespace HyperVLibvirt.Core.HyperV;

/// <summary>
/// WQL for the guest's view of its network adapters (Msvm_GuestNetworkAdapterConfiguration, InstanceID
/// <c>Microsoft:GuestNetwork\&lt;VM GUID&gt;\&lt;adapter GUID&gt;</c>) and for the VM's adapters that name them
/// (Msvm_SyntheticEthernetPortSettingData, InstanceID <c>Microsoft:&lt;VM GUID&gt;\&lt;adapter GUID&gt;</c>; Microsoft's
/// root/virtualization/v2 class documentation). A few domains are one query each class, filtered by InstanceID;
/// more than <see cref="MaxDomainsPerFilter"/> are one class-wide query each, joined on the client.
/// </summary>
public static class GuestNetworkQuery
{
    /// <summary>The class that holds the guest's addresses.</summary>
    public const string ConfigurationClass = "Msvm_GuestNetworkAdapterConfiguration";

    /// <summary>The class of the VM's synthetic network adapters (name and MAC address).</summary>
    public const string AdapterClass = "Msvm_SyntheticEthernetPortSettingData";

    /// <summary>Up to this many domains are named in a WHERE clause; past it one class-wide query is cheaper to send and to answer.</summary>
    public const int MaxDomainsPerFilter = 32;

    private const string ConfigurationPrefix = "Microsoft:GuestNetwork\\";
    private const string AdapterPrefix = "Microsoft:";

    /// <summary>The guest network configurations of <paramref name="domains"/> (or of every VM, past <see cref="MaxDomainsPerFilter"/>).</summary>
    public static string ConfigurationsOf(IReadOnlyCollection<Guid> domains) =>
        "SELECT * FROM " + ConfigurationClass + Where(domains, ConfigurationPrefix);

    /// <summary>The synthetic adapters of <paramref name="domains"/>, with only the properties the join needs.</summary>
    public static string AdaptersOf(IReadOnlyCollection<Guid> domains) =>
        "SELECT InstanceID, ElementName, Address FROM " + AdapterClass + Where(domains, AdapterPrefix);

    private static string Where(IReadOnlyCollection<Guid> domains, string prefix)
    {
        ArgumentNullException.ThrowIfNull(domains);
        if (domains.Count == 0 || domains.Count > MaxDomainsPerFilter)
        {
            return string.Empty;
        }
        return " WHERE " + string.Join(" OR ", domains.Select(d =>
            "InstanceID LIKE '" + WqlEscape.String(prefix + d.ToString("D").ToUpperInvariant() + "\\") + "%'"));
    }

    /// <summary>The VM and adapter GUIDs in a guest network configuration's InstanceID, or null for another shape.</summary>
    public static (Guid Domain, string Adapter)? ParseConfigurationId(string? instanceId) => Parse(instanceId, ConfigurationPrefix);

    /// <summary>The VM GUID and adapter id in a synthetic adapter's InstanceID, or null for another shape.</summary>
    public static (Guid Domain, string Adapter)? ParseAdapterId(string? instanceId) => Parse(instanceId, AdapterPrefix);

    private static (Guid Domain, string Adapter)? Parse(string? instanceId, string prefix)
    {
        if (instanceId is null || !instanceId.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var rest = instanceId.AsSpan(prefix.Length);
        var slash = rest.IndexOf('\\');
        if (slash <= 0 || !Guid.TryParse(rest[..slash], out var domain) || slash == rest.Length - 1)
        {
            return null;
        }
        return (domain, rest[(slash + 1)..].ToString().ToUpperInvariant());
    }
}
