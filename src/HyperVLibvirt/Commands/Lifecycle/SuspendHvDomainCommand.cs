using System.Management.Automation;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.Lifecycle;

namespace HyperVLibvirt.Commands.Lifecycle;

/// <summary>
/// <para type="synopsis">Pauses running domains (libvirt's suspend: RequestStateChange 9, or 32768 on v1 hosts).</para>
/// <para type="description">A domain that is not running is refused (DomainNotRunning) and left alone.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Suspend, "HvDomain", DefaultParameterSetName = "ByName", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(HvDomain))]
public sealed class SuspendHvDomainCommand : HvDomainLifecycleCmdletBase
{
    /// <inheritdoc />
    protected override DomainOperation Operation => DomainOperation.Suspend;
}
