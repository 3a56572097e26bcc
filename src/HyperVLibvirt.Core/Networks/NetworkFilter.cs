using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Core.Networks;

/// <summary>
/// Which networks to read. UUIDs and exact names are looked up on the host, whatever the switch's
/// health (as libvirt's hypervNetworkLookupByUUID / ...ByName); otherwise the host lists its healthy
/// switches (hypervConnectListAllNetworks) and wildcard names are matched here.
/// </summary>
public sealed class NetworkFilter
{
    /// <summary>Names without wildcards, matched by the host (case-insensitively, as WMI does).</summary>
    public IReadOnlyList<string> ExactNames { get; init; } = Array.Empty<string>();

    /// <summary>Names matched here; when set, the host lists every healthy switch.</summary>
    public Func<string, bool>? NameMatch { get; init; }

    /// <summary>UUIDs (the switches' Name).</summary>
    public IReadOnlyList<Guid> Uuids { get; init; } = Array.Empty<Guid>();

    /// <summary>The WQL for this filter.</summary>
    public string ToWql() =>
        Uuids.Count > 0 ? NetworkQuery.ByUuids(Uuids)
        : NameMatch is null && ExactNames.Count > 0 ? NetworkQuery.ByNames(ExactNames)
        : NetworkQuery.Healthy;

    /// <summary>Whether a switch the host returned is wanted (the checks WQL could not make).</summary>
    public bool Matches(HvNetwork network) => NameMatch is null || NameMatch(network.Name);
}
