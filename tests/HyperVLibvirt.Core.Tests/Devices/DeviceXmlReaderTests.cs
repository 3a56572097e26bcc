using HyperVLibvirt.Core.Devices;

namespace HyperVLibvirt.Core.Tests.Devices;

/// <summary>libvirt's device XML as attach-device takes it and dumpxml writes it; what the driver cannot honour is refused by element.</summary>
public sealed class DeviceXmlReaderTests
{
    [Fact]
    public void Reads_a_scsi_image_disk_as_dumpxml_writes_it()
    {
        var spec = DeviceXmlReader.Read("""
            <disk type='file' device='disk'>
              <source file='C:\VMs\web01\data.vhdx'/>
              <target dev='sdb' bus='scsi'/>
              <address type='drive' controller='0' bus='0' target='0' unit='1'/>
            </disk>
            """);
        Assert.Equal(new DiskSpec { Kind = DiskKind.VirtualHardDisk, Path = @"C:\VMs\web01\data.vhdx", Bus = DiskBus.Scsi, Controller = 0, Location = 1 }, spec);
    }

    [Fact]
    public void Reads_an_ide_disk_channel_from_the_address_bus_as_dumpxml_writes_it()
    {
        var spec = (DiskSpec)DeviceXmlReader.Read("""
            <disk type='file' device='cdrom'><source file='C:\ISO\x.iso'/><target dev='hdc' bus='ide'/>
            <address type='drive' controller='0' bus='1' target='0' unit='0'/></disk>
            """);
        Assert.Equal((DiskKind.Dvd, DiskBus.Ide, 1, 0), (spec.Kind, spec.Bus!.Value, spec.Controller!.Value, spec.Location!.Value));
    }

    [Theory]
    [InlineData("hda", DiskBus.Ide, 0, 0)]
    [InlineData("hdb", DiskBus.Ide, 0, 1)]
    [InlineData("hdd", DiskBus.Ide, 1, 1)]
    [InlineData("sdc", DiskBus.Scsi, 0, 2)]
    [InlineData("sdbm", DiskBus.Scsi, 1, 0)]
    public void Places_a_disk_without_address_by_its_target_name_as_dumpxml_names_it(string dev, DiskBus bus, int controller, int location)
    {
        var spec = (DiskSpec)DeviceXmlReader.Read($"<disk type='file' device='disk'><source file='C:\\a.vhdx'/><target dev='{dev}'/></disk>");
        Assert.Equal((bus, controller, location), (spec.Bus!.Value, spec.Controller!.Value, spec.Location!.Value));
    }

    [Fact]
    public void Leaves_placement_open_without_target_or_address()
    {
        var spec = (DiskSpec)DeviceXmlReader.Read("<disk type='file' device='disk'><source file='C:\\a.vhdx'/></disk>");
        Assert.Null(spec.Bus);
        Assert.Null(spec.Controller);
        Assert.Null(spec.Location);
    }

    [Fact]
    public void Reads_an_empty_dvd_drive_and_a_floppy_and_a_pass_through_disk()
    {
        Assert.Equal(new DiskSpec { Kind = DiskKind.Dvd, Bus = DiskBus.Scsi, Controller = 0, Location = 3 },
            DeviceXmlReader.Read("<disk type='file' device='cdrom'><target dev='sdd' bus='scsi'/><readonly/></disk>"));
        Assert.Equal(new DiskSpec { Kind = DiskKind.Floppy, Path = @"C:\f.vfd", Bus = DiskBus.Fdc },
            DeviceXmlReader.Read("<disk type='file' device='floppy'><source file='C:\\f.vfd'/><target dev='fda' bus='fdc'/></disk>"));
        Assert.Equal(new DiskSpec { Kind = DiskKind.PassThroughDisk, HostDriveNumber = 2, Bus = DiskBus.Scsi, Controller = 0, Location = 0 },
            DeviceXmlReader.Read("<disk type='block' device='disk'><source dev='2'/><target dev='sda' bus='scsi'/></disk>"));
    }

    [Fact]
    public void Reads_a_scsi_controller_with_and_without_index()
    {
        Assert.Equal(new ScsiControllerSpec { Index = 1 }, DeviceXmlReader.Read("<controller type='scsi' index='1'/>"));
        Assert.Equal(new ScsiControllerSpec(), DeviceXmlReader.Read("<controller type='scsi' model='auto'/>"));
    }

    [Fact]
    public void Reads_an_interface_with_its_mac_in_hyper_v_form()
    {
        Assert.Equal(new NetworkAdapterSpec { Switch = "External", MacAddress = "00155D012A0B" },
            DeviceXmlReader.Read("<interface type='bridge'><mac address='00:15:5d:01:2a:0b'/><source bridge='External'/></interface>"));
        Assert.Equal(new NetworkAdapterSpec { Switch = "c5d5b2a6-3f1e-4a57-9a1c-2b0f5e8d7c10" },
            DeviceXmlReader.Read("<interface type='bridge'><source bridge='c5d5b2a6-3f1e-4a57-9a1c-2b0f5e8d7c10'/></interface>"));
    }

