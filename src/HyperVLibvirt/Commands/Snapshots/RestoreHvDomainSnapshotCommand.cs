using System.Management.Automation;
using HyperVLibvirt.Core.Lifecycle;
using HyperVLibvirt.Core.Management;
using HyperVLibvirt.Core.Snapshots;

namespace HyperVLibvirt.Commands.Snapshots;

/// <summary>
/// <para type="synopsis">Reverts domains to snapshots: Hyper-V's Restore-VMSnapshot, virsh snapshot-revert.</para>
/// <para type="description">Msvm_VirtualSystemSnapshotService.ApplySnapshot. Hyper-V applies a snapshot only to a domain that is off or saved; a
/// running or paused domain is refused (DomainAlreadyActive) before anything is sent. The domain's present state is lost, so
/// the cmdlet asks first (ConfirmImpact High).</para>
/// </summary>
[Cmdlet(VerbsData.Restore, "HvDomainSnapshot", DefaultParameterSetName = "BySnapshot", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(HvDomainSnapshot))]
public sealed class RestoreHvDomainSnapshotCommand : SnapshotTargetCmdletBase
{
    /// <inheritdoc />
    protected override string Action(HvDomainSnapshot snapshot) => "Revert (ApplySnapshot)";

    /// <inheritdoc />
    protected override async Task<object?> ChangeAsync(SnapshotManagement manager, HvDomainSnapshot snapshot, StateChangeOptions options, CancellationToken token)
    {
        var domain = await manager.RevertAsync(snapshot, options, token).ConfigureAwait(false);
        // The snapshot read back: now the domain's current one.
        return (await manager.ReadTreeAsync(domain, token).ConfigureAwait(false)).FirstOrDefault(s => s.InstanceId == snapshot.InstanceId);
    }
}
