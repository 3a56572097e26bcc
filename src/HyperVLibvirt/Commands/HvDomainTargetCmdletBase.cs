using System.Management.Automation;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Commands;

/// <summary>
/// The base of read cmdlets that act on domains as a set: it binds domains as the lifecycle cmdlets do (HvDomain objects
/// from the pipeline, or -Name with wildcards, -Uuid, -Id), reports names that match nothing, and hands the cmdlet all
/// of them at the end, grouped by host, so that each host is asked once for all its domains.
/// </summary>
public abstract class HvDomainTargetCmdletBase : HvConnectedCmdletBase
{
    private const string ByDomain = "ByDomain";
    private const string ByName = "ByName";
    private const string ByUuid = "ByUuid";
    private const string ById = "ById";

    private readonly List<(HvConnection Connection, HvDomain Domain)> _targets = [];
    private readonly HashSet<(Guid ConnectionId, Guid Uuid)> _seen = [];

    /// <summary>Domains, typically from Get-HvDomain; each carries the identity of its own connection.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = ByDomain)]
    [ValidateNotNullOrEmpty]
    public HvDomain[]? Domain { get; set; }

    /// <summary>Domain names; wildcards allowed. Names pipe in as strings.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.DomainNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Domain UUIDs.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByUuid)]
    [Alias("VMId")]
    public Guid[]? Uuid { get; set; }

    /// <summary>libvirt domain ids (the ProcessID of an active domain).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ById)]
    [ValidateRange(0, int.MaxValue)]
    public int[]? Id { get; set; }

    /// <summary>The domains bound so far, grouped by connection in the order first seen.</summary>
    protected IReadOnlyList<(HvConnection Connection, IReadOnlyList<HvDomain> Domains)> TargetsByHost =>
        _targets.GroupBy(t => t.Connection).Select(g => (g.Key, (IReadOnlyList<HvDomain>)g.Select(t => t.Domain).ToArray())).ToArray();

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

        var selection = new DomainSelection(Name, Uuid, Id);
        var filter = selection.ToFilter();
        var trace = TraceSink;
        var found = Wait(token => Task.WhenAll(ResolveConnections().Select(c => FindAsync(c, filter, trace, token))));
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
        if (_seen.Add((connection.Id, domain.Uuid)))
        {
            _targets.Add((connection, domain));
        }
    }

    private static async Task<(HvConnection Connection, List<HvDomain> Matches, List<DomainReadProblem> Problems, Exception? Error)> FindAsync(
        HvConnection connection, DomainFilter filter, Core.WsMan.IWsManTrace trace, CancellationToken cancellationToken)
    {
        var matches = new List<HvDomain>();
        var problems = new List<DomainReadProblem>();
        try
        {
            await foreach (var domain in new DomainService(connection, trace).GetDomainsAsync(filter, detailed: false, problems.Add, cancellationToken)
                               .ConfigureAwait(false))
            {
                matches.Add(domain);
            }
            return (connection, matches, problems, null);
        }
        catch (Exception ex) when (ErrorRecords.IsReportable(ex))
        {
            return (connection, matches, problems, ex);
        }
    }
}
