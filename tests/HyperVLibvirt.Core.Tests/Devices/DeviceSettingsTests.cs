using System.Text;
using HyperVLibvirt.Core.Devices;
using HyperVLibvirt.Core.DomainXml;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Tests.Devices;

/// <summary>
/// The embedded instances and Invoke bodies of a device attach, exactly as they go on the wire: the properties libvirt's
/// hypervDomainAttach* functions set, object paths with doubled backslashes, references as WS-Addressing EPRs.
/// </summary>
public sealed class DeviceSettingsTests
{
    private const string Controller = @"Microsoft:5B0F3C1E-2A44-4C77-9E0B-0A1B2C3D4E5F\D422512D-2BF2-4752-809D-7B82B5FCB1B4\0";
    private const string ControllerPath =
        @"\\HV01\root\virtualization\v2:Msvm_ResourceAllocationSettingData.InstanceID=""Microsoft:5B0F3C1E-2A44-4C77-9E0B-0A1B2C3D4E5F\\D422512D-2BF2-4752-809D-7B82B5FCB1B4\\0""";

    private static readonly RequestEnvelopeWriter Writer = new(new Uri("http://hv01.example.test:5985/wsman"), 512000, TimeSpan.FromSeconds(60), "en-US");

    private static string ServiceUri => WmiNamespace.ClassUri(WmiNamespace.V2, "Msvm_VirtualSystemManagementService");

    private static string Body(byte[] envelope)
    {
        var text = Encoding.UTF8.GetString(envelope);
        var start = text.IndexOf("<s:Body>", StringComparison.Ordinal) + "<s:Body>".Length;
        return text[start..text.IndexOf("</s:Body>", StringComparison.Ordinal)];
    }

    [Fact]
    public void Paths_double_backslashes_and_read_back_through_the_xml_side()
    {
        var path = DevicePaths.Setting("HV01", "Msvm_ResourceAllocationSettingData", Controller);
        Assert.Equal(ControllerPath, path);
        Assert.Equal(Controller, WmiPath.KeyValue(path, "InstanceID"));
        Assert.Equal(@"\\HV01\root\virtualization\v2:Msvm_VirtualEthernetSwitch.CreationClassName=""Msvm_VirtualEthernetSwitch"",Name=""AAAA""",
            DevicePaths.Switch("HV01", "AAAA"));
    }

    [Fact]
    public void A_hard_drive_is_a_synthetic_disk_drive_at_its_location_on_the_controller()
    {
        Assert.Equal(
            "<INSTANCE CLASSNAME=\"Msvm_ResourceAllocationSettingData\">"
            + "<PROPERTY NAME=\"Parent\" TYPE=\"string\"><VALUE>" + ControllerPath + "</VALUE></PROPERTY>"
            + "<PROPERTY NAME=\"AddressOnParent\" TYPE=\"string\"><VALUE>3</VALUE></PROPERTY>"
            + "<PROPERTY NAME=\"ResourceType\" TYPE=\"uint16\"><VALUE>17</VALUE></PROPERTY>"
            + "<PROPERTY NAME=\"ResourceSubType\" TYPE=\"string\"><VALUE>Microsoft:Hyper-V:Synthetic Disk Drive</VALUE></PROPERTY>"
            + "</INSTANCE>",
            DeviceSettings.Drive(DiskKind.VirtualHardDisk, ControllerPath, 3).ToCimXml());
    }

