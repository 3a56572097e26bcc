using System.Management.Automation;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.Snapshots;

namespace HyperVLibvirt.Commands.Snapshots;

/// <summary>
/// The base of the snapshot cmdlets: it binds domains (piped from Get-HvDomain, or by -DomainName with wildcards),
/// collects them from the whole pipeline, then reads each host's snapshots in one pass (three queries however many
/// domains) and hands every domain with its tree to <see cref="Select"/>, writing what that returns as it arrives.
/// </summary>
public abstract class SnapshotCmdletBase : HvConnectedCmdletBase
{
    /// <summary>The parameter set of piped domains.</summary>
    protected const string ByDomain = "ByDomain";

    /// <summary>The parameter set of domain names.</summary>
    protected const string ByDomainName = "ByDomainName";

    private readonly DomainTargets _targets = new();

    /// <summary>Domains, typically from Get-HvDomain; each is read on its own connection.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = ByDomain)]
    [ValidateNotNullOrEmpty]
    public HvDomain[]? Domain { get; set; }

    /// <summary>The names of the domains; wildcards allowed.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ParameterSetName = ByDomainName)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completion.DomainNameCompleter))]
    [DomainNameTransformation]
    public string[]? DomainName { get; set; }

    /// <summary>Whether the domain names this call asked about name one domain exactly (so a domain without a match deserves an error).</summary>
    protected bool NamedExactly(HvDomain domain) => _targets.NamedExactly(domain);

    /// <summary>What to write for one domain and its snapshots (tree order): snapshots, strings, or <see cref="StreamNotice"/>s.</summary>
    protected abstract IEnumerable<object> Select(HvDomain domain, IReadOnlyList<HvDomainSnapshot> snapshots);

    /// <summary>Whether this invocation reads domains at all (false when it was handed snapshots only).</summary>
    protected virtual bool ReadsDomains => true;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByDomain)
        {
            foreach (var domain in Domain!)
            {
                if (_targets.AddPiped(domain) is { } closed)
                {
                    WriteError(closed);
                }
            }
            return;
        }
        if (ParameterSetName != ByDomainName)
        {
            return;
        }
        if (DomainName is not null && DomainName.Any(string.IsNullOrWhiteSpace))
        {
            WriteError(ErrorRecords.Create("A domain name cannot be empty.", "EmptyDomainName", ErrorCategory.InvalidArgument, DomainName,
                "Pass a name or a wildcard such as 'web*', or omit -DomainName to read every domain."));
            return;
        }
        _targets.AddNamed(DomainName, null, ResolveConnections());
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (!ReadsDomains)
        {
            return;
        }
        var trace = TraceSink;
        foreach (var (connections, filterFor, selection) in _targets.Batches())
        {
            StreamFromConnections(connections,
                (connection, token) => ReadAsync(new SnapshotService(connection, trace), connection, filterFor(connection), selection, token));
            foreach (var missing in selection.Missing())
            {
                WriteError(missing);
            }
        }
    }

    private async IAsyncEnumerable<object> ReadAsync(SnapshotService service, HvConnection connection, DomainFilter filter, DomainSelection selection,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
    {
        var problems = new Queue<Core.HyperV.DomainReadProblem>();
        await foreach (var (domain, snapshots) in service.GetSnapshotsAsync(filter, problems.Enqueue, token).ConfigureAwait(false))
        {
            while (problems.TryDequeue(out var problem))
            {
                yield return StreamNotice.ForProblem(problem, connection.ComputerName);
            }
            selection.Saw(domain);
            foreach (var item in Select(domain, snapshots))
            {
                yield return item;
            }
        }
        while (problems.TryDequeue(out var problem))
        {
            yield return StreamNotice.ForProblem(problem, connection.ComputerName);
        }
    }
}
