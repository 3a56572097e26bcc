using System.Collections.Concurrent;
using System.Management.Automation;
using HyperVLibvirt.Core.Networks;

namespace HyperVLibvirt.Commands;

/// <summary>
/// Networks named by -Name (wildcards) or -Uuid, as the network cmdlets select them: the host-side
/// filter, and an error for every exact name or UUID that matched nothing on any host asked.
/// Safe to mark networks as seen from several hosts' threads at once.
/// </summary>
internal sealed class NetworkSelection
{
    private readonly string[] _names;
    private readonly Guid[] _uuids;
    private readonly ConcurrentDictionary<string, bool> _seen = new(StringComparer.OrdinalIgnoreCase);

    public NetworkSelection(string[]? names, Guid[]? uuids)
    {
        _names = names ?? [];
        _uuids = uuids ?? [];
    }

    /// <summary>The host-side filter.</summary>
    public NetworkFilter ToFilter()
    {
        if (!_names.Any(WildcardPattern.ContainsWildcardCharacters))
        {
            return new NetworkFilter { ExactNames = _names, Uuids = _uuids };
        }
        var patterns = _names.Select(n => WildcardPattern.Get(n, WildcardOptions.IgnoreCase)).ToArray();
        return new NetworkFilter { NameMatch = candidate => patterns.Any(p => p.IsMatch(candidate)) };
    }

    /// <summary>Notes a network that was found; any thread.</summary>
    public void Saw(HvNetwork network)
    {
        _seen[network.Name] = true;
        _seen[network.Uuid.ToString("D")] = true;
    }

    /// <summary>An error for every exact name or UUID that no network seen so far matches.</summary>
    public IEnumerable<ErrorRecord> Missing()
    {
        foreach (var name in _names.Where(n => !WildcardPattern.ContainsWildcardCharacters(n) && !_seen.ContainsKey(n)))
        {
            yield return ErrorRecords.Create($"No network named '{name}' was found.", "NetworkNotFound", ErrorCategory.ObjectNotFound, name,
                "Run Get-HvNetwork without -Name to list the networks (virtual switches), or use a wildcard such as 'Ext*'.");
        }
        foreach (var uuid in _uuids.Where(u => !_seen.ContainsKey(u.ToString("D"))))
        {
            yield return ErrorRecords.Create($"No network with UUID {uuid:D} was found.", "NetworkNotFound", ErrorCategory.ObjectNotFound, uuid,
                "Run Get-HvNetwork to list the networks and their UUIDs.");
        }
    }
}
