using System.Management.Automation;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.Lifecycle;
using HyperVLibvirt.Core.Management;
using HyperVLibvirt.Core.Snapshots;

namespace HyperVLibvirt.Commands.Snapshots;

/// <summary>
/// <para type="synopsis">Deletes snapshots, or with -IncludeAllChildSnapshots whole subtrees: Hyper-V's Remove-VMSnapshot, virsh snapshot-delete [--children].</para>
/// <para type="description">Msvm_VirtualSystemSnapshotService.DestroySnapshot (the snapshot's children take its parent) or DestroySnapshotTree.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "HvDomainSnapshot", DefaultParameterSetName = "BySnapshot", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(HvDomain))]
public sealed class RemoveHvDomainSnapshotCommand : SnapshotTargetCmdletBase
{
    // Domains whose subtree this call removed; filled by changes running on several threads at once, read on the pipeline thread.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, bool> _subtreesRemoved = new();

    /// <summary>Delete each snapshot's descendants too (DestroySnapshotTree), as virsh snapshot-delete --children.</summary>
    [Parameter]
    public SwitchParameter IncludeAllChildSnapshots { get; set; }

    /// <inheritdoc />
    protected override string Action(HvDomainSnapshot snapshot) =>
        IncludeAllChildSnapshots ? $"Delete with its {snapshot.Descendants} descendant(s) (DestroySnapshotTree)" : "Delete (DestroySnapshot)";

    /// <inheritdoc />
    protected override IEnumerable<(HvConnection Session, HvDomainSnapshot Snapshot)> Order(IEnumerable<(HvConnection Session, HvDomainSnapshot Snapshot)> targets) =>
        // Subtrees go from the top, so a descendant asked for too is gone with its ancestor.
        IncludeAllChildSnapshots ? targets.OrderBy(t => t.Snapshot.Depth) : targets;

    /// <inheritdoc />
    protected override bool IsExpected(Exception error, HvDomainSnapshot snapshot) =>
        error is HvLifecycleException { Reason: LifecycleFailure.SnapshotNotFound } && _subtreesRemoved.ContainsKey(snapshot.DomainUuid);

    /// <inheritdoc />
    protected override async Task<object?> ChangeAsync(SnapshotManagement manager, HvDomainSnapshot snapshot, StateChangeOptions options, CancellationToken token)
    {
        await manager.RemoveAsync(snapshot, IncludeAllChildSnapshots, options, token).ConfigureAwait(false);
        if (IncludeAllChildSnapshots)
        {
            _subtreesRemoved.TryAdd(snapshot.DomainUuid, true);
        }
        return PassThru ? await manager.ReadDomainAsync(snapshot, token).ConfigureAwait(false) : null;
    }
}
