using HyperVLibvirt.Core.DomainXml;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Tests.HyperV;
using HyperVLibvirt.Core.WsMan;
using static HyperVLibvirt.Core.Tests.DomainXml.DeviceCim;

namespace HyperVLibvirt.Core.Tests.DomainXml;

/// <summary>One VM with every kind of device libvirt reads, mapped and formatted as virsh dumpxml prints it.</summary>
public class DomainDefinitionTests
{
    private static readonly Guid Vm = Guid.Parse("6d1b1c8e-58a3-4f0b-b0c5-27e4d2e1a3f9");
    private static readonly string Owner = "Microsoft:" + Vm.ToString().ToUpperInvariant();
    private static readonly string Ide = Owner + @"\83F8638B-8DCA-4152-9EDA-2CA8B33039B4";
    private static readonly string Scsi = Owner + @"\7A8D3C1E-52B4-4E8F-9A0C-3F6B2D1E4C5A";
    private static readonly string Floppy = Owner + @"\0C1A2B3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D";
    private const string LunDevice = @"Microsoft:5BB2A3DC-AB54-4C5B-9C8E-A6A1A9D2C3E4\1";
    private const string SwitchName = "C08CB7B8-9B3C-408E-8E30-5E16A3AEB444";

    private static DomainRecord Record(ushort state = 2, uint? processId = 4242) =>
        DomainRecord.FromComputerSystem(Cim.ComputerSystem(Vm.ToString().ToUpperInvariant(), "web01", state, processId));

    private static CimObject Vssd(params string[] notes) => GenerationVssd("Microsoft:Hyper-V:SubType:1", notes);

    private static CimObject GenerationVssd(string? subType, params string[] notes) =>
        Object("Msvm_VirtualSystemSettingData",
            ("InstanceID", Owner),
            ("Notes", notes),
            ("VirtualSystemIdentifier", Vm.ToString().ToUpperInvariant()),
            ("VirtualSystemSubType", subType),
            ("VirtualSystemType", SettingsQuery.RealizedSystemType));

    private static List<CimObject> ResourceSettings() =>
    [
        Rasd(Ide + @"\0", ResourceTypes.IdeController, "Microsoft:Hyper-V:Emulated IDE Controller", address: "0"),
        Rasd(Ide + @"\1", ResourceTypes.IdeController, "Microsoft:Hyper-V:Emulated IDE Controller", address: "1"),
        Rasd(Scsi, ResourceTypes.ParallelScsiHba, "Microsoft:Hyper-V:Synthetic SCSI Controller"),
        Rasd(Ide + @"\0\0\D", ResourceTypes.DiskDrive, "Microsoft:Hyper-V:Synthetic Disk Drive", parent: Ide + @"\0", addressOnParent: "0"),
        Rasd(Ide + @"\1\0\D", ResourceTypes.DvdDrive, "Microsoft:Hyper-V:Synthetic DVD Drive", parent: Ide + @"\1", addressOnParent: "0"),
        Rasd(Scsi + @"\0\1\D", ResourceTypes.DiskDrive, "Microsoft:Hyper-V:Synthetic Disk Drive", parent: Scsi, addressOnParent: "1"),
        // A pass-through LUN on SCSI unit 2, and an empty one that libvirt skips.
        Rasd(Scsi + @"\0\2\D", ResourceTypes.DiskDrive, "Microsoft:Hyper-V:Physical Disk Drive", parent: Scsi, addressOnParent: "2",
            hostResource: [$@"\\{Host}\root\virtualization\v2:Msvm_DiskDrive.CreationClassName=""Msvm_DiskDrive"",DeviceID=""{LunDevice.Replace(@"\", @"\\")}"",SystemCreationClassName=""Msvm_ComputerSystem"",SystemName=""{Host}"""]),
        Rasd(Scsi + @"\0\3\D", ResourceTypes.DiskDrive, "Microsoft:Hyper-V:Physical Disk Drive", parent: Scsi, addressOnParent: "3",
            hostResource: [$@"\\{Host}\root\virtualization\v2:Msvm_DiskDrive.DeviceID=""Microsoft:NODRIVE"""]),
        Rasd(Floppy, ResourceTypes.Other, "Microsoft:Hyper-V:Virtual Floppy Controller"),
        Rasd(Floppy + @"\0", ResourceTypes.DisketteDrive, "Microsoft:Hyper-V:Synthetic Diskette Drive", parent: Floppy, addressOnParent: "0"),
    ];

