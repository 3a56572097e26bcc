using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Core.Domains;

/// <summary>
/// Which domains to list. Exact names, UUIDs, ids and activity are filtered on the host (in
/// the WQL); wildcard names and libvirt states are filtered here, because WQL cannot
/// express them against libvirt's mapping.
/// </summary>
public sealed class DomainFilter
{
    /// <summary>Names without wildcards, matched by the host (case-insensitively, as WMI does).</summary>
    public IReadOnlyList<string> ExactNames { get; init; } = Array.Empty<string>();

    /// <summary>Names matched here; when set, the host returns every domain.</summary>
    public Func<string, bool>? NameMatch { get; init; }

    /// <summary>UUIDs.</summary>
    public IReadOnlyList<Guid> Uuids { get; init; } = Array.Empty<Guid>();

    /// <summary>libvirt ids (ProcessIDs of active domains).</summary>
    public IReadOnlyList<int> Ids { get; init; } = Array.Empty<int>();

    /// <summary>libvirt states to keep.</summary>
    public IReadOnlyList<HvDomainState> States { get; init; } = Array.Empty<HvDomainState>();

    /// <summary>Active only, inactive only, or both.</summary>
    public DomainActivity Activity { get; init; } = DomainActivity.Any;

    /// <summary>The WQL that selects as much of this as the host can, asking for every property.</summary>
    public string ToWql() => ToWql(properties: null);

    /// <summary>
    /// The WQL that selects as much of this as the host can, asking only for <paramref name="properties"/>
    /// (null: every property).
    /// </summary>
    public string ToWql(IReadOnlyList<string>? properties)
    {
        if (Ids.Count > 0)
        {
            // Ids are ProcessIDs; one alternative per id keeps the query plain WQL.
            var ids = string.Join(" OR ", Ids.Select(id => "ProcessID = " + id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return DomainQuery.Select(null, null, Activity, properties) + " AND (" + ids + ")";
        }
        var names = NameMatch is null ? ExactNames : Array.Empty<string>();
        return DomainQuery.Select(names, Uuids, Activity, properties);
    }

    /// <summary>Whether a domain the host returned is wanted (the checks WQL could not make).</summary>
    public bool Matches(DomainRecord domain)
    {
        if (NameMatch is not null && !NameMatch(domain.Name))
        {
            return false;
        }
        if (Ids.Count > 0 && (domain.Id is not { } id || !Ids.Contains(id)))
        {
            return false;
        }
        return States.Count == 0 || States.Contains(domain.State);
    }
}
