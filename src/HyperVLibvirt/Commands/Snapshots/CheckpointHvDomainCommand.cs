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

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var trace = TraceSink;
        var reporter = new SnapshotJobReporter(MyInvocation.MyCommand.Name, IsInteractive);
        foreach (var (connection, domains) in CollectedTargets())
        {
            var manager = new SnapshotManagement(connection, trace);
            foreach (var domain in domains)
            {
                var action = SnapshotName is null ? "Checkpoint (CreateSnapshot)" : $"Checkpoint as '{SnapshotName}' (CreateSnapshot, ModifySystemSettings)";
                if (!ShouldProcess($"{domain.Name} ({domain.Uuid:D}) on {domain.ComputerName}", action))
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
                    var created = Wait(token => manager.CreateAsync(domain, SnapshotName, options, token));
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