    private static List<CimObject> StorageSettings() =>
    [
        Sasd(Ide + @"\0\0\L", Ide + @"\0\0\D", @"C:\VMs\web01\os.vhdx"),
        Sasd(Ide + @"\1\0\L", Ide + @"\1\0\D", @"D:\ISO\setup's disk.iso", ResourceTypes.VirtualCdDvdDisk),
        Sasd(Scsi + @"\0\1\L", Scsi + @"\0\1\D", @"C:\VMs\web01\data.vhd"),
        Sasd(Floppy + @"\0\L", Floppy + @"\0", @"C:\VMs\boot.vfd", "Microsoft:Hyper-V:Virtual Floppy Disk"),
    ];

    private static DomainSettings Settings(DomainRecord? record = null, CimObject? vssd = null) => new()
    {
        Domain = record ?? Record(),
        SystemSettings = vssd ?? Vssd("Web front end", "Owner: ops & <web>"),
        Processor = Cim.Processor(Owner, 4),
        Memory = Cim.Memory(Owner, 2048, 1048576),
        ResourceSettings = ResourceSettings(),
        StorageSettings = StorageSettings(),
        SerialPortSettings =
        [
            Object("Msvm_SerialPortSettingData", ("Connection", new[] { @"\\.\pipe\web01-com1" }), ("ElementName", "COM 1"),
                ("InstanceID", Owner + @"\A4E1B2C3\0"), ("ResourceType", "21")),
            Object("Msvm_SerialPortSettingData", ("Connection", null), ("ElementName", "COM 2"),
                ("InstanceID", Owner + @"\A4E1B2C3\1"), ("ResourceType", "21")),
        ],
        PortAllocations =
        [
            Object("Msvm_EthernetPortAllocationSettingData", ("EnabledState", "2"),
                ("HostResource", new[] { $@"\\{Host}\root\virtualization\v2:Msvm_VirtualEthernetSwitch.CreationClassName=""Msvm_VirtualEthernetSwitch"",Name=""{SwitchName}""" }),
                ("InstanceID", Owner + @"\D6A1E0C2-2F3B-4C8D-9E1F-0A2B3C4D5E6F\C"),
                ("Parent", $@"\\{Host}\root\virtualization\v2:Msvm_SyntheticEthernetPortSettingData.InstanceID=""{(Owner + @"\D6A1E0C2-2F3B-4C8D-9E1F-0A2B3C4D5E6F").Replace(@"\", @"\\")}""")),
            // Disabled: libvirt leaves it out.
            Object("Msvm_EthernetPortAllocationSettingData", ("EnabledState", "3"),
                ("HostResource", new[] { "whatever" }), ("InstanceID", Owner + @"\E0\C"), ("Parent", null)),
        ],
        EthernetPortSettings =
        [
            Object("Msvm_SyntheticEthernetPortSettingData", ("Address", "00155D012A0B"), ("ElementName", "Network Adapter"),
                ("InstanceID", Owner + @"\D6A1E0C2-2F3B-4C8D-9E1F-0A2B3C4D5E6F")),
        ],
        Switches = [Object("Msvm_VirtualEthernetSwitch", ("ElementName", "External"), ("Name", SwitchName))],
        HostDiskDrives = [Object("Msvm_DiskDrive", ("DeviceID", LunDevice), ("DriveNumber", "2"))],
    };

