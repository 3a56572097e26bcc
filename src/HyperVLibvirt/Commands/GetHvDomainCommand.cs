using System.Management.Automation;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Commands;

/// <summary>
/// <para type="synopsis">Gets the virtual machines (libvirt domains) of Hyper-V hosts.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "HvDomain", DefaultParameterSetName = ByName)]
[OutputType(typeof(HvDomain))]
public sealed class GetHvDomainCommand : HvConnectedCmdletBase
{
    private const string ByName = "ByName";
    private const string ById = "ById";
    private const string ByUuid = "ByUuid";

    /// <summary>Domain names; wildcards allowed. From the pipeline as strings or objects with a Name.</summary>
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

    /// <summary>Only domains in these libvirt states.</summary>
    [Parameter]
    public HvDomainState[]? State { get; set; }

    /// <summary>Only active domains (those with an id), as <c>virsh list</c>.</summary>
    [Parameter]
    public SwitchParameter Active { get; set; }

    /// <summary>Only inactive domains, as <c>virsh list --inactive</c>.</summary>
    [Parameter]
    public SwitchParameter Inactive { get; set; }

    /// <summary>Also read vCPUs, memory and autostart, as <c>virsh dominfo</c> shows them.</summary>
    [Parameter]
    public SwitchParameter Detailed { get; set; }

    /// <summary>
    /// Also read Get-VM's columns (CPUUsage, MemoryAssigned, Uptime, Heartbeat, Status, Version) with one
    /// GetSummaryInformation call per 100 domains; the objects then show in Get-VM's table.
    /// </summary>
    [Parameter]
    public SwitchParameter Summary { get; set; }

    /// <summary>The type name that selects the Get-VM table view for objects read with -Summary.</summary>
    public const string SummaryTypeName = "HyperVLibvirt.Core.Domains.HvDomain#Summary";

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        if (Active && Inactive)
        {
            ThrowTerminatingError(ErrorRecords.Create("-Active and -Inactive exclude each other; omit both to get every domain.",
                "ConflictingActivityFilter", ErrorCategory.InvalidArgument, null));
        }
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (Name is not null && Name.Any(string.IsNullOrWhiteSpace))
        {
            WriteError(ErrorRecords.Create("A domain name cannot be empty.", "EmptyDomainName", ErrorCategory.InvalidArgument, Name,
                "Pass a name or a wildcard such as 'web*', or omit -Name to get every domain."));
            return;
        }
        var selection = new DomainSelection(Name, Uuid, Id);
        var activity = Active ? DomainActivity.Active : Inactive ? DomainActivity.Inactive : DomainActivity.Any;
        var filter = selection.ToFilter(State, activity);
        var connections = ResolveConnections();
        var trace = TraceSink;
        // A state or activity filter can legitimately empty the result, so then silence is the answer;
        // otherwise nothing can be missing unless something specific was named.
        var reportMissing = State is not { Length: > 0 } && !Active && !Inactive && selection.NamesSpecificDomains;
        if (!reportMissing)
        {
            // Nothing is tracked: memory stays flat however many domains stream by.
            StreamFromConnections(connections, (connection, token) => WithProblems(new DomainService(connection, trace), connection, filter, null, token),
                "Get-HvDomain");
            return;
        }
        StreamFromConnections(connections, (connection, token) => WithProblems(new DomainService(connection, trace), connection, filter, selection, token),
            "Get-HvDomain");
        foreach (var missing in selection.Missing())
        {
            WriteError(missing);
        }
    }

    /// <summary>
    /// The connection's domains, with what it listed but could not read as notices in between: a refused
    /// item is a non-terminating error (DomainUnreadable), a value defaulted is a warning.
    /// </summary>
    private async IAsyncEnumerable<object> WithProblems(DomainService service, HvConnection connection, DomainFilter filter, DomainSelection? selection,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
    {
        // Filled and emptied by this one enumeration, on whichever thread runs it.
        var problems = new Queue<DomainReadProblem>();
        var domains = Summary
            ? service.GetSummarizedDomainsAsync(filter, Detailed, problems.Enqueue, token)
            : service.GetDomainsAsync(filter, Detailed, problems.Enqueue, token);
        await foreach (var domain in domains.ConfigureAwait(false))
        {
            while (problems.TryDequeue(out var problem))
            {
                yield return StreamNotice.ForProblem(problem, connection.ComputerName);
            }
            selection?.Saw(domain);
            yield return Summary ? WithSummaryView(domain) : domain;
        }
        while (problems.TryDequeue(out var problem))
        {
            yield return StreamNotice.ForProblem(problem, connection.ComputerName);
        }
    }

    private static PSObject WithSummaryView(HvDomain domain)
    {
        var wrapped = new PSObject(domain);
        wrapped.TypeNames.Insert(0, SummaryTypeName);
        return wrapped;
    }
}
