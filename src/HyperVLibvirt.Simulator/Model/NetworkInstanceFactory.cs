namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// Builds the host's switches (Msvm_VirtualEthernetSwitch), physical adapters
/// (Msvm_ExternalEthernetPort) and the switch-side port settings that bind an external switch to
/// its adapter and an internal one to the host (Msvm_EthernetPortAllocationSettingData whose
/// HostResource is the adapter's or the host's path). Values follow the real ja-JP captures.
/// </summary>
internal sealed class NetworkInstanceFactory
{
    private readonly HostNamespace _ns;
    private readonly NetworkText _text;
    private readonly string _computerName;

    public NetworkInstanceFactory(HostNamespace ns, HostLanguage language, string computerName)
    {
        _ns = ns;
        _text = NetworkText.For(language);
        _computerName = computerName;
    }

    public CimInstance Switch(SwitchSpec spec)
    {
        var s = _ns.New("Msvm_VirtualEthernetSwitch");
        var healthy = spec.HealthState == 5;
        s["Caption"] = _text.SwitchCaption;
        s["CreationClassName"] = "Msvm_VirtualEthernetSwitch";
        s["Dedicated"] = CimValues.UIntArray(38);
        s["Description"] = _text.SwitchDescription;
        s["ElementName"] = spec.Name;
        s["EnabledDefault"] = CimValues.UInt(2);
        s["EnabledState"] = CimValues.UInt(5);
        s["HealthState"] = CimValues.UInt(spec.HealthState);
        s["IdentifyingDescriptions"] = CimValues.StringArray(_text.SwitchIdentifying);
        s["MaxIOVOffloads"] = CimValues.UInt(0);
        s["MaxVMQOffloads"] = CimValues.UInt(spec.Kind == SwitchKind.External ? 62u : 0u);
        s["Name"] = spec.Id.ToString("D").ToUpperInvariant();
        s["OperationalStatus"] = CimValues.UIntArray(healthy ? 2u : 6u);
        s["OtherIdentifyingInfo"] = CimValues.StringArray("{" + spec.Id.ToString("D").ToUpperInvariant() + "}");
        s["RequestedState"] = CimValues.UInt(12);
        s["ResetCapability"] = CimValues.UInt(5);
        s["Status"] = healthy ? "OK" : "Error";
        s["StatusDescriptions"] = CimValues.StringArray(healthy ? "OK" : "Error");
        return s;
    }

    public CimInstance ExternalPort(ExternalPortSpec port, bool bound)
    {
        var p = _ns.New("Msvm_ExternalEthernetPort");
        p["ActiveMaximumTransmissionUnit"] = CimValues.UInt(1500);
        p["AutoSense"] = CimValues.True;
        p["Caption"] = _text.PortCaption;
        p["CreationClassName"] = "Msvm_ExternalEthernetPort";
        p["Description"] = _text.PortDescription;
        p["DeviceID"] = "Microsoft:{" + port.Id.ToString("D").ToUpperInvariant() + "}";
        p["ElementName"] = port.Name;
        p["EnabledDefault"] = CimValues.UInt(2);
        p["EnabledState"] = CimValues.UInt(2);
        p["FullDuplex"] = CimValues.True;
        p["HealthState"] = CimValues.UInt(5);
        p["IsBound"] = CimValues.Bool(bound);
        p["LinkTechnology"] = CimValues.UInt(2);
        p["MaxDataSize"] = CimValues.UInt(1500);
        p["MaxSpeed"] = CimValues.UInt(port.Speed);
        p["Name"] = port.Name;
        p["OperationalStatus"] = CimValues.UIntArray(2);
        p["PermanentAddress"] = port.PermanentAddress;
        p["PortNumber"] = CimValues.UInt(0);
        p["PortType"] = CimValues.UInt(53);
        p["RequestedSpeed"] = CimValues.UInt(port.Speed);
        p["RequestedState"] = CimValues.UInt(12);
        p["Speed"] = CimValues.UInt(port.Speed);
        p["Status"] = "OK";
        p["StatusDescriptions"] = CimValues.StringArray("OK");
        p["SupportedMaximumTransmissionUnit"] = CimValues.UInt(1500);
        p["SystemCreationClassName"] = "Msvm_ComputerSystem";
        p["SystemName"] = _computerName;
        p["UsageRestriction"] = CimValues.UInt(4);
        return p;
    }

    /// <summary>The switch's own port to its adapter (external) or to the host (internal).</summary>
    public CimInstance SwitchPortSettings(SwitchSpec spec, string hostResourcePath, string portName)
    {
        var e = _ns.New("Msvm_EthernetPortAllocationSettingData");
        e["InstanceID"] = "Microsoft:" + spec.Id.ToString("D").ToUpperInvariant() + @"\" + StableGuid.UpperFrom($"{spec.Id:D}/{portName}");
        e["Caption"] = "Ethernet Switch Port Settings";
        e["Description"] = "Ethernet Switch Port Settings";
        e["ElementName"] = portName;
        e["ResourceType"] = CimValues.UInt(33);
        e["ResourceSubType"] = "Microsoft:Hyper-V:Ethernet Connection";
        e["PoolID"] = string.Empty;
        e["ConsumerVisibility"] = CimValues.UInt(3);
        e["HostResource"] = CimValues.StringArray(hostResourcePath);
        e["AutomaticAllocation"] = CimValues.True;
        e["AutomaticDeallocation"] = CimValues.True;
        e["EnabledState"] = CimValues.UInt(2);
        e["VirtualQuantityUnits"] = "count";
        e["Weight"] = CimValues.UInt(0);
        return e;
    }
}