    private const string Expected = """
        <domain type='hyperv' id='4242'>
          <name>web01</name>
          <uuid>6d1b1c8e-58a3-4f0b-b0c5-27e4d2e1a3f9</uuid>
          <description>Web front end

        Owner: ops &amp; &lt;web&gt;</description>
          <maxMemory slots='0' unit='KiB'>1073741824</maxMemory>
          <memory unit='KiB'>2097152</memory>
          <currentMemory unit='KiB'>2097152</currentMemory>
          <vcpu placement='static'>4</vcpu>
          <os>
            <type>hvm</type>
          </os>
          <clock offset='utc'/>
          <on_poweroff>destroy</on_poweroff>
          <on_reboot>destroy</on_reboot>
          <on_crash>destroy</on_crash>
          <devices>
            <disk type='block' device='disk'>
              <source dev='2'/>
              <target dev='sdc' bus='scsi'/>
              <address type='drive' controller='0' bus='0' target='0' unit='2'/>
            </disk>
            <disk type='file' device='disk'>
              <source file='C:\VMs\web01\os.vhdx'/>
              <target dev='hda' bus='ide'/>
              <address type='drive' controller='0' bus='0' target='0' unit='0'/>
            </disk>
            <disk type='file' device='cdrom'>
              <source file='D:\ISO\setup&apos;s disk.iso'/>
              <target dev='hdc' bus='ide'/>
              <address type='drive' controller='0' bus='1' target='0' unit='0'/>
            </disk>
            <disk type='file' device='disk'>
              <source file='C:\VMs\web01\data.vhd'/>
              <target dev='sdb' bus='scsi'/>
              <address type='drive' controller='0' bus='0' target='0' unit='1'/>
            </disk>
            <disk type='file' device='floppy'>
              <source file='C:\VMs\boot.vfd'/>
              <target dev='fda' bus='fdc'/>
              <address type='drive' controller='0' bus='0' target='0' unit='0'/>
            </disk>
            <controller type='ide' index='0'/>
            <controller type='scsi' index='0'/>
            <interface type='bridge'>
              <mac address='00:15:5d:01:2a:0b'/>
              <source bridge='C08CB7B8-9B3C-408E-8E30-5E16A3AEB444'/>
            </interface>
            <serial type='pipe'>
              <source path='\\.\pipe\web01-com1'/>
              <target port='1'/>
            </serial>
            <serial type='pipe'>
              <source path='-1'/>
              <target port='2'/>
            </serial>
          </devices>
        </domain>

        """;

    [Fact]
    public void Formats_every_device_kind_as_virsh_dumpxml_prints_it()
    {
        var xml = DomainXmlFormatter.Format(DomainDefinitionBuilder.Build(Settings()));

        Assert.Equal(Expected.ReplaceLineEndings("\n"), xml);
    }

    [Fact]
    public void Text_is_well_formed_xml_with_the_values_in_place()
    {
        var doc = new System.Xml.XmlDocument();
        doc.LoadXml(DomainXmlFormatter.Format(DomainDefinitionBuilder.Build(Settings())));

        Assert.Equal("Web front end\n\nOwner: ops & <web>", doc.SelectSingleNode("/domain/description")!.InnerText);
        Assert.Equal(@"D:\ISO\setup's disk.iso", doc.SelectSingleNode("/domain/devices/disk[@device='cdrom']/source/@file")!.Value);
    }

    [Fact]
    public void An_inactive_domain_has_no_id()
    {
        var xml = DomainXmlFormatter.Format(DomainDefinitionBuilder.Build(Settings(Record(state: 3, processId: null))));

        Assert.StartsWith("<domain type='hyperv'>\n", xml);
    }

    [Fact]
    public void Inactive_formatting_leaves_out_a_running_domains_id()
    {
        var xml = DomainXmlFormatter.Format(DomainDefinitionBuilder.Build(Settings()), inactive: true);

        Assert.StartsWith("<domain type='hyperv'>\n  <name>web01</name>\n", xml);
        Assert.Equal(Expected.ReplaceLineEndings("\n").Replace(" id='4242'", ""), xml);
    }

    [Theory]
    [InlineData(new string[0], null)]
    [InlineData(new[] { "" }, null)]
    [InlineData(new[] { "one" }, "one")]
    [InlineData(new[] { "", "two" }, "two")]
    [InlineData(new[] { "one", "", "three" }, "one\n\n\n\nthree")]
    public void Joins_notes_as_libvirt_does(string[] notes, string? expected) =>
        Assert.Equal(expected, DomainDefinitionBuilder.Description(Vssd(notes)));

    [Fact]
    public void A_generation_2_domain_has_efi_firmware()
    {
        var xml = DomainXmlFormatter.Format(DomainDefinitionBuilder.Build(Settings(vssd: GenerationVssd("Microsoft:Hyper-V:SubType:2"))));

        Assert.Contains("  <os firmware='efi'>\n    <type>hvm</type>\n  </os>\n", xml);
    }

