using System.Management.Automation;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;

namespace HyperVLibvirt.Commands;

/// <summary>
/// The base of cmdlets that act on domains named explicitly (Set-HvDomain, Remove-HvDomain, Checkpoint-HvDomain,
/// Send-HvDomainKey, Wait-HvDomain): it binds domains from the pipeline or by -Name (wildcards; required, so that no
/// command changes or waits on every domain by omission), -Uuid or -Id into a <see cref="DomainCollector"/>, which
/// resolves them at the end with one listing per host. The services read each domain afresh, so piped domains are
/// used as they came.
/// </summary>
public abstract class HvDomainTargetCmdletBase : HvConnectedCmdletBase
{
    private const string ByDomain = "ByDomain";
    private const string ByName = "ByName";
    private const string ByUuid = "ByUuid";
    private const string ById = "ById";

    private readonly DomainCollector _collector = new(PipedDomainUse.AsGiven);

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

    /// <summary>The domains bound over the whole pipeline, one listing per host, grouped by host (what matched nothing was reported).</summary>
    protected IReadOnlyList<(HvConnection Connection, IReadOnlyList<HvDomain> Domains)> CollectedTargets() => ResolveCollected(_collector);

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var error in _collector.AddRecord(ParameterSetName == ByDomain ? Domain : null, Name, Uuid, Id, ResolveConnections,
                     "pass -Uuid, -Id or domains from Get-HvDomain"))
        {
            WriteError(error);
        }
    }
}
