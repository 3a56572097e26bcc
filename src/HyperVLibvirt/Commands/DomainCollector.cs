using System.Management.Automation;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Commands;

/// <summary>
/// Gathers the domains a read cmdlet is asked about over its whole pipeline, and at the end resolves them with one
/// listing per host: domains piped in (per their own connection), and names (wildcards), UUIDs and ids (per set of
/// connections they are looked up on). It deduplicates (a domain piped and also named is read once), reports closed
/// connections and exact names, UUIDs or ids that matched nothing as Get-HvDomain does, and says whether a domain
/// was asked for by itself (<see cref="NamedExactly"/>). Cmdlets own one; <see cref="HvDomainReadCmdletBase"/>
/// wraps it for the common -Domain/-Name/-Uuid/-Id parameters.
/// </summary>
internal sealed class DomainCollector(PipedDomainUse pipedUse)
{
    private readonly Dictionary<Guid, PipedGroup> _piped = [];
    private readonly Dictionary<string, DomainRequest> _requests = [];

    /// <summary>Whether nothing was collected (every record was refused, or none came).</summary>
    public bool IsEmpty => _piped.Count == 0 && _requests.Count == 0;

    /// <summary>The error for names with an empty one among them (the record is then not collected), else null.</summary>
    public static ErrorRecord? RefuseEmptyNames(string[]? names, string omitHint) =>
        names is not null && names.Any(string.IsNullOrWhiteSpace)
            ? ErrorRecords.Create("A domain name cannot be empty.", "EmptyDomainName", ErrorCategory.InvalidArgument, names,
                $"Pass a name or a wildcard such as 'web*', or {omitHint}.")
            : null;

    /// <summary>Adds a piped domain; the error when its connection is closed, else null.</summary>
    public ErrorRecord? AddPiped(HvDomain domain)
    {
        if (ConnectionStore.Find(domain.ConnectionId) is not { IsConnected: true } session)
        {
            return ErrorRecords.From(new HvConnectionClosedException(ConnectionStore.UriOf(domain.ConnectionId) ?? domain.ComputerName), domain);
        }
        if (!_piped.TryGetValue(session.Id, out var group))
        {
            group = new PipedGroup(session);
            _piped[session.Id] = group;
        }
        group.Add(domain);
        return null;
    }

    /// <summary>
    /// Adds names (wildcards allowed), UUIDs and ids to look up on <paramref name="connections"/>; a record with none
    /// of them asks for every domain there. Records for the same connections are looked up together.
    /// </summary>
    public void AddNamed(string[]? names, Guid[]? uuids, int[]? ids, IReadOnlyList<HvConnection> connections)
    {
        var key = string.Join(",", connections.Select(c => c.Id));
        if (!_requests.TryGetValue(key, out var request))
        {
            request = new DomainRequest(connections);
            _requests[key] = request;
        }
        request.Add(names, uuids, ids);
    }

    /// <summary>
    /// Adds one pipeline record: its piped domains when it has any, else its names, UUIDs and ids on the connections
    /// <paramref name="connections"/> resolves (asked only then). Returns the errors to write: closed connections, or
    /// an empty name (the record is then not collected; <paramref name="omitHint"/> says how to ask for every domain).
    /// </summary>
    public IReadOnlyList<ErrorRecord> AddRecord(HvDomain[]? piped, string[]? names, Guid[]? uuids, int[]? ids,
        Func<IReadOnlyList<HvConnection>> connections, string omitHint)
    {
        if (piped is not null)
        {
            var closed = new List<ErrorRecord>();
            foreach (var domain in piped)
            {
                if (AddPiped(domain) is { } error)
                {
                    closed.Add(error);
                }
            }
            return closed;
        }
        if (RefuseEmptyNames(names, omitHint) is { } refused)
        {
            return [refused];
        }
        AddNamed(names, uuids, ids, connections());
        return [];
    }

