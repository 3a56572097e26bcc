using System.Management.Automation;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.Lifecycle;

namespace HyperVLibvirt.Commands.Lifecycle;

/// <summary>
/// <para type="synopsis">Resumes paused domains (libvirt's resume: RequestStateChange 2).</para>
/// <para type="description">A domain that is not paused is refused (DomainNotPaused) and left alone.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Resume, "HvDomain", DefaultParameterSetName = "ByName", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(HvDomain))]
public sealed class ResumeHvDomainCommand : HvDomainLifecycleCmdletBase
{
    /// <inheritdoc />
    protected override DomainOperation Operation => DomainOperation.Resume;
}
