using System.Management.Automation;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.Lifecycle;

namespace HyperVLibvirt.Commands.Lifecycle;

/// <summary>
/// <para type="synopsis">Shuts domains down through the guest (libvirt's shutdown: Msvm_ShutdownComponent.InitiateShutdown), or turns them off (-TurnOff, libvirt's destroy) or saves them (-Save, libvirt's managedsave).</para>
/// <para type="description">A graceful shutdown needs a running domain with the shutdown integration service, and waits until the guest is off. -TurnOff needs an active domain; -Save an active one.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "HvDomain", DefaultParameterSetName = "ByName", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(HvDomain))]
public sealed class StopHvDomainCommand : HvDomainLifecycleCmdletBase
{
    /// <summary>Power off at once, as pulling the plug (RequestStateChange 3). Asks for confirmation as ConfirmImpact High.</summary>
    [Parameter]
    public SwitchParameter TurnOff { get; set; }

    /// <summary>Save the domain's state and stop it (RequestStateChange 6, or 32769 on v1 hosts); Start-HvDomain resumes it.</summary>
    [Parameter]
    public SwitchParameter Save { get; set; }

    /// <summary>Shut down even if applications in the guest object (InitiateShutdown Force=true). Asks for confirmation as ConfirmImpact High.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override DomainOperation Operation =>
        TurnOff ? DomainOperation.TurnOff : Save ? DomainOperation.Save : DomainOperation.Shutdown;

    /// <inheritdoc />
    protected override bool IsHighImpact => TurnOff || Force;

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        if ((TurnOff && Save) || (Force && (TurnOff || Save)))
        {
            ThrowTerminatingError(ErrorRecords.Create(
                "-TurnOff, -Save and -Force exclude each other: -Force forces a graceful shutdown, -TurnOff powers off, -Save saves.",
                "ConflictingStopOptions", ErrorCategory.InvalidArgument, null));
        }
        base.BeginProcessing();
    }

    /// <inheritdoc />
    protected override StateChangeOptions CustomizeOptions(StateChangeOptions options) => options with
    {
        ForceShutdown = Force,
        // The guest records who asked; libvirt sends a fixed untranslated text.
        ShutdownReason = $"Stop-HvDomain (HyperVLibvirt) by {Environment.UserName}",
    };
}
