using System.Globalization;
using System.Management.Automation;
using HyperVLibvirt.Commands.Lifecycle;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.Management;

namespace HyperVLibvirt.Commands.Management;

/// <summary>
/// <para type="synopsis">Changes domains' memory, maximum memory, virtual processors and autostart (libvirt's setmem, setmaxmem, setvcpus, autostart).</para>
/// <para type="description">Memory sizes are in bytes (2GB, 512MB) and are rounded as libvirt rounds them: up to whole MiB, then up to an even number.
/// What Hyper-V would refuse for the domain's state is refused before anything is sent.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "HvDomain", DefaultParameterSetName = "ByName", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(HvDomain))]
public sealed class SetHvDomainCommand : HvDomainTargetCmdletBase
{
    /// <summary>Startup memory in bytes (Msvm_MemorySettingData.VirtualQuantity); a running domain needs dynamic memory to change it.</summary>
    [Parameter]
    [ValidateRange(1UL, ulong.MaxValue)]
    public ulong Memory { get; set; }

    /// <summary>Maximum memory in bytes (Msvm_MemorySettingData.Limit).</summary>
    [Parameter]
    [ValidateRange(1UL, ulong.MaxValue)]
    public ulong MaxMemory { get; set; }

    /// <summary>The number of virtual processors; the domain must be off.</summary>
    [Parameter]
    [ValidateRange(1, 2048)]
    public int VcpuCount { get; set; }

    /// <summary>Whether the domain starts with the host (AutomaticStartupAction 4), or not ($false: 2, nothing).</summary>
    [Parameter]
    public bool Autostart { get; set; }

    /// <summary>Write each domain, read back after the change (with its settings), to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>How long to wait for each job, in seconds (default 300, libvirt's). The job is not cancelled when the wait ends.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int TimeoutSec { get; set; } = 300;

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        if (Change().IsEmpty)
        {
            ThrowTerminatingError(ErrorRecords.Create(
                "Set-HvDomain needs at least one of -Memory, -MaxMemory, -VcpuCount or -Autostart.",
                "NoSettingGiven", ErrorCategory.InvalidArgument, null, "Add the setting to change, for example -Memory 4GB."));
        }
        base.BeginProcessing();
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var change = Change();
        var progress = new LifecycleProgress(MyInvocation.MyCommand.Name, IsInteractive);
        foreach (var (connection, domains) in CollectedTargets())
        {
            var service = new DomainSettingsService(connection, TraceSink);
            foreach (var domain in domains)
            {
                if (!ShouldProcess($"{domain.Name} ({domain.Uuid:D}) on {domain.ComputerName}", "Set " + Describe(change)))
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
                    var after = Wait(token => service.SetAsync(domain, change, options, token));
                    WriteVerbose($"Domain '{after.Name}' on {after.ComputerName}: {after.VCpus} vCPU(s), memory {after.Memory} bytes, maximum {after.MaxMemory} bytes, autostart {after.Autostart}.");
                    if (PassThru)
                    {
                        WriteObject(after);
                    }
                }
                catch (Exception ex) when (ErrorRecords.IsReportable(ex))
                {
                    WriteError(ToErrorRecord(ex, domain));
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

    private DomainSettingsChange Change() => new()
    {
        MemoryBytes = MyInvocation.BoundParameters.ContainsKey(nameof(Memory)) ? Memory : null,
        MaxMemoryBytes = MyInvocation.BoundParameters.ContainsKey(nameof(MaxMemory)) ? MaxMemory : null,
        VcpuCount = MyInvocation.BoundParameters.ContainsKey(nameof(VcpuCount)) ? VcpuCount : null,
        Autostart = MyInvocation.BoundParameters.ContainsKey(nameof(Autostart)) ? Autostart : null,
    };

    private static string Describe(DomainSettingsChange change)
    {
        var parts = new List<string>(4);
        if (change.MemoryBytes is { } memory)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"memory {MemoryRounding.ToHyperVMiB(memory)} MiB"));
        }
        if (change.MaxMemoryBytes is { } max)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"maximum memory {MemoryRounding.ToHyperVMiB(max)} MiB"));
        }
        if (change.VcpuCount is { } vcpus)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{vcpus} vCPU(s)"));
        }
        if (change.Autostart is { } autostart)
        {
            parts.Add(autostart ? "autostart on" : "autostart off");
        }
        return string.Join(", ", parts);
    }

    private static ErrorRecord ToErrorRecord(Exception error, HvDomain target)
    {
        var record = ErrorRecords.From(error, target);
        var recommended = error switch
        {
            HvSettingsException settings => settings.RecommendedAction,
            Core.Lifecycle.HvJobException job => job.RecommendedAction,
            _ => null,
        };
        if (recommended is not null)
        {
            record.ErrorDetails = new ErrorDetails(error.Message) { RecommendedAction = recommended };
        }
        return record;
    }
}
