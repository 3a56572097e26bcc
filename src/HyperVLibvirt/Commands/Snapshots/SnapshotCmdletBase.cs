using System.Management.Automation;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.Snapshots;

namespace HyperVLibvirt.Commands.Snapshots;

/// <summary>
/// The base of the snapshot cmdlets: it binds domains (piped from Get-HvDomain, or by -DomainName with wildcards, since
/// -Name is the snapshot's) into a <see cref="DomainCollector"/>, which lists each host once at the end (piped domains
/// again, for their snapshots now); then it reads each host's snapshots in two more queries however many domains, and
/// hands every domain with its tree to <see cref="Select"/>, writing what that returns as it arrives.
/// </summary>
public abstract class SnapshotCmdletBase : HvConnectedCmdletBase
{
    /// <summary>The parameter set of piped domains.</summary>
    protected const string ByDomain = "ByDomain";

    /// <summary>The parameter set of domain names.</summary>
    protected const string ByDomainName = "ByDomainName";

    private readonly DomainCollector _collector = new(PipedDomainUse.ReadAgain);

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
    protected bool NamedExactly(HvDomain domain) => _collector.NamedExactly(domain);

    /// <summary>What to write for one domain and its snapshots (tree order): snapshots, strings, or <see cref="StreamNotice"/>s.</summary>
    protected abstract IEnumerable<object> Select(HvDomain domain, IReadOnlyList<HvDomainSnapshot> snapshots);

    /// <summary>Whether this invocation reads domains at all (false when it was handed snapshots only).</summary>
    protected virtual bool ReadsDomains => true;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName is not (ByDomain or ByDomainName))
        {
            return;
        }
        foreach (var error in _collector.AddRecord(ParameterSetName == ByDomain ? Domain : null, DomainName, null, null, ResolveConnections,
                     "omit -DomainName to read every domain"))
        {
            WriteError(error);
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (!ReadsDomains || _collector.IsEmpty)
        {
            return;
        }
        var trace = TraceSink;
        var collection = Wait(token => _collector.ResolveAsync(trace, token));
        foreach (var notice in collection.Notices)
        {
            notice.WriteTo(this);
        }
        if (collection.Hosts.Count == 0)
        {
            return;
        }
        var domains = collection.Hosts.ToDictionary(h => h.Connection.Id, h => h.Domains);
        StreamFromConnections(collection.Hosts.Select(h => h.Connection).ToArray(),
            (connection, token) => ReadAsync(new SnapshotService(connection, trace), domains[connection.Id], token));
    }

    private async IAsyncEnumerable<object> ReadAsync(SnapshotService service, IReadOnlyList<HvDomain> domains,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
    {
        foreach (var (domain, snapshots) in await service.GetSnapshotsAsync(domains, token).ConfigureAwait(false))
        {
            foreach (var item in Select(domain, snapshots))
            {
                yield return item;
            }
        }
    }
}