    /// <summary>Whether the domain was asked for by itself: piped in, or named by an exact name, UUID or id.</summary>
    public bool NamedExactly(HvDomain domain) =>
        (_piped.TryGetValue(domain.ConnectionId, out var group) && group.Contains(domain.Uuid))
        || _requests.Values.Any(r => r.Covers(domain.ConnectionId) && r.NamesExactly(domain));

    /// <summary>
    /// Lists each host once (a host named by several records, or both piped to and named, still once) and returns its
    /// domains with what to report: what a host listed but could not read, a host's failure, and what matched nothing.
    /// </summary>
    public async Task<DomainCollection> ResolveAsync(IWsManTrace trace, CancellationToken cancellationToken)
    {
        var hosts = new Dictionary<Guid, HostWants>();
        HostWants HostOf(HvConnection connection)
        {
            if (!hosts.TryGetValue(connection.Id, out var wants))
            {
                wants = new HostWants(connection);
                hosts[connection.Id] = wants;
            }
            return wants;
        }
        foreach (var group in _piped.Values)
        {
            HostOf(group.Connection).Piped = group;
        }
        foreach (var request in _requests.Values)
        {
            foreach (var connection in request.Connections)
            {
                HostOf(connection).Requests.Add(request);
            }
        }

        var readAgain = pipedUse == PipedDomainUse.ReadAgain;
        var listed = await Task.WhenAll(hosts.Values.Where(h => h.Requests.Count > 0 || (readAgain && h.Piped is not null))
            .Select(h => DomainLookup.FindAsync(h.Connection, h.Filter(readAgain), trace, cancellationToken))).ConfigureAwait(false);
        var listings = listed.ToDictionary(l => l.Connection.Id);

        // Piped domains read again are reported by UUID, as a UUID that matched nothing, when the host no longer has them.
        var pipedSelection = new DomainSelection(null, readAgain ? _piped.Values.SelectMany(g => g.Uuids).ToArray() : null, null);
        var selections = _requests.Values.ToDictionary(r => r, r => r.ToSelection());
        var notices = new List<StreamNotice>();
        var result = new List<(HvConnection, IReadOnlyList<HvDomain>)>();
        foreach (var host in hosts.Values)
        {
            var seen = new HashSet<Guid>();
            var domains = new List<HvDomain>();
            if (!readAgain && host.Piped is not null)
            {
                domains.AddRange(host.Piped.Domains.Where(d => seen.Add(d.Uuid)));
            }
            if (listings.TryGetValue(host.Connection.Id, out var listing))
            {
                notices.AddRange(listing.Problems.Select(p => StreamNotice.ForProblem(p, host.Connection.ComputerName)));
                if (listing.Error is not null)
                {
                    notices.Add(StreamNotice.Error(ErrorRecords.From(listing.Error, host.Connection)));
                }
                foreach (var domain in listing.Matches)
                {
                    // The host's listing may be wider than asked (one class-wide query serves wildcards and ids); keep what was asked for.
                    var wanted = false;
                    if (readAgain && host.Piped?.Contains(domain.Uuid) == true)
                    {
                        pipedSelection.Saw(domain);
                        wanted = true;
                    }
                    foreach (var request in host.Requests.Where(r => r.Wants(domain)))
                    {
                        selections[request].Saw(domain);
                        wanted = true;
                    }
                    if (wanted && seen.Add(domain.Uuid))
                    {
                        domains.Add(domain);
                    }
                }
            }
            if (domains.Count > 0)
            {
                result.Add((host.Connection, domains));
            }
        }
        notices.AddRange(pipedSelection.Missing().Concat(selections.Values.SelectMany(s => s.Missing())).Select(StreamNotice.Error));
        return new DomainCollection(result, notices);
    }

    /// <summary>The domains piped in on one connection, in arrival order.</summary>
    private sealed class PipedGroup(HvConnection connection)
    {
        private readonly HashSet<Guid> _uuids = [];

        public HvConnection Connection { get; } = connection;

