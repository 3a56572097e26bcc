namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// The classes behind guest information: Msvm_KvpExchangeComponent (Microsoft's class documentation, root/virtualization/v2
/// and root/virtualization), in the text form of <see cref="ClientClassSchemas"/>. Its item arrays hold embedded
/// Msvm_KvpExchangeDataItem instances as CIM-XML text, as WMI types them (<c>string[]</c>).
/// </summary>
internal static class GuestClassSchemas
{
    /// <summary>Class name, parent class (or null) and the property list text.</summary>
    public static readonly (string Name, string? Parent, string Properties)[] All =
    [
        ("Msvm_KvpExchangeComponent", null,
            "InstanceID (string), Caption (string), Description (string), ElementName (string), InstallDate (datetime), Name (string), OperationalStatus[] (uint16), StatusDescriptions[] (string), Status (string), HealthState (uint16), CommunicationStatus (uint16), DetailedStatus (uint16), OperatingStatus (uint16), PrimaryStatus (uint16), EnabledState (uint16), OtherEnabledState (string), RequestedState (uint16), EnabledDefault (uint16), TimeOfLastStateChange (datetime), AvailableRequestedStates[] (uint16), TransitioningToState (uint16), SystemCreationClassName (string), SystemName (string), CreationClassName (string), DeviceID (string), PowerManagementSupported (boolean), PowerManagementCapabilities[] (uint16), Availability (uint16), StatusInfo (uint16), LastErrorCode (uint32), ErrorDescription (string), ErrorCleared (boolean), OtherIdentifyingInfo[] (string), PowerOnHours (uint64), TotalPowerOnHours (uint64), IdentifyingDescriptions[] (string), AdditionalAvailability[] (uint16), MaxQuiesceTime (uint64), GuestExchangeItems[] (string), GuestIntrinsicExchangeItems[] (string)"),
    ];

    /// <summary>The key properties of each class here.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Keys = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["Msvm_KvpExchangeComponent"] = ["CreationClassName", "DeviceID", "SystemCreationClassName", "SystemName"],
    };
}
