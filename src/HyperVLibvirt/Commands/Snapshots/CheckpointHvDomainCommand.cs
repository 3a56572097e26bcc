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
public sealed class CheckpointHvDomainCommand : HvDomainTargetCmdletBase
{
    /// <summary>
    /// The new snapshot's name, instead of Hyper-V's default. As Hyper-V's Checkpoint-VM -SnapshotName, it is given after the snapshot
    /// is taken (ModifySystemSettings); if that fails, the snapshot stays with its default name and the error names it.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SnapshotName { get; set; }

    /// <summary>Write each new snapshot, read back from the host, to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>How long to wait for each job, in seconds (default 300). The job is not cancelled when the wait ends.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int TimeoutSec { get; set; } = (int)StateChangeOptions.DefaultTimeout.TotalSeconds;

    /// <summary>How many WS-Man requests go to each host at once (default 8); waiting for a job holds none.</summary>
    [Parameter]
    [ValidateRange(1, 1024)]
    public int ThrottleLimit { get; set; } = LifecycleBatch.DefaultThrottleLimit;

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var action = SnapshotName is null ? "Checkpoint (CreateSnapshot)" : $"Checkpoint as '{SnapshotName}' (CreateSnapshot, ModifySystemSettings)";
        var reporter = new SnapshotJobReporter(MyInvocation.MyCommand.Name, IsInteractive);
        var changes = CollectedTargets()
            .SelectMany(host => host.Domains.Select(domain => (host.Connection, Domain: domain)))
            .Where(t => ShouldProcess($"{t.Domain.Name} ({t.Domain.Uuid:D}) on {t.Domain.ComputerName}", action))
            .Select(t =>
            {
                var options = reporter.Options(Post, WriteProgress, $"'{t.Domain.Name}' on {t.Domain.ComputerName}", TimeSpan.FromSeconds(TimeoutSec));
                return new SnapshotChange(t.Connection, t.Domain.Uuid, t.Domain,
                    async (manager, token) => await manager.CreateAsync(t.Domain, SnapshotName, options, token).ConfigureAwait(false));
            })
            .ToArray();
        if (changes.Length == 0)
        {
            return;
        }
        try
        {
            // Every domain's snapshot is started at once; each outcome is written as it is known.
            ForEachStreamed(SnapshotBatch.RunAsync(changes, ThrottleLimit, TraceSink, CancellationToken), outcome =>
            {
                var domain = (HvDomain)outcome.Change.Target;
                if (outcome.Error is { } error)
                {
                    if (!ErrorRecords.IsReportable(error))
                    {
                        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
                    }
                    WriteError(SnapshotJobReporter.ToErrorRecord(error, domain));
                    return;
                }
                var created = (HvDomainSnapshot?)outcome.Result;
                WriteVerbose($"Domain '{domain.Name}' on {domain.ComputerName}: snapshot '{created?.Name}' taken.");
                if (PassThru && created is not null)
                {
                    WriteObject(created);
                }
            });
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
