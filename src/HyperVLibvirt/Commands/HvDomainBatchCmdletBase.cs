using System.Management.Automation;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Commands;

/// <summary>
/// The base of cmdlets that read many domains' settings in one batch per host (Get-HvDomainXml,
/// Get-HvDomainBlockInfo): it collects domains from every input (names, UUIDs, ids, piped domains) and, at
/// the end, streams each host's results, reporting names that matched nothing as Get-HvDomain does.
/// </summary>
public abstract class HvDomainBatchCmdletBase : HvConnectedCmdletBase
{
    private const string ByName = "ByName";
    private const string ById = "ById";
    private const string ByUuid = "ByUuid";
    private const string ByDomain = "ByDomain";

    private readonly List<string> _names = [];
    private readonly List<Guid> _uuids = [];
    private readonly List<int> _ids = [];
    private readonly Dictionary<Guid, List<HvDomain>> _domainsByConnection = [];
    private bool _refusedInput;
    private bool _acceptedInput;

    /// <summary>Domain names; wildcards allowed. Without any, every domain of the host.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completion.DomainNameCompleter))]
    [DomainNameTransformation]
    public string[]? Name { get; set; }

    /// <summary>libvirt domain ids (the ProcessID of an active domain).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ById)]
    [ValidateRange(0, int.MaxValue)]
    public int[]? Id { get; set; }

    /// <summary>Domain UUIDs.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByUuid)]
    [Alias("VMId")]
    public Guid[]? Uuid { get; set; }

    /// <summary>Domains from Get-HvDomain; each is read from its own connection.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByDomain)]
    [ValidateNotNullOrEmpty]
    public HvDomain[]? Domain { get; set; }

    /// <summary>The activity name of the progress bar, e.g. the cmdlet's name.</summary>
    protected abstract string ProgressActivity { get; }

    /// <summary>One host's results: output objects and <see cref="StreamNotice"/>s, in order.</summary>
    private protected abstract IAsyncEnumerable<object> Results(HvConnection connection, DomainFilter filter, DomainSelection selection,
        IWsManTrace trace, CancellationToken token);

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (Name is not null && Name.Any(string.IsNullOrWhiteSpace))
        {
            WriteError(ErrorRecords.Create("A domain name cannot be empty.", "EmptyDomainName", ErrorCategory.InvalidArgument, Name,
                "Pass a name or a wildcard such as 'web*', or omit -Name for every domain."));
            _refusedInput = true;
            return;
        }
        _acceptedInput = true;
        _names.AddRange(Name ?? []);
        _uuids.AddRange(Uuid ?? []);
        _ids.AddRange(Id ?? []);
        foreach (var domain in Domain ?? [])
        {
            if (!_domainsByConnection.TryGetValue(domain.ConnectionId, out var list))
            {
                _domainsByConnection[domain.ConnectionId] = list = [];
            }
            list.Add(domain);
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        // Only refused names came in: that is not a request for every domain.
        if (_refusedInput && !_acceptedInput)
        {
            return;
        }
        if (ParameterSetName == ByDomain)
        {
            WriteForPipedDomains();
            return;
        }
        var selection = new DomainSelection(_names.ToArray(), _uuids.ToArray(), _ids.ToArray());
        var filter = selection.ToFilter();
        var trace = TraceSink;
        StreamFromConnections(ResolveConnections(), (connection, token) => Results(connection, filter, selection, trace, token), ProgressActivity);
        foreach (var missing in selection.Missing())
        {
            WriteError(missing);
        }
    }

    private void WriteForPipedDomains()
    {
        var connections = new List<HvConnection>();
        var filters = new Dictionary<Guid, DomainFilter>();
        foreach (var (connectionId, domains) in _domainsByConnection)
        {
            if (ConnectionStore.Find(connectionId) is { IsConnected: true } session)
            {
                connections.Add(session);
                filters[session.Id] = new DomainFilter { Uuids = domains.Select(d => d.Uuid).Distinct().ToArray() };
            }
            else
            {
                foreach (var domain in domains)
                {
                    WriteError(ErrorRecords.From(new HvConnectionClosedException(ConnectionStore.UriOf(domain.ConnectionId) ?? domain.ComputerName), domain));
                }
            }
        }
        if (connections.Count == 0)
        {
            return;
        }
        var selection = new DomainSelection(null, _domainsByConnection.Values.SelectMany(d => d).Select(d => d.Uuid).Distinct().ToArray(), null);
        var trace = TraceSink;
        StreamFromConnections(connections, (connection, token) => Results(connection, filters[connection.Id], selection, trace, token), ProgressActivity);
        foreach (var missing in selection.Missing())
        {
            WriteError(missing);
        }
    }

    /// <summary>The error for a domain whose settings could not be turned into its XML.</summary>
    private protected static StreamNotice XmlUnavailable(Core.DomainXml.DomainXmlException error, HvDomain domain)
    {
        var record = ErrorRecords.From(error, domain);
        record.ErrorDetails = new ErrorDetails(error.Message)
        {
            RecommendedAction = "Read the VM's settings on the host (Get-VM, Get-VMHardDiskDrive, Get-VMNetworkAdapter); a device that was being changed may read correctly a moment later.",
        };
        return StreamNotice.Error(record);
    }
}
