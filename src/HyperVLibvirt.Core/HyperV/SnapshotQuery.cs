namespace HyperVLibvirt.Core.HyperV;

/// <summary>
/// WQL for VM snapshots (Hyper-V checkpoints) in root/virtualization/v2: every snapshot of a host in one query,
/// and every VM's current snapshot in another. A snapshot is an Msvm_VirtualSystemSettingData whose
/// VirtualSystemType is <see cref="RealizedSnapshotType"/> (a standard or production checkpoint) or
/// <see cref="RecoverySnapshotType"/> (one a backup left), whose VirtualSystemIdentifier is its VM's GUID and whose
/// Parent is the object path of its parent snapshot (Microsoft's Msvm_VirtualSystemSettingData documentation).
/// </summary>
public static class SnapshotQuery
{
    /// <summary>VirtualSystemType of a checkpoint a user (or the host) took.</summary>
    public const string RealizedSnapshotType = "Microsoft:Hyper-V:Snapshot:Realized";

    /// <summary>VirtualSystemType of a recovery checkpoint, which backup software takes.</summary>
    public const string RecoverySnapshotType = "Microsoft:Hyper-V:Snapshot:Recovery";

    /// <summary>Every snapshot of every VM of the host.</summary>
    public const string AllSnapshots =
        "SELECT * FROM Msvm_VirtualSystemSettingData WHERE VirtualSystemType = '" + RealizedSnapshotType
        + "' OR VirtualSystemType = '" + RecoverySnapshotType + "'";

    /// <summary>Every VM's current snapshot: Antecedent the VM (Msvm_ComputerSystem), Dependent its snapshot's settings.</summary>
    public const string AllCurrentSnapshots = "SELECT * FROM Msvm_MostCurrentSnapshotInBranch";

    /// <summary>Whether a VirtualSystemType names a snapshot.</summary>
    public static bool IsSnapshotType(string? virtualSystemType) =>
        string.Equals(virtualSystemType, RealizedSnapshotType, StringComparison.OrdinalIgnoreCase)
        || string.Equals(virtualSystemType, RecoverySnapshotType, StringComparison.OrdinalIgnoreCase);
}
