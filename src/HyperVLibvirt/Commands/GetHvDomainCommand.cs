using System.Management.Automation;
using HyperVLibvirt.Core.Connection;
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
        var filter = BuildFilter();
        var connections = ResolveConnections();
        if (!AsksForSpecificDomains())
        {
            // Nothing can be missing, so nothing is tracked: memory stays flat however many domains stream by.
            StreamFromConnections(connections, (connection, token) => WithProblems(connection, filter, token, found: null), "Get-HvDomain");
            return;
        }
        var found = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        StreamFromConnections(connections, (connection, token) => WithProblems(connection, filter, token, found), "Get-HvDomain");
        ReportMissing(found);
    }

    /// <summary>
    /// The connection's domains, with what it listed but could not read as notices in between: a refused
    /// item is a non-terminating error (DomainUnreadable), a value defaulted is a warning.
    /// </summary>
    private async IAsyncEnumerable<object> WithProblems(HvConnection connection, DomainFilter filter,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token,
        System.Collections.Concurrent.ConcurrentDictionary<string, bool>? found)
    {
        // Filled and emptied by this one enumeration, on whichever thread runs it.
        var problems = new Queue<DomainReadProblem>();
        await foreach (var domain in connection.GetDomainsAsync(filter, Detailed, problems.Enqueue, token).ConfigureAwait(false))
        {
            while (problems.TryDequeue(out var problem))
            {
                yield return Notice(problem, connection);
            }
            if (found is not null)
            {
                Seen(domain, found);
            }
            yield return domain;
        }
        while (problems.TryDequeue(out var problem))
        {
            yield return Notice(problem, connection);
        }
    }

    private static StreamNotice Notice(DomainReadProblem problem, HvConnection connection)
    {
        var message = $"{connection.ComputerName}: {problem.Message}";
        return problem.Kind == DomainReadProblemKind.Refused
            ? StreamNotice.Error(ErrorRecords.Create(message, "DomainUnreadable", ErrorCategory.InvalidData, problem.Target,
                "Check the VM on the host (Get-VM); if many items are refused, check that the URI points at a Hyper-V host's WinRM listener."))
            : StreamNotice.Warning(message);
    }

    private static void Seen(HvDomain domain, System.Collections.Concurrent.ConcurrentDictionary<string, bool> found)
    {
        found[domain.Name] = true;
        found[domain.Uuid.ToString("D")] = true;
        if (domain.Id is { } id)
        {
            found["#" + id.ToString(System.Globalization.CultureInfo.InvariantCulture)] = true;
        }
    }

    /// <summary>Whether an exact name, UUID or id was asked for, which ReportMissing may have to report.</summary>
    private bool AsksForSpecificDomains() =>
        State is not { Length: > 0 } && !Active && !Inactive
        && ((Name?.Any(n => !WildcardPattern.ContainsWildcardCharacters(n)) ?? false) || Uuid is { Length: > 0 } || Id is { Length: > 0 });

    private void ReportMissing(System.Collections.Concurrent.ConcurrentDictionary<string, bool> found)
    {
        // As Get-VM does: an exact name, UUID or id that matched nothing is an error of its own.
        // A state filter can legitimately empty the result, so then silence is the answer.
        if (State is { Length: > 0 } || Active || Inactive)
        {
            return;
        }
        foreach (var name in Name ?? Array.Empty<string>())
        {
            if (!WildcardPattern.ContainsWildcardCharacters(name) && !found.ContainsKey(name))
            {
                WriteError(ErrorRecords.Create($"No domain named '{name}' was found.", "DomainNotFound", ErrorCategory.ObjectNotFound, name,
                    "Run Get-HvDomain without -Name to list the domains, or use a wildcard such as 'web*'."));
            }
        }
        foreach (var uuid in Uuid ?? Array.Empty<Guid>())
        {
            if (!found.ContainsKey(uuid.ToString("D")))
            {
                WriteError(ErrorRecords.Create($"No domain with UUID {uuid:D} was found.", "DomainNotFound", ErrorCategory.ObjectNotFound, uuid));
            }
        }
        foreach (var id in Id ?? Array.Empty<int>())
        {
            if (!found.ContainsKey("#" + id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                WriteError(ErrorRecords.Create($"No active domain with id {id} was found.", "DomainNotFound", ErrorCategory.ObjectNotFound, id,
                    "Ids exist only while a domain runs; use -Name or -Uuid for inactive domains."));
            }
        }
    }

    private DomainFilter BuildFilter()
    {
        var activity = Active ? DomainActivity.Active : Inactive ? DomainActivity.Inactive : DomainActivity.Any;
        var names = Name ?? Array.Empty<string>();
        var anyWildcard = names.Any(WildcardPattern.ContainsWildcardCharacters);
        Func<string, bool>? nameMatch = null;
        if (anyWildcard)
        {
            var patterns = names.Select(n => WildcardPattern.Get(n, WildcardOptions.IgnoreCase)).ToArray();
            nameMatch = candidate => patterns.Any(p => p.IsMatch(candidate));
        }
        return new DomainFilter
        {
            ExactNames = anyWildcard ? Array.Empty<string>() : names,
            NameMatch = nameMatch,
            Uuids = Uuid ?? Array.Empty<Guid>(),
            Ids = Id ?? Array.Empty<int>(),
            States = State ?? Array.Empty<HvDomainState>(),
            Activity = activity,
        };
    }
}
