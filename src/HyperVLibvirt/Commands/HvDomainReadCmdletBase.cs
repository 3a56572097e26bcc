using System.Management.Automation;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Commands;

/// <summary>
/// The base of cmdlets that read something about domains (vCPUs, scheduler, XML, disks, addresses): it binds domains
/// from the pipeline or by -Name (wildcards; none means every domain), -Uuid or -Id into a <see cref="DomainCollector"/>,
/// which resolves them at the end with one listing per host, then reads all of one host's domains together, so the cost
/// is a few queries per host, not per domain.
/// </summary>
public abstract class HvDomainReadCmdletBase : HvConnectedCmdletBase
{
    private const string ByDomain = "ByDomain";
    private const string ByName = "ByName";
    private const string ByUuid = "ByUuid";
    private const string ById = "ById";

    private DomainCollector? _collector;

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

    /// <summary>Whether the cmdlet reads piped domains again (it needs their state now) or uses them as they came.</summary>
    private protected virtual PipedDomainUse PipedUse => PipedDomainUse.AsGiven;

    /// <summary>The activity of the progress bar shown while hosts are read (interactive sessions only); null for none.</summary>
    private protected virtual string? ProgressActivity => null;

    /// <summary>
    /// Which of a host's domains to read, chosen on the pipeline thread before anything is read (all of them by default):
    /// where a cmdlet that changes something asks ShouldProcess. A host left with none is not read.
    /// </summary>
    private protected virtual IReadOnlyList<HvDomain> Choose(IReadOnlyList<HvDomain> domains) => domains;

    /// <summary>Whether the domain was piped in or named exactly (so a domain without what was asked for deserves an error).</summary>
    protected bool NamedExactly(HvDomain domain) => Collector.NamedExactly(domain);

    private DomainCollector Collector => _collector ??= new DomainCollector(PipedUse);

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var error in Collector.AddRecord(ParameterSetName == ByDomain ? Domain : null, Name, Uuid, Id, ResolveConnections,
                     "omit -Name for every domain"))
        {
            WriteError(error);
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var hosts = ResolveCollected(Collector)
            .Select(h => (h.Connection, Domains: Choose(h.Domains)))
            .Where(h => h.Domains.Count > 0)
            .ToArray();
        if (hosts.Length == 0)
        {
            return;
        }
        var trace = TraceSink;
        var domains = hosts.ToDictionary(h => h.Connection.Id, h => h.Domains);
        StreamFromConnections(hosts.Select(h => h.Connection).ToArray(),
            (connection, token) => ReadAsync(connection, domains[connection.Id], trace, token), ProgressActivity);
    }

    /// <summary>A non-terminating error for a domain the host listed but whose processor settings it did not return.</summary>
    private protected static StreamNotice MissingSettings(HvDomain domain) =>
        StreamNotice.Error(ErrorRecords.Create(
            $"The host {domain.ComputerName} returned no Msvm_ProcessorSettingData for domain '{domain.Name}' ({domain.Uuid:D}).",
            "DomainSettingsNotFound", ErrorCategory.ObjectNotFound, domain,
            "The domain may be being created or deleted; run the command again, or check it with Get-HvDomain -Detailed."));
}
