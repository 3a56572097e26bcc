namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// Classes the simulator serves for networks, guest addresses and devices that libvirt's client
/// does not deserialize, in the text form of <see cref="ClientClassSchemas"/>: the properties of the real
/// captures (Msvm_ExternalEthernetPort's, and Msvm_GuestNetworkAdapterConfiguration's, which a
/// real host sends without the inherited CIM_SettingData properties) and of Microsoft's class pages.
/// </summary>
internal static class DeviceClassSchemas
{
    public static readonly (string Name, string? Parent, string Properties)[] Classes =
    [
        ("Msvm_ExternalEthernetPort", null,
            "ActiveMaximumTransmissionUnit (uint64), AutoSense (boolean), Availability (uint16), Caption (string), CommunicationStatus (uint16), CreationClassName (string), Description (string), DetailedStatus (uint16), DeviceID (string), ElementName (string), EnabledDefault (uint16), EnabledState (uint16), ErrorCleared (boolean), ErrorDescription (string), FullDuplex (boolean), HealthState (uint16), InstallDate (datetime), InstanceID (string), IsBound (boolean), LastErrorCode (uint32), LinkTechnology (uint16), MaxDataSize (uint32), MaxQuiesceTime (uint64), MaxSpeed (uint64), Name (string), OperatingStatus (uint16), OperationalStatus[] (uint16), OtherEnabledState (string), OtherLinkTechnology (string), OtherNetworkPortType (string), OtherPortType (string), PermanentAddress (string), PortNumber (uint16), PortType (uint16), PowerManagementSupported (boolean), PowerOnHours (uint64), PrimaryStatus (uint16), RequestedSpeed (uint64), RequestedState (uint16), Speed (uint64), Status (string), StatusDescriptions[] (string), StatusInfo (uint16), SupportedMaximumTransmissionUnit (uint64), SystemCreationClassName (string), SystemName (string), TimeOfLastStateChange (datetime), TotalPowerOnHours (uint64), TransitioningToState (uint16), UsageRestriction (uint16)"),
        ("Msvm_GuestNetworkAdapterConfiguration", null,
            "DefaultGateways[] (string), DHCPEnabled (boolean), DNSServers[] (string), InstanceID (string), IPAddresses[] (string), IPAddressOrigins[] (uint16), ProtocolIFType (uint16), Subnets[] (string)"),
        // A VM and its logical devices (CIM_SystemDevice), and a display controller and its
        // video head (the association libvirt's hypervGetVideoResolution walks).
        ("Msvm_SystemDevice", null, "GroupComponent (ref), PartComponent (ref)"),
        ("Msvm_VideoHeadOnController", null, "Antecedent (ref), Dependent (ref)"),
    ];

    // Added with the v2 namespace (Windows Server 2012): root/virtualization (v1) has none of
    // them; it models storage, switch ports and serial ports in other classes.
    private static readonly HashSet<string> V2Only = new(StringComparer.OrdinalIgnoreCase)
    {
        "Msvm_StorageAllocationSettingData", "Msvm_EthernetPortAllocationSettingData", "Msvm_VirtualEthernetSwitch",
        "Msvm_VirtualEthernetSwitchManagementService", "Msvm_GuestNetworkAdapterConfiguration", "Msvm_SerialPortSettingData",
    };

    /// <summary>
    /// Whether a release lacks a class in a namespace, so that querying it faults as WMI does
    /// ("class not found"): the v2-only classes in v1, and Msvm_SerialPortSettingData before
    /// Windows Server 2016 (libvirt's hypervDomainDefParseSerial reads serial ports as plain
    /// RASD on 6.x hosts), whose serial ports are then Msvm_ResourceAllocationSettingData.
    /// </summary>
    public static bool IsMissing(string className, string wmiNamespace, HostProfile profile)
    {
        if (string.Equals(wmiNamespace, HostProfile.V1Namespace, StringComparison.OrdinalIgnoreCase))
        {
            return V2Only.Contains(className);
        }

        return string.Equals(className, "Msvm_SerialPortSettingData", StringComparison.OrdinalIgnoreCase)
            && profile.Version.StartsWith("6.", StringComparison.Ordinal);
    }

    public static readonly IReadOnlyDictionary<string, string[]> Keys = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["Msvm_ExternalEthernetPort"] = ["CreationClassName", "DeviceID", "SystemCreationClassName", "SystemName"],
        ["Msvm_GuestNetworkAdapterConfiguration"] = ["InstanceID"],
        ["Msvm_SystemDevice"] = ["GroupComponent", "PartComponent"],
        ["Msvm_VideoHeadOnController"] = ["Antecedent", "Dependent"],
    };
}