    [Theory]
    [InlineData("Microsoft:Hyper-V:SubType:1", 1)]
    [InlineData("Microsoft:Hyper-V:SubType:2", 2)]
    [InlineData(null, 1)]
    public void The_generation_comes_from_the_subtype_and_defaults_to_1(string? subType, int generation) =>
        Assert.Equal(generation, DomainDefinitionBuilder.Generation(GenerationVssd(subType)));

    [Fact]
    public void No_description_element_without_notes()
    {
        var xml = DomainXmlFormatter.Format(DomainDefinitionBuilder.Build(Settings(vssd: Vssd())));

        Assert.DoesNotContain("<description>", xml);
    }

    [Fact]
    public void Serial_ports_come_from_the_rasds_on_a_6x_host()
    {
        var settings = Settings() with
        {
            SerialPortsInResourceSettings = true,
            ResourceSettings = [.. ResourceSettings(),
                Rasd(Owner + @"\S\0", ResourceTypes.SerialPort, "Microsoft:Hyper-V:Serial Port", elementName: "COM 2", connection: [@"\\.\pipe\legacy"])],
        };

        var serial = Assert.Single(DomainDefinitionBuilder.Build(settings).Serials);

        Assert.Equal(new SerialDefinition(2, @"\\.\pipe\legacy"), serial);
    }

    [Fact]
    public void A_drive_pointing_to_a_parent_the_host_did_not_return_fails_that_domain_with_libvirts_words()
    {
        var settings = Settings() with { StorageSettings = [Sasd(Owner + @"\X\L", Owner + @"\missing\D", @"C:\x.vhdx")] };

        var error = Assert.Throws<DomainXmlException>(() => DomainDefinitionBuilder.Build(settings));

        Assert.Contains("web01", error.Message);
        Assert.Contains("Failed to locate parent device with ID", error.Message);
    }

    [Fact]
    public void A_lun_whose_host_disk_is_gone_fails_as_libvirt_does()
    {
        var error = Assert.Throws<DomainXmlException>(() => DomainDefinitionBuilder.Build(Settings() with { HostDiskDrives = [] }));

        Assert.Contains("Could not find Msvm_DiskDrive object", error.Message);
    }

    [Fact]
    public void A_connected_adapter_on_an_unknown_switch_fails()
    {
        var error = Assert.Throws<DomainXmlException>(() => DomainDefinitionBuilder.Build(Settings() with { Switches = [] }));

        Assert.Contains("Could not retrieve virtual switch", error.Message);
    }

    [Fact]
    public void Missing_memory_settings_are_named()
    {
        var error = Assert.Throws<DomainXmlException>(() => DomainDefinitionBuilder.Build(Settings() with { Memory = null }));

        Assert.Contains("Msvm_MemorySettingData", error.Message);
    }

    [Fact]
    public void An_ide_lun_is_named_with_four_units_per_channel_as_libvirt_names_it()
    {
        var lun = Rasd(Ide + @"\1\1\D", ResourceTypes.DiskDrive, "Microsoft:Hyper-V:Physical Disk Drive", parent: Ide + @"\1", addressOnParent: "1",
            hostResource: [$@"\\{Host}\root\virtualization\v2:Msvm_DiskDrive.DeviceID=""{LunDevice.Replace(@"\", @"\\")}"""]);
        var settings = Settings() with { ResourceSettings = [.. ResourceSettings().Take(3), lun], StorageSettings = [] };

        var disk = Assert.Single(DomainDefinitionBuilder.Build(settings).Disks);

        Assert.Equal(("hdf", "ide", new DriveAddress(0, 1, 0, 1)), (disk.Target, disk.Bus, disk.Address));
    }

    [Theory]
    [InlineData("00155D012A0B", "00:15:5d:01:2a:0b")]
    [InlineData("00155d012a0b", "00:15:5d:01:2a:0b")]
    [InlineData("00155D012A0", null)]
    [InlineData("00155D012A0G", null)]
    [InlineData(null, null)]
    public void Formats_mac_addresses_as_libvirt(string? address, string? expected) =>
        Assert.Equal(expected, NetworkInterfaces.FormatMac(address));
}