    [Fact]
    public void Reads_a_serial_pipe_and_a_disconnection()
    {
        Assert.Equal(new SerialPortSpec { Port = 2, PipePath = @"\\.\pipe\vm-com2" },
            DeviceXmlReader.Read(@"<serial type='pipe'><source path='\\.\pipe\vm-com2'/><target port='2'/></serial>"));
        Assert.Equal(new SerialPortSpec { Port = 1 },
            DeviceXmlReader.Read("<serial type='pipe'><source path='-1'/><target port='1'/></serial>"));
    }

    [Theory]
    [InlineData("<disk type='network' device='disk'><source protocol='nbd'/></disk>", "<disk type='network' device='disk'>")]
    [InlineData("<disk type='file' device='lun'><source file='x'/></disk>", "<disk type='file' device='lun'>")]
    [InlineData("<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='x'/></disk>", "<driver name='qemu' type='qcow2'>")]
    [InlineData("<disk type='file' device='disk'><source file='x'/><target dev='vda' bus='virtio'/></disk>", "<target dev='vda' bus='virtio'>")]
    [InlineData("<disk type='file' device='disk'><target dev='sda'/></disk>", "<disk type='file' device='disk'>")]
    [InlineData("<disk type='file' device='disk'><source file='x'/><readonly/></disk>", "<readonly>")]
    [InlineData("<disk type='file' device='disk'><source file='x'/><address type='pci' bus='0'/></disk>", "<address type='pci' bus='0'>")]
    [InlineData("<disk type='file' device='disk'><source file='x'/><target dev='hde'/></disk>", "<target dev='hde'>")]
    [InlineData("<disk type='file' device='disk'><source file='x'/><target dev='sda' bus='scsi'/><address type='drive' controller='4' bus='0' target='0' unit='0'/></disk>", "<address type='drive' controller='4' bus='0' target='0' unit='0'>")]
    [InlineData("<disk type='file' device='floppy'><source file='x'/><target dev='sda' bus='scsi'/></disk>", "<target dev='sda' bus='scsi'>")]
    [InlineData("<disk type='block' device='disk'><source dev='/dev/sdb'/></disk>", "<source dev='/dev/sdb'>")]
    [InlineData("<controller type='ide' index='0'/>", "<controller type='ide' index='0'>")]
    [InlineData("<controller type='scsi' model='virtio-scsi'/>", "<controller type='scsi' model='virtio-scsi'>")]
    [InlineData("<interface type='network'><source network='default'/></interface>", "<interface type='network'>")]
    [InlineData("<interface type='bridge'><source bridge='x'/><model type='virtio'/></interface>", "<model type='virtio'>")]
    [InlineData("<interface type='bridge'><mac address='01:00:5e:00:00:01'/><source bridge='x'/></interface>", "<mac address='01:00:5e:00:00:01'>")]
    [InlineData("<interface type='bridge'><mac address='00:15:5d:zz:00:01'/><source bridge='x'/></interface>", "<mac address='00:15:5d:zz:00:01'>")]
    [InlineData("<interface type='bridge'></interface>", "<interface type='bridge'>")]
    [InlineData("<serial type='pty'><target port='0'/></serial>", "<serial type='pty'>")]
    [InlineData("<serial type='pipe'><source path='\\\\.\\pipe\\a'/><target port='3'/></serial>", "<target port='3'>")]
    [InlineData("<serial type='pipe'><source path='C:\\temp\\a'/><target port='1'/></serial>", "<source path='C:\\temp\\a'>")]
    [InlineData("<video><model type='vga'/></video>", "<video>")]
    public void Refuses_what_the_driver_cannot_honour_naming_the_element(string xml, string element)
    {
        var ex = Assert.Throws<DeviceXmlException>(() => DeviceXmlReader.Read(xml));
        Assert.Equal(element, ex.Element);
        Assert.Contains(element, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_text_that_is_not_xml()
    {
        var ex = Assert.Throws<DeviceXmlException>(() => DeviceXmlReader.Read("<disk type='file'"));
        Assert.Contains("not well-formed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_dtd_and_text_longer_than_any_device()
    {
        var dtd = Assert.Throws<DeviceXmlException>(() => DeviceXmlReader.Read(
            "<!DOCTYPE disk [<!ENTITY a 'C:\\a.vhdx'>]><disk type='file' device='disk'><source file='&a;'/></disk>"));
        Assert.Contains("DTD", dtd.Message, StringComparison.Ordinal);
        var longText = "<serial type='pipe'><source path='-1'/><target port='1'/>" + new string(' ', DeviceXmlReader.MaxLength) + "</serial>";
        Assert.Contains("characters long", Assert.Throws<DeviceXmlException>(() => DeviceXmlReader.Read(longText)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:15:5D:01:02:03", "00155D010203")]
    [InlineData("00-15-5d-01-02-03", "00155D010203")]
    [InlineData("00155d010203", "00155D010203")]
    [InlineData("03155d010203", null)]
    [InlineData("00155d0102", null)]
    public void Parses_mac_addresses_as_hyper_v_writes_them(string text, string? expected) =>
        Assert.Equal(expected, DeviceXmlReader.ParseMac(text));
}
