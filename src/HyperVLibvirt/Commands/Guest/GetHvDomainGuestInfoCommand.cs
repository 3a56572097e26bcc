using System.Management.Automation;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.Guest;

namespace HyperVLibvirt.Commands.Guest;

/// <summary>
/// <para type="synopsis">Gets what running guests report about themselves (virsh guestinfo).</para>
/// </summary>
/// <remarks>
/// Domains are collected from the whole pipeline first, so that each host is asked twice in all (its domains, then
/// its data exchange components), however many domains come in.
/// </remarks>
[Cmdlet(VerbsCommon.Get, "HvDomainGuestInfo", DefaultParameterSetName = ByName)]
[OutputType(typeof(HvDomainGuestInfo))]
public sealed class GetHvDomainGuestInfoCommand : HvConnectedCmdletBase
{
    private const string ByDomain = "ByDomain";
    private const string ByName = "ByName";
    private const string ByUuid = "ByUuid";

    private readonly List<string> _names = [];
    private readonly List<Guid> _uuids = [];
    private readonly Dictionary<Guid, (HvConnection Connection, HashSet<Guid> Uuids)> _piped = [];
    private readonly Dictionary<Guid, HvConnection> _connections = [];
    private bool _wholeHost;

    /// <summary>Domains, typically from Get-HvDomain; each is read through its own connection.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = ByDomain)]
    [ValidateNotNullOrEmpty]
    public HvDomain[]? Domain { get; set; }

    /// <summary>Domain names; wildcards allowed. Without it (and without -Uuid), every running domain.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completion.DomainNameCompleter))]
    [DomainNameTransformation]
    public string[]? Name { get; set; }

    /// <summary>Domain UUIDs.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByUuid)]
    [Alias("VMId")]
    public Guid[]? Uuid { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByDomain)
        {
            foreach (var domain in Domain!)
            {
                if (ConnectionStore.Find(domain.ConnectionId) is not { IsConnected: true } session)
                {
                    WriteError(ErrorRecords.From(new HvConnectionClosedException(ConnectionStore.UriOf(domain.ConnectionId) ?? domain.ComputerName), domain));
                    continue;
                }
                if (!_piped.TryGetValue(session.Id, out var group))
                {
                    group = (session, []);
                    _piped[session.Id] = group;
                }
                group.Uuids.Add(domain.Uuid);
            }
            return;
        }
        if (Name is not null && Name.Any(string.IsNullOrWhiteSpace))
        {
            WriteError(ErrorRecords.Create("A domain name cannot be empty.", "EmptyDomainName", ErrorCategory.InvalidArgument, Name,
                "Pass a name or a wildcard such as 'web*', or omit -Name to read every running domain."));
            return;
        }
        _names.AddRange(Name ?? []);
        _uuids.AddRange(Uuid ?? []);
        _wholeHost |= Name is null && Uuid is null;
        foreach (var connection in ResolveConnections())
        {
            _connections.TryAdd(connection.Id, connection);
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var trace = TraceSink;
        if (_piped.Count > 0)
        {
            var groups = _piped.Values.ToArray();
            var filters = groups.ToDictionary(g => g.Connection.Id, g => new DomainFilter { Uuids = g.Uuids.ToArray() });
            var selection = new DomainSelection(null, groups.SelectMany(g => g.Uuids).ToArray(), null);
            StreamFromConnections(groups.Select(g => g.Connection).ToArray(),
                (connection, token) => ReadAsync(new GuestInfoService(connection, trace), connection, filters[connection.Id], selection, false, token));
            WriteMissing(selection);
        }
        if (_connections.Count > 0)
        {
            // A whole-host read asks only running domains; naming a domain that is off is an error worth saying.
            var selection = new DomainSelection(_wholeHost ? null : _names.ToArray(), _uuids.ToArray(), null);
            var filter = selection.ToFilter();
            var skipInactive = _wholeHost || (_names.Count > 0 && !selection.NamesSpecificDomains);
            StreamFromConnections(_connections.Values.ToArray(),
                (connection, token) => ReadAsync(new GuestInfoService(connection, trace), connection, filter, selection, skipInactive, token));
            WriteMissing(selection);
        }
    }

    private void WriteMissing(DomainSelection selection)
    {
        foreach (var missing in selection.Missing())
        {
            WriteError(missing);
        }
    }

    private static async IAsyncEnumerable<object> ReadAsync(GuestInfoService service, HvConnection connection, DomainFilter filter, DomainSelection selection,
        bool skipInactive, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
    {
        var problems = new Queue<Core.HyperV.DomainReadProblem>();
        await foreach (var read in service.GetGuestInfoAsync(filter, problems.Enqueue, token).ConfigureAwait(false))
        {
            while (problems.TryDequeue(out var problem))
            {
                yield return StreamNotice.ForProblem(problem, connection.ComputerName);
            }
            selection.Saw(read.Domain);
            if (read.Info is not null)
            {
                yield return read.Info;
            }
            else if (!(skipInactive && read.Unavailable == GuestInfoUnavailability.DomainNotRunning))
            {
                yield return StreamNotice.Error(ToError(read));
            }
        }
        while (problems.TryDequeue(out var problem))
        {
            yield return StreamNotice.ForProblem(problem, connection.ComputerName);
        }
    }

    private static ErrorRecord ToError(GuestInfoRead read) => read.Unavailable == GuestInfoUnavailability.DomainNotRunning
        ? ErrorRecords.Create(read.Message!, "DomainNotRunning", ErrorCategory.InvalidOperation, read.Domain,
            "Start the domain with Start-HvDomain, then ask again once its guest has booted.")
        : ErrorRecords.Create(read.Message!, "GuestInfoUnavailable", ErrorCategory.ResourceUnavailable, read.Domain,
            "Turn on the VM's 'Key-Value Pair Exchange' integration service and make sure the guest runs its integration services.");
}
