using System.Collections.Concurrent;
using System.Globalization;
using System.Management.Automation;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Commands;

/// <summary>
/// Domains named by -Name (wildcards), -Uuid or -Id, as Get-HvDomain and the lifecycle cmdlets select
/// them: the host-side filter, and, as Get-VM does, an error for every exact name, UUID or id that
/// matched nothing. Safe to mark domains as seen from several hosts' threads at once.
/// </summary>
internal sealed class DomainSelection
{
    private readonly string[] _names;
    private readonly Guid[] _uuids;
    private readonly int[] _ids;
    private readonly ConcurrentDictionary<string, bool> _seen = new(StringComparer.OrdinalIgnoreCase);

    public DomainSelection(string[]? names, Guid[]? uuids, int[]? ids)
    {
        _names = names ?? [];
        _uuids = uuids ?? [];
        _ids = ids ?? [];
    }

    /// <summary>Whether an exact name, UUID or id was asked for, which <see cref="Missing"/> may have to report.</summary>
    public bool NamesSpecificDomains =>
        _names.Any(n => !WildcardPattern.ContainsWildcardCharacters(n)) || _uuids.Length > 0 || _ids.Length > 0;

    /// <summary>The host-side filter, with optional state and activity filters.</summary>
    public DomainFilter ToFilter(IReadOnlyList<HvDomainState>? states = null, DomainActivity activity = DomainActivity.Any)
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
            States = states ?? [],
            Activity = activity,
        };
    }

    /// <summary>Notes a domain that was found; any thread.</summary>
    public void Saw(HvDomain domain)
    {
        _seen[domain.Name] = true;
        _seen[domain.Uuid.ToString("D")] = true;
        if (domain.Id is { } id)
        {
            _seen["#" + id.ToString(CultureInfo.InvariantCulture)] = true;
        }
    }

    /// <summary>An error for every exact name, UUID or id that no domain seen so far matches.</summary>
    public IEnumerable<ErrorRecord> Missing()
    {
        foreach (var name in _names.Where(n => !WildcardPattern.ContainsWildcardCharacters(n)))
        {
            if (!_seen.ContainsKey(name))
            {
                yield return ErrorRecords.Create($"No domain named '{name}' was found.", "DomainNotFound", ErrorCategory.ObjectNotFound, name,
                    "Run Get-HvDomain without -Name to list the domains, or use a wildcard such as 'web*'.");
            }
        }
        foreach (var uuid in _uuids.Where(u => !_seen.ContainsKey(u.ToString("D"))))
        {
            yield return ErrorRecords.Create($"No domain with UUID {uuid:D} was found.", "DomainNotFound", ErrorCategory.ObjectNotFound, uuid);
        }
        foreach (var id in _ids.Where(i => !_seen.ContainsKey("#" + i.ToString(CultureInfo.InvariantCulture))))
        {
            yield return ErrorRecords.Create(string.Create(CultureInfo.InvariantCulture, $"No active domain with id {id} was found."),
                "DomainNotFound", ErrorCategory.ObjectNotFound, id, "Ids exist only while a domain runs; use -Name or -Uuid for inactive domains.");
        }
    }
}
