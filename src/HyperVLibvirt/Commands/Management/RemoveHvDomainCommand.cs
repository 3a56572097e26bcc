using System.Management.Automation;
using HyperVLibvirt.Commands.Lifecycle;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.Lifecycle;
using HyperVLibvirt.Core.Management;

namespace HyperVLibvirt.Commands.Management;

/// <summary>
/// <para type="synopsis">Removes domains from their host (libvirt's undefine: DestroySystem).</para>
/// <para type="description">An active domain is refused unless -Force turns it off first. The virtual hard disk files stay on the host.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "HvDomain", DefaultParameterSetName = "ByName", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveHvDomainCommand : HvDomainTargetCmdletBase
{
    /// <summary>Turn an active domain off (RequestStateChange 3) before removing it.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>How long to wait for each job, in seconds (default 300). The job is not cancelled when the wait ends.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int TimeoutSec { get; set; } = 300;

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var progress = new LifecycleProgress(MyInvocation.MyCommand.Name, IsInteractive);
        foreach (var (connection, domains) in CollectedTargets())
        {
            var service = new DomainRemovalService(connection, TraceSink);
            foreach (var domain in domains)
            {
                var action = Force && domain.IsActive ? "Turn off and remove (RequestStateChange 3, DestroySystem)" : "Remove (DestroySystem)";
                if (!ShouldProcess($"{domain.Name} ({domain.Uuid:D}) on {domain.ComputerName}", action))
                {
                    continue;
                }
                var options = new SettingsOptions
                {
                    Timeout = TimeSpan.FromSeconds(TimeoutSec),
                    OnJobStatus = status => Post(() =>
                    {
                        if (progress.Update(domain, status) is { } record)
                        {
                            WriteProgress(record);
                        }
                    }),
                };
                try
                {
                    Wait(token => service.RemoveAsync(domain, Force, options, token));
                    WriteVerbose($"Removed domain '{domain.Name}' ({domain.Uuid:D}) from {domain.ComputerName}.");
                }
                catch (Exception ex) when (ErrorRecords.IsReportable(ex))
                {
                    var record = ErrorRecords.From(ex, domain);
                    var recommended = ex switch
                    {
                        HvSettingsException settings => settings.RecommendedAction,
                        HvLifecycleException lifecycle => lifecycle.RecommendedAction,
                        HvJobException job => job.RecommendedAction,
                        _ => null,
                    };
                    if (recommended is not null)
                    {
                        record.ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = recommended };
                    }
                    WriteError(record);
                }
                finally
                {
                    if (progress.Complete(domain) is { } done)
                    {
                        WriteProgress(done);
                    }
                }
            }
        }
    }
}