    [Fact]
    public void Media_names_its_drive_and_the_image_in_host_resource()
    {
        var xml = DeviceSettings.Media(DiskKind.Dvd, "DRIVE", @"C:\ISO\x.iso").ToCimXml();
        Assert.Equal(
            "<INSTANCE CLASSNAME=\"Msvm_StorageAllocationSettingData\">"
            + "<PROPERTY NAME=\"Parent\" TYPE=\"string\"><VALUE>DRIVE</VALUE></PROPERTY>"
            + "<PROPERTY.ARRAY NAME=\"HostResource\" TYPE=\"string\"><VALUE.ARRAY><VALUE>C:\\ISO\\x.iso</VALUE></VALUE.ARRAY></PROPERTY.ARRAY>"
            + "<PROPERTY NAME=\"ResourceType\" TYPE=\"uint16\"><VALUE>31</VALUE></PROPERTY>"
            + "<PROPERTY NAME=\"ResourceSubType\" TYPE=\"string\"><VALUE>Microsoft:Hyper-V:Virtual CD/DVD Disk</VALUE></PROPERTY>"
            + "</INSTANCE>",
            xml);
        Assert.Contains("Microsoft:Hyper-V:Virtual Hard Disk", DeviceSettings.Media(DiskKind.VirtualHardDisk, "D", "a").ToCimXml(), StringComparison.Ordinal);
        Assert.Contains("Microsoft:Hyper-V:Virtual Floppy Disk", DeviceSettings.Media(DiskKind.Floppy, "D", "a").ToCimXml(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_adapter_with_a_mac_is_static_and_one_without_leaves_the_address_to_hyper_v()
    {
        var id = Guid.Parse("0F0E0D0C-0B0A-4908-8706-050403020100");
        Assert.Equal(
            "<INSTANCE CLASSNAME=\"Msvm_SyntheticEthernetPortSettingData\">"
            + "<PROPERTY NAME=\"ResourceType\" TYPE=\"uint16\"><VALUE>10</VALUE></PROPERTY>"
            + "<PROPERTY NAME=\"ResourceSubType\" TYPE=\"string\"><VALUE>Microsoft:Hyper-V:Synthetic Ethernet Port</VALUE></PROPERTY>"
            + "<PROPERTY NAME=\"ElementName\" TYPE=\"string\"><VALUE>Network Adapter</VALUE></PROPERTY>"
            + "<PROPERTY.ARRAY NAME=\"VirtualSystemIdentifiers\" TYPE=\"string\"><VALUE.ARRAY><VALUE>{0f0e0d0c-0b0a-4908-8706-050403020100}</VALUE></VALUE.ARRAY></PROPERTY.ARRAY>"
            + "<PROPERTY NAME=\"StaticMacAddress\" TYPE=\"boolean\"><VALUE>true</VALUE></PROPERTY>"
            + "<PROPERTY NAME=\"Address\" TYPE=\"string\"><VALUE>00155D012A0B</VALUE></PROPERTY>"
            + "</INSTANCE>",
            DeviceSettings.EthernetPort(id, "00155D012A0B").ToCimXml());
        var dynamic = DeviceSettings.EthernetPort(id, null);
        Assert.DoesNotContain(dynamic.Properties, p => p.Name is "Address" or "StaticMacAddress");
    }

    [Fact]
    public void The_connection_names_the_port_and_the_switch()
    {
        var connection = DeviceSettings.EthernetConnection("PORT", "SWITCH");
        Assert.Equal(
            [("EnabledState", "2"), ("HostResource", "SWITCH"), ("Parent", "PORT"), ("ResourceType", "33"), ("ResourceSubType", "Microsoft:Hyper-V:Ethernet Connection")],
            connection.Properties.Select(p => (p.Name, p.Values[0])));
        Assert.Equal("Msvm_EthernetPortAllocationSettingData", connection.ClassName);
    }

    [Fact]
    public void A_serial_port_changes_only_its_connection_and_empty_disconnects()
    {
        Assert.Equal(
            "<INSTANCE CLASSNAME=\"Msvm_SerialPortSettingData\">"
            + "<PROPERTY NAME=\"InstanceID\" TYPE=\"string\"><VALUE>COM-ID</VALUE></PROPERTY>"
            + "<PROPERTY.ARRAY NAME=\"Connection\" TYPE=\"string\"><VALUE.ARRAY><VALUE>\\\\.\\pipe\\p</VALUE></VALUE.ARRAY></PROPERTY.ARRAY>"
            + "</INSTANCE>",
            DeviceSettings.SerialConnection("Msvm_SerialPortSettingData", "COM-ID", @"\\.\pipe\p").ToCimXml());
        Assert.Equal([string.Empty], DeviceSettings.SerialConnection("Msvm_SerialPortSettingData", "COM-ID", null).Properties[1].Values);
    }

    [Fact]
    public void Add_resource_settings_sends_the_affected_configuration_as_a_reference_and_the_setting_in_cdata()
    {
        var affected = new EndpointReference(WmiNamespace.ClassUri(WmiNamespace.V2, "Msvm_VirtualSystemSettingData"),
            [new("InstanceID", "Microsoft:5B0F3C1E-2A44-4C77-9E0B-0A1B2C3D4E5F")]);
        var body = Body(Writer.Invoke(ServiceUri, "AddResourceSettings", [new("CreationClassName", "Msvm_VirtualSystemManagementService")],
            [new("AffectedConfiguration", affected), new("ResourceSettings", new[] { DeviceSettings.ScsiController() })]));
        Assert.Equal(
            "<p:AddResourceSettings_INPUT xmlns:p=\"" + ServiceUri + "\">"
            + "<p:AffectedConfiguration><a:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address>"
            + "<a:ReferenceParameters><w:ResourceURI>" + WmiNamespace.ClassUri(WmiNamespace.V2, "Msvm_VirtualSystemSettingData") + "</w:ResourceURI>"
            + "<w:SelectorSet><w:Selector Name=\"InstanceID\">Microsoft:5B0F3C1E-2A44-4C77-9E0B-0A1B2C3D4E5F</w:Selector></w:SelectorSet></a:ReferenceParameters></p:AffectedConfiguration>"
            + "<p:ResourceSettings><![CDATA[<INSTANCE CLASSNAME=\"Msvm_ResourceAllocationSettingData\">"
            + "<PROPERTY NAME=\"ResourceType\" TYPE=\"uint16\"><VALUE>6</VALUE></PROPERTY>"
            + "<PROPERTY NAME=\"ResourceSubType\" TYPE=\"string\"><VALUE>Microsoft:Hyper-V:Synthetic SCSI Controller</VALUE></PROPERTY>"
            + "</INSTANCE>]]></p:ResourceSettings>"
            + "</p:AddResourceSettings_INPUT>",
            body);
    }

    [Fact]
    public void Remove_resource_settings_sends_an_array_of_references()
    {
        var drive = new EndpointReference(WmiNamespace.ClassUri(WmiNamespace.V2, "Msvm_ResourceAllocationSettingData"), [new("InstanceID", Controller + @"\3\D")]);
        var body = Body(Writer.Invoke(ServiceUri, "RemoveResourceSettings", [], [new("ResourceSettings", new[] { drive })]));
        Assert.Equal(
            "<p:RemoveResourceSettings_INPUT xmlns:p=\"" + ServiceUri + "\">"
            + "<p:ResourceSettings><a:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address>"
            + "<a:ReferenceParameters><w:ResourceURI>" + WmiNamespace.ClassUri(WmiNamespace.V2, "Msvm_ResourceAllocationSettingData") + "</w:ResourceURI>"
            + "<w:SelectorSet><w:Selector Name=\"InstanceID\">" + Controller + @"\3\D" + "</w:Selector></w:SelectorSet></a:ReferenceParameters></p:ResourceSettings>"
            + "</p:RemoveResourceSettings_INPUT>",
            body);
    }
}
