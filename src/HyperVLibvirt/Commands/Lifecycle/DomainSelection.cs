using System.Globalization;
using System.Management.Automation;
using HyperVLibvirt.Core.Connection;

namespace HyperVLibvirt.Commands.Lifecycle;

/// <summary>
/// Domains named by -Name (wildcards), -Uuid or -Id, as Get-HvDomain resolves them, and the
/// "not found" errors for exact names, UUIDs and ids that matched nothing.
/// </summary>
internal sealed class DomainSelection
{
    private readonly string[] _names;
    private readonly Guid[] _uuids;
    private readonly int[] _ids;

    public DomainSelection(string[]? names, Guid[]? uuids, int[]? ids)
    {
        _names = names ?? [];
        _uuids = uuids ?? [];
        _ids = ids ?? [];
    }

    /// <summary>The host-side filter.</summary>
    public DomainFilter ToFilter()
    {
        var anyWildcard = _names.Any(WildcardPattern.ContainsWildcardCharacters);
        Func<string, bool>? nameMatch = null;
        if (anyWildcard)
        {
            var patterns = _names.Select(n => WildcardPattern.Get(n, WildcardOptions.IgnoreCase)).ToArray();
            nameMatch = candidate => patterns.Any(p => p.IsMatch(candidate));
        }
        return new DomainFilter
        {
            ExactNames = anyWildcard ? [] : _names,
            NameMatch = nameMatch,
            Uuids = _uuids,
            Ids = _ids,
        };
    }

    /// <summary>An error for every exact name, UUID or id that none of <paramref name="found"/> matches.</summary>
    public IEnumerable<ErrorRecord> Missing(IReadOnlyCollection<HvDomain> found)
    {
        foreach (var name in _names.Where(n => !WildcardPattern.ContainsWildcardCharacters(n)))
        {
            if (!found.Any(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                yield return ErrorRecords.Create($"No domain named '{name}' was found.", "DomainNotFound", ErrorCategory.ObjectNotFound, name,
                    "Run Get-HvDomain to list the domains, or use a wildcard such as 'web*'.");
            }
        }
        foreach (var uuid in _uuids.Where(u => !found.Any(d => d.Uuid == u)))
        {
            yield return ErrorRecords.Create($"No domain with UUID {uuid:D} was found.", "DomainNotFound", ErrorCategory.ObjectNotFound, uuid);
        }
        foreach (var id in _ids.Where(i => !found.Any(d => d.Id == i)))
        {
            yield return ErrorRecords.Create(string.Create(CultureInfo.InvariantCulture, $"No active domain with id {id} was found."),
                "DomainNotFound", ErrorCategory.ObjectNotFound, id, "Ids exist only while a domain runs; use -Name or -Uuid for inactive domains.");
        }
    }
}
