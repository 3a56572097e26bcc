namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// The image management classes (Microsoft's root/virtualization/v2 class documentation): Msvm_ImageManagementService
/// (one per host, <c>Name</c> "vhdsvc"), the Msvm_StorageJob its methods start (a CIM_ConcreteJob, not an
/// Msvm_ConcreteJob: a query on Msvm_ConcreteJob does not find it), and Msvm_VirtualHardDiskSettingData, which has no
/// instances and travels embedded in CreateVirtualHardDisk's input and GetVirtualHardDiskSettingData's output.
/// </summary>
internal static class ImageClassSchemas
{
    /// <summary>Class name, parent class (or null) and the property list text.</summary>
    public static readonly (string Name, string? Parent, string Properties)[] All =
    [
        ("Msvm_ImageManagementService", null,
            "InstanceID (string), Caption (string), Description (string), ElementName (string), InstallDate (datetime), OperationalStatus[] (uint16), StatusDescriptions[] (string), Status (string), HealthState (uint16), CommunicationStatus (uint16), DetailedStatus (uint16), OperatingStatus (uint16), PrimaryStatus (uint16), EnabledState (uint16), OtherEnabledState (string), RequestedState (uint16), EnabledDefault (uint16), TimeOfLastStateChange (datetime), AvailableRequestedStates[] (uint16), TransitioningToState (uint16), SystemCreationClassName (string), SystemName (string), CreationClassName (string), Name (string), PrimaryOwnerName (string), PrimaryOwnerContact (string), StartMode (string), Started (boolean)"),
        ("Msvm_StorageJob", null,
            "InstanceID (string), Caption (string), Description (string), ElementName (string), InstallDate (datetime), Name (string), OperationalStatus[] (uint16), StatusDescriptions[] (string), Status (string), HealthState (uint16), CommunicationStatus (uint16), DetailedStatus (uint16), OperatingStatus (uint16), PrimaryStatus (uint16), JobStatus (string), TimeSubmitted (datetime), ScheduledStartTime (datetime), StartTime (datetime), ElapsedTime (datetime), JobRunTimes (uint32), RunMonth (uint8), RunDay (sint8), RunDayOfWeek (sint8), RunStartInterval (datetime), LocalOrUtcTime (uint16), UntilTime (datetime), Notify (string), Owner (string), Priority (uint32), PercentComplete (uint16), DeleteOnCompletion (boolean), ErrorCode (uint16), ErrorDescription (string), ErrorSummaryDescription (string), RecoveryAction (uint16), OtherRecoveryAction (string), JobState (uint16), TimeOfLastStateChange (datetime), TimeBeforeRemoval (datetime), Cancellable (boolean), Child (string), JobCompletionStatusCode (uint32), Parent (string), JobType (uint16)"),
        ("Msvm_VirtualHardDiskSettingData", null,
            "InstanceID (string), Caption (string), Description (string), ElementName (string), Type (uint16), Format (uint16), Path (string), ParentPath (string), ParentTimestamp (datetime), ParentIdentifier (string), MaxInternalSize (uint64), BlockSize (uint32), LogicalSectorSize (uint32), PhysicalSectorSize (uint32), VirtualDiskId (string), DataAlignment (uint64), PmemAddressAbstractionType (uint16), IsPmemCompatible (boolean)"),
    ];

    /// <summary>The key properties of each class here that has instances.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Keys = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["Msvm_ImageManagementService"] = ["CreationClassName", "Name", "SystemCreationClassName", "SystemName"],
        ["Msvm_StorageJob"] = ["InstanceID"],
    };
}
