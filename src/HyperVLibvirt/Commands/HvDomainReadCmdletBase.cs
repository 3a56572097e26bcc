using System.Management.Automation;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Commands;

/// <summary>
/// The base of cmdlets that read something about domains (vCPUs, scheduler): it binds domains from the
/// pipeline or by -Name (wildcards; none means every domain), -Uuid or -Id, collects them per host (names piped
/// one by one are looked up together, in one listing per host), and at the end reads all of one host's domains
/// together, so the cost is a few queries per host, not per domain.
/// </summary>
public abstract class HvDomainReadCmdletBase : HvConnectedCmdletBase
{
    private const string ByDomain = "ByDomain";
    private const string ByName = "ByName";
    private const string ByUuid = "ByUuid";
    private const string ById = "ById";

    private readonly Dictionary<HvConnection, List<HvDomain>> _domains = [];
    private readonly HashSet<(Guid ConnectionId, Guid Uuid)> _seen = [];
    private readonly Dictionary<string, PendingLookup> _requests = [];

    /// <summary>Domains, typically from Get-HvDomain; each carries the identity of its own connection.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = ByDomain)]
    [ValidateNotNullOrEmpty]
    public HvDomain[]? Domain { get; set; }

    /// <summary>Domain names; wildcards allowed. Without it, every domain of the host.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completion.DomainNameCompleter))]
    [DomainNameTransformation]
    public string[]? Name { get; set; }

    /// <summary>Domain UUIDs.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByUuid)]
    [Alias("VMId")]
    public Guid[]? Uuid { get; set; }

    /// <summary>libvirt domain ids (the ProcessID of an active domain).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ById)]
    [ValidateRange(0, int.MaxValue)]
    public int[]? Id { get; set; }

    /// <summary>Reads what the cmdlet reports for one host's domains: output objects, or <see cref="StreamNotice"/>s. Runs on any thread.</summary>
    protected abstract IAsyncEnumerable<object> ReadAsync(HvConnection connection, IReadOnlyList<HvDomain> domains, IWsManTrace trace,
        CancellationToken cancellationToken);

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByDomain)
        {
            foreach (var domain in Domain!)
            {
                if (ConnectionStore.Find(domain.ConnectionId) is { IsConnected: true } session)
                {
                    Add(session, domain);
                }
                else
                {
                    WriteError(ErrorRecords.From(new HvConnectionClosedException(ConnectionStore.UriOf(domain.ConnectionId) ?? domain.ComputerName), domain));
                }
            }
            return;
        }
        if (Name is not null && Name.Any(string.IsNullOrWhiteSpace))
        {
            WriteError(ErrorRecords.Create("A domain name cannot be empty.", "EmptyDomainName", ErrorCategory.InvalidArgument, Name,
                "Pass a name or a wildcard such as 'web*', or omit -Name for every domain."));
            return;
        }

        // Looked up at the end, all the names of a pipeline in one query per host rather than one per name.
        var connections = ResolveConnections();
        var key = ParameterSetName + "|" + string.Join(",", connections.Select(c => c.Id));
        if (!_requests.TryGetValue(key, out var request))
        {
            request = new PendingLookup(connections);
            _requests[key] = request;
        }
        request.Add(Name, Uuid, Id);
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        foreach (var request in _requests.Values)
        {
            Resolve(request);
        }
        if (_domains.Count == 0)
        {
            return;
        }
        var trace = TraceSink;
        StreamFromConnections(_domains.Keys.ToArray(), (connection, token) => ReadAsync(connection, _domains[connection], trace, token));
    }

    /// <summary>A non-terminating error for a domain the host listed but whose processor settings it did not return.</summary>
    private protected static StreamNotice MissingSettings(HvDomain domain) =>
        StreamNotice.Error(ErrorRecords.Create(
            $"The host {domain.ComputerName} returned no Msvm_ProcessorSettingData for domain '{domain.Name}' ({domain.Uuid:D}).",
            "DomainSettingsNotFound", ErrorCategory.ObjectNotFound, domain,
            "The domain may be being created or deleted; run the command again, or check it with Get-HvDomain -Detailed."));

    private void Resolve(PendingLookup request)
    {
        var selection = request.ToSelection();
        var filter = selection.ToFilter();
        var trace = TraceSink;
        var found = Wait(token => Task.WhenAll(request.Connections.Select(c => DomainLookup.FindAsync(c, filter, trace, token))));
        foreach (var (connection, matches, problems, error) in found)
        {
            foreach (var problem in problems)
            {
                StreamNotice.ForProblem(problem, connection.ComputerName).WriteTo(this);
            }
            if (error is not null)
            {
                WriteError(ErrorRecords.From(error, connection));
            }
            foreach (var domain in matches)
            {
                selection.Saw(domain);
                Add(connection, domain);
            }
        }
        foreach (var missing in selection.Missing())
        {
            WriteError(missing);
        }
    }

    private void Add(HvConnection connection, HvDomain domain)
    {
        if (!_seen.Add((domain.ConnectionId, domain.Uuid)))
        {
            return;
        }
        if (!_domains.TryGetValue(connection, out var list))
        {
            list = [];
            _domains[connection] = list;
        }
        list.Add(domain);
    }

    /// <summary>The names, UUIDs or ids that pipeline records gave for one set of connections, gathered until the end.</summary>
    private sealed class PendingLookup(IReadOnlyList<HvConnection> connections)
    {
        private readonly List<string> _names = [];
        private readonly List<Guid> _uuids = [];
        private readonly List<int> _ids = [];
        private bool _everyDomain;

        public IReadOnlyList<HvConnection> Connections { get; } = connections;

        public void Add(string[]? names, Guid[]? uuids, int[]? ids)
        {
            // A record of the ByName set without names asks for every domain, whatever other records named.
            _everyDomain |= names is not { Length: > 0 } && uuids is null && ids is null;
            _names.AddRange(names ?? []);
            _uuids.AddRange(uuids ?? []);
            _ids.AddRange(ids ?? []);
        }

        public DomainSelection ToSelection() => _everyDomain
            ? new DomainSelection(null, null, null)
            : new DomainSelection(_names.Distinct(StringComparer.OrdinalIgnoreCase).ToArray(), _uuids.Distinct().ToArray(), _ids.Distinct().ToArray());
    }
}
