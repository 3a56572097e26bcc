namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// The associations that join a VM to its snapshots (Microsoft's class documentation for root/virtualization/v2):
/// Msvm_SnapshotOfVirtualSystem (the VM and each of its snapshot settings), Msvm_MostCurrentSnapshotInBranch
/// (the VM and the snapshot it runs from) and Msvm_ParentChildSettingData (a snapshot and each child). The
/// snapshots themselves are Msvm_VirtualSystemSettingData of type <c>Microsoft:Hyper-V:Snapshot:Realized</c>;
/// Msvm_VirtualSystemSnapshotService creates, applies and destroys them.
/// </summary>
internal static class SnapshotClassSchemas
{
    /// <summary>Class name, parent class (or null) and the property list text.</summary>
    public static readonly (string Name, string? Parent, string Properties)[] All =
    [
        ("Msvm_SnapshotOfVirtualSystem", null, "Antecedent (ref), Dependent (ref)"),
        ("Msvm_MostCurrentSnapshotInBranch", null, "Antecedent (ref), Dependent (ref)"),
        ("Msvm_ParentChildSettingData", null, "Antecedent (ref), Dependent (ref)"),
        ("Msvm_VirtualSystemSnapshotService", null,
            "InstanceID (string), Caption (string), Description (string), ElementName (string), Name (string), OperationalStatus[] (uint16), StatusDescriptions[] (string), Status (string), HealthState (uint16), EnabledState (uint16), RequestedState (uint16), EnabledDefault (uint16), SystemCreationClassName (string), SystemName (string), CreationClassName (string), StartMode (string), Started (boolean)"),
    ];

    /// <summary>The key properties of each class here.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Keys = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["Msvm_SnapshotOfVirtualSystem"] = ["Antecedent", "Dependent"],
        ["Msvm_MostCurrentSnapshotInBranch"] = ["Antecedent", "Dependent"],
        ["Msvm_ParentChildSettingData"] = ["Antecedent", "Dependent"],
        ["Msvm_VirtualSystemSnapshotService"] = ["CreationClassName", "Name", "SystemCreationClassName", "SystemName"],
    };
}
