using System.Management.Automation;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.Lifecycle;

namespace HyperVLibvirt.Commands.Lifecycle;

/// <summary>
/// <para type="synopsis">Starts stopped or saved domains (libvirt's start: RequestStateChange 2).</para>
/// <para type="description">A domain that is already active is refused (DomainAlreadyActive) and left alone.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "HvDomain", DefaultParameterSetName = "ByName", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(HvDomain))]
public sealed class StartHvDomainCommand : HvDomainLifecycleCmdletBase
{
    /// <inheritdoc />
    protected override DomainOperation Operation => DomainOperation.Start;
}