        public List<HvDomain> Domains { get; } = [];

        public IEnumerable<Guid> Uuids => Domains.Select(d => d.Uuid);

        public void Add(HvDomain domain)
        {
            if (_uuids.Add(domain.Uuid))
            {
                Domains.Add(domain);
            }
        }

        public bool Contains(Guid uuid) => _uuids.Contains(uuid);
    }

    /// <summary>What one host is asked for: its piped domains and the name requests that include it.</summary>
    private sealed class HostWants(HvConnection connection)
    {
        public HvConnection Connection { get; } = connection;

        public PipedGroup? Piped { get; set; }

        public List<DomainRequest> Requests { get; } = [];

        /// <summary>
        /// The one listing that covers everything asked of this host: exact names and UUIDs in the WQL, ids alone by
        /// ProcessID; once a wildcard, a whole-host request or ids mixed with names come in, the class-wide query.
        /// </summary>
        public DomainFilter Filter(bool readPiped)
        {
            if (Requests.Any(r => r.EveryDomain || r.HasWildcard))
            {
                return new DomainFilter();
            }
            var names = Requests.SelectMany(r => r.ExactNames).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            var uuids = Requests.SelectMany(r => r.Uuids).Concat(readPiped && Piped is not null ? Piped.Uuids : []).Distinct().ToArray();
            var ids = Requests.SelectMany(r => r.Ids).Distinct().ToArray();
            if (ids.Length > 0)
            {
                return names.Length == 0 && uuids.Length == 0 ? new DomainFilter { Ids = ids } : new DomainFilter();
            }
            return new DomainFilter { ExactNames = names, Uuids = uuids };
        }
    }

    /// <summary>The names, UUIDs and ids that pipeline records gave for one set of connections (sets: thousands of names stay cheap).</summary>
    private sealed class DomainRequest(IReadOnlyList<HvConnection> connections)
    {
        private readonly HashSet<Guid> _connectionIds = connections.Select(c => c.Id).ToHashSet();
        private readonly HashSet<string> _exactNames = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> _names = [];
        private readonly List<WildcardPattern> _patterns = [];
        private readonly HashSet<Guid> _uuids = [];
        private readonly HashSet<int> _ids = [];

        public IReadOnlyList<HvConnection> Connections { get; } = connections;

        public IEnumerable<string> ExactNames => _exactNames;

        public IEnumerable<Guid> Uuids => _uuids;

        public IEnumerable<int> Ids => _ids;

        public bool EveryDomain { get; private set; }

        public bool HasWildcard => _patterns.Count > 0;

        public void Add(string[]? names, Guid[]? uuids, int[]? ids)
        {
            // A record without names, UUIDs or ids asks for every domain, whatever other records named.
            EveryDomain |= names is not { Length: > 0 } && uuids is null && ids is null;
            foreach (var name in names ?? [])
            {
                if (!WildcardPattern.ContainsWildcardCharacters(name))
                {
                    if (_exactNames.Add(name))
                    {
                        _names.Add(name);
                    }
                }
                else if (!_names.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    _names.Add(name);
                    _patterns.Add(WildcardPattern.Get(name, WildcardOptions.IgnoreCase));
                }
            }
            _uuids.UnionWith(uuids ?? []);
            _ids.UnionWith(ids ?? []);
        }

        public bool Covers(Guid connectionId) => _connectionIds.Contains(connectionId);

        public bool Wants(HvDomain domain) =>
            EveryDomain || NamesExactly(domain) || _patterns.Any(p => p.IsMatch(domain.Name));

        public bool NamesExactly(HvDomain domain) =>
            _exactNames.Contains(domain.Name) || _uuids.Contains(domain.Uuid) || (domain.Id is { } id && _ids.Contains(id));

        public DomainSelection ToSelection() => EveryDomain
            ? new DomainSelection(null, null, null)
            : new DomainSelection(_names.ToArray(), _uuids.ToArray(), _ids.ToArray());
    }
}
