using System.Management.Automation;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.Lifecycle;

namespace HyperVLibvirt.Commands.Lifecycle;

/// <summary>
/// <para type="synopsis">Discards the saved state of saved domains, leaving them off (libvirt's managedsave-remove: RequestStateChange 3).</para>
/// <para type="description">A domain without a saved state is refused (NoManagedSave) and left alone.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "HvDomainManagedSave", DefaultParameterSetName = "ByName", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(HvDomain))]
public sealed class RemoveHvDomainManagedSaveCommand : HvDomainLifecycleCmdletBase
{
    /// <inheritdoc />
    protected override DomainOperation Operation => DomainOperation.RemoveManagedSave;
}
