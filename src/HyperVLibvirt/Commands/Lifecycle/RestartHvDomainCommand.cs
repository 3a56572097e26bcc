using System.Management.Automation;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.Lifecycle;

namespace HyperVLibvirt.Commands.Lifecycle;

/// <summary>
/// <para type="synopsis">Reboots running domains (libvirt's reboot: RequestStateChange 10), or hard-resets them with -Reset (RequestStateChange 11).</para>
/// <para type="description">A domain that is not running is refused (DomainNotRunning) and left alone.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Restart, "HvDomain", DefaultParameterSetName = "ByName", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(HvDomain))]
public sealed class RestartHvDomainCommand : HvDomainLifecycleCmdletBase
{
    /// <summary>A hard reset, like pressing the reset button (libvirt's reset). Asks for confirmation as ConfirmImpact High.</summary>
    [Parameter]
    public SwitchParameter Reset { get; set; }

    /// <inheritdoc />
    protected override DomainOperation Operation => Reset ? DomainOperation.Reset : DomainOperation.Reboot;

    /// <inheritdoc />
    protected override bool IsHighImpact => Reset;
}
