using System.Management.Automation;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.Lifecycle;
using HyperVLibvirt.Core.Management;
using HyperVLibvirt.Core.Snapshots;

namespace HyperVLibvirt.Commands.Snapshots;

/// <summary>
/// <para type="synopsis">Takes a snapshot (Hyper-V checkpoint) of domains: Hyper-V's Checkpoint-VM, virsh snapshot-create-as.</para>
/// <para type="description">Msvm_VirtualSystemSnapshotService.CreateSnapshot with SnapshotType 2 (a full snapshot), one job per domain.
/// Hyper-V names the snapshot "&lt;domain&gt; - (&lt;date&gt; - &lt;time&gt;)" and makes it the domain's current one.</para>
/// </summary>
[Cmdlet(VerbsData.Checkpoint, "HvDomain", DefaultParameterSetName = "ByName", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(HvDomainSnapshot))]
public sealed class CheckpointHvDomainCommand : HvConnectedCmdletBase
{
    private const string ByDomain = "ByDomain";

    // Piped domains are used as given: CreateAsync reads each domain afresh before its call anyway.
    private readonly DomainCollector _collector = new(PipedDomainUse.AsGiven);

    /// <summary>Domains, typically from Get-HvDomain; each carries the identity of its own connection.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = ByDomain)]
    [ValidateNotNullOrEmpty]
    public HvDomain[]? Domain { get; set; }

    /// <summary>Domain names; wildcards allowed. Names pipe in as strings (as Checkpoint-VM takes them).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = "ByName")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.DomainNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Domain UUIDs.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = "ByUuid")]
    [Alias("VMId")]
    public Guid[]? Uuid { get; set; }

    /// <summary>libvirt domain ids (the ProcessID of an active domain).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = "ById")]
    [ValidateRange(0, int.MaxValue)]
    public int[]? Id { get; set; }

    /// <summary>Write each new snapshot, read back from the host, to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>How long to wait for each job, in seconds (default 300). The job is not cancelled when the wait ends.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int TimeoutSec { get; set; } = (int)StateChangeOptions.DefaultTimeout.TotalSeconds;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var error in _collector.AddRecord(ParameterSetName == ByDomain ? Domain : null, Name, Uuid, Id, ResolveConnections,
                     "name the domains to checkpoint"))
        {
            WriteError(error);
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var trace = TraceSink;
        var reporter = new SnapshotJobReporter(MyInvocation.MyCommand.Name, IsInteractive);
        foreach (var (connection, domains) in ResolveCollected(_collector))
        {
            var manager = new SnapshotManagement(connection, trace);
            foreach (var domain in domains)
            {
                if (!ShouldProcess($"{domain.Name} ({domain.Uuid:D}) on {domain.ComputerName}", "Checkpoint (CreateSnapshot)"))
                {
                    continue;
                }
                var what = $"'{domain.Name}' on {domain.ComputerName}";
                var options = new StateChangeOptions
                {
                    Timeout = TimeSpan.FromSeconds(TimeoutSec),
                    OnJobStatus = status => Post(() =>
                    {
                        if (reporter.Update(what, status) is { } record)
                        {
                            WriteProgress(record);
                        }
                    }),
                };
                try
                {
                    var created = Wait(token => manager.CreateAsync(domain, options, token));
                    WriteVerbose($"Domain {what}: snapshot '{created?.Name}' taken.");
                    if (PassThru && created is not null)
                    {
                        WriteObject(created);
                    }
                }
                catch (Exception ex) when (ErrorRecords.IsReportable(ex))
                {
                    WriteError(SnapshotJobReporter.ToErrorRecord(ex, domain));
                }
                finally
                {
                    if (reporter.Complete() is { } done)
                    {
                        WriteProgress(done);
                    }
                }
            }
        }
    }
}
