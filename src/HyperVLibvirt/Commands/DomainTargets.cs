using System.Management.Automation;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;

namespace HyperVLibvirt.Commands;

/// <summary>
/// The domains a read cmdlet collects over its whole pipeline before asking any host: domains piped in (grouped by
/// their own connection), and names or UUIDs with the connections they are looked up on. <see cref="Batches"/> then
/// gives one read per group of connections, so each host is asked once however many domains came in.
/// </summary>
internal sealed class DomainTargets
{
    private readonly List<string> _names = [];
    private readonly List<Guid> _uuids = [];
    private readonly Dictionary<Guid, (HvConnection Connection, HashSet<Guid> Uuids)> _piped = [];
    private readonly Dictionary<Guid, HvConnection> _connections = [];
    private bool _wholeHost;

    /// <summary>Adds a piped domain; the error when its connection is closed, else null.</summary>
    public ErrorRecord? AddPiped(HvDomain domain)
    {
        if (ConnectionStore.Find(domain.ConnectionId) is not { IsConnected: true } session)
        {
            return ErrorRecords.From(new HvConnectionClosedException(ConnectionStore.UriOf(domain.ConnectionId) ?? domain.ComputerName), domain);
        }
        if (!_piped.TryGetValue(session.Id, out var group))
        {
            group = (session, []);
            _piped[session.Id] = group;
        }
        group.Uuids.Add(domain.Uuid);
        return null;
    }

    /// <summary>Adds names (wildcards allowed) and UUIDs to look up on <paramref name="connections"/>; neither means every domain.</summary>
    public void AddNamed(string[]? names, Guid[]? uuids, IReadOnlyList<HvConnection> connections)
    {
        _names.AddRange(names ?? []);
        _uuids.AddRange(uuids ?? []);
        _wholeHost |= names is null && uuids is null;
        foreach (var connection in connections)
        {
            _connections.TryAdd(connection.Id, connection);
        }
    }

    /// <summary>Whether the domain was asked for by itself: piped in, or named exactly.</summary>
    public bool NamedExactly(HvDomain domain) =>
        (_piped.TryGetValue(domain.ConnectionId, out var group) && group.Uuids.Contains(domain.Uuid))
        || _names.Any(n => !WildcardPattern.ContainsWildcardCharacters(n) && string.Equals(n, domain.Name, StringComparison.OrdinalIgnoreCase))
        || _uuids.Contains(domain.Uuid);

    /// <summary>
    /// The reads to make: the piped domains per connection, then the named ones on every connection; each with the
    /// selection whose <see cref="DomainSelection.Missing"/> says what was not found once the read is done.
    /// </summary>
    public IEnumerable<(IReadOnlyList<HvConnection> Connections, Func<HvConnection, DomainFilter> FilterFor, DomainSelection Selection)> Batches()
    {
        if (_piped.Count > 0)
        {
            var groups = _piped.Values.ToArray();
            var filters = groups.ToDictionary(g => g.Connection.Id, g => new DomainFilter { Uuids = g.Uuids.ToArray() });
            yield return (groups.Select(g => g.Connection).ToArray(), c => filters[c.Id],
                new DomainSelection(null, groups.SelectMany(g => g.Uuids).ToArray(), null));
        }
        if (_connections.Count > 0)
        {
            var selection = new DomainSelection(_wholeHost ? null : _names.ToArray(), _wholeHost ? null : _uuids.ToArray(), null);
            var filter = selection.ToFilter();
            yield return (_connections.Values.ToArray(), _ => filter, selection);
        }
    }
}
