using HyperVLibvirt.Core.Definition;
using HyperVLibvirt.Core.Devices;

namespace HyperVLibvirt.Core.Tests.Definition;

public class DomainXmlReaderTests
{
    // What Get-HvDomainXml writes for a generation 2 VM with a disk, a DVD, a pipe on COM 1 and a connected adapter.
    private const string Dumped = """
        <domain type='hyperv' id='1004'>
          <name>web01</name>
          <uuid>8286d046-9740-43e4-95cf-ff46699c73c4</uuid>
          <description>Web front end

        Owner: ops &amp; &lt;web&gt;</description>
          <maxMemory slots='0' unit='KiB'>2097152</maxMemory>
          <memory unit='KiB'>1048576</memory>
          <currentMemory unit='KiB'>1048576</currentMemory>
          <vcpu placement='static'>4</vcpu>
          <os firmware='efi'>
            <type>hvm</type>
          </os>
          <clock offset='utc'/>
          <on_poweroff>destroy</on_poweroff>
          <on_reboot>destroy</on_reboot>
          <on_crash>destroy</on_crash>
          <devices>
            <disk type='file' device='disk'>
              <source file='C:\VMs\web01.vhdx'/>
              <target dev='sda' bus='scsi'/>
              <address type='drive' controller='0' bus='0' target='0' unit='0'/>
            </disk>
            <disk type='file' device='cdrom'>
              <source file='C:\ISO\setup.iso'/>
              <target dev='sdb' bus='scsi'/>
              <address type='drive' controller='0' bus='0' target='0' unit='1'/>
            </disk>
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
              <source path=''/>
              <target port='2'/>
            </serial>
          </devices>
        </domain>
        """;

    private static string Minimal(string inner, string os = "<os><type>hvm</type></os>") =>
        $"<domain type='hyperv'><name>a</name><memory unit='MiB'>512</memory>{os}{inner}</domain>";

    private static DefinitionXmlException Refused(string xml) => Assert.Throws<DefinitionXmlException>(() => DomainXmlReader.Read(xml));

    [Fact]
    public void Reads_what_dumpxml_writes()
    {
        var spec = DomainXmlReader.Read(Dumped);

        Assert.Equal("web01", spec.Name);
        Assert.Equal(Guid.Parse("8286d046-9740-43e4-95cf-ff46699c73c4"), spec.Uuid);
        Assert.Equal("Web front end\n\nOwner: ops & <web>", spec.Description);
        Assert.Equal(2, spec.Generation);
        Assert.Equal(1024UL * 1024 * 1024, spec.MemoryBytes);
        Assert.Equal(2048UL * 1024 * 1024, spec.MaxMemoryBytes);
        Assert.Equal(4, spec.VcpuCount);
        Assert.Collection(spec.Devices,
            d => Assert.Equal(new DiskSpec { Kind = DiskKind.VirtualHardDisk, Path = @"C:\VMs\web01.vhdx", Bus = DiskBus.Scsi, Controller = 0, Location = 0 }, d),
            d => Assert.Equal(new DiskSpec { Kind = DiskKind.Dvd, Path = @"C:\ISO\setup.iso", Bus = DiskBus.Scsi, Controller = 0, Location = 1 }, d),
            d => Assert.IsType<ScsiControllerSpec>(d),
            d => Assert.Equal(new NetworkAdapterSpec { Switch = "C08CB7B8-9B3C-408E-8E30-5E16A3AEB444", MacAddress = "00155D012A0B" }, d),
            // COM 2 without a pipe is what a new domain has: nothing to attach.
            d => Assert.Equal(new SerialPortSpec { Port = 1, PipePath = @"\\.\pipe\web01-com1" }, d));
    }

    [Fact]
    public void A_bare_os_is_generation_1_and_a_loader_generation_2()
    {
        Assert.Equal(1, DomainXmlReader.Read(Minimal("")).Generation);
        Assert.Equal(1, DomainXmlReader.Read(Minimal("", "<os firmware='bios'><type>hvm</type></os>")).Generation);
        Assert.Equal(2, DomainXmlReader.Read(Minimal("", "<os><type arch='x86_64'>hvm</type><loader readonly='yes' type='pflash'>OVMF.fd</loader></os>")).Generation);
    }

    [Fact]
    public void A_generation_1_domain_keeps_its_ide_controller_and_ide_disks()
    {
        var spec = DomainXmlReader.Read(Minimal(
            "<devices><disk type='file' device='disk'><source file='C:\\a.vhdx'/><target dev='hda' bus='ide'/></disk><controller type='ide' index='0'/></devices>"));

        var disk = Assert.IsType<DiskSpec>(Assert.Single(spec.Devices));
        Assert.Equal((DiskBus.Ide, 0, 0), (disk.Bus!.Value, disk.Controller!.Value, disk.Location!.Value));
    }

    [Theory]
    [InlineData("<controller type='ide' index='0'/>", "<controller type='ide' index='0'>")]
    [InlineData("<disk type='file' device='disk'><source file='C:\\a.vhdx'/><target dev='hda' bus='ide'/></disk>", "<disk type='file' device='disk'>")]
    [InlineData("<disk type='file' device='floppy'><source file='C:\\a.vfd'/><target dev='fda' bus='fdc'/></disk>", "<disk type='file' device='floppy'>")]
    public void A_generation_2_domain_refuses_ide_and_floppy(string device, string element)
    {
        var error = Refused(Minimal($"<devices>{device}</devices>", "<os firmware='efi'><type>hvm</type></os>"));

        Assert.Equal(element, error.Element);
        Assert.Contains("generation 2", error.Message);
    }

    [Theory]
    [InlineData(null, 1024UL)]
    [InlineData("b", 1UL)]
    [InlineData("bytes", 1UL)]
    [InlineData("k", 1024UL)]
    [InlineData("KiB", 1024UL)]
    [InlineData("KB", 1000UL)]
    [InlineData("M", 1048576UL)]
    [InlineData("MB", 1000000UL)]
    [InlineData("GiB", 1073741824UL)]
    [InlineData("TB", 1000000000000UL)]
    [InlineData("parsecs", null)]
    [InlineData("KiBs", null)]
    public void Units_scale_as_libvirt_scales_them(string? unit, ulong? scale) =>
        Assert.Equal(scale, DomainXmlReader.Scale(unit));

    [Fact]
    public void Startup_memory_is_current_memory_else_memory()
    {
        Assert.Equal(512UL << 20, DomainXmlReader.Read(Minimal("")).MemoryBytes);
        var spec = DomainXmlReader.Read("<domain type='hyperv'><name>a</name><memory unit='GiB'>4</memory><currentMemory unit='GiB'>2</currentMemory></domain>");
        Assert.Equal(2UL << 30, spec.MemoryBytes);
        Assert.Null(spec.MaxMemoryBytes);
        Assert.Null(spec.VcpuCount);
        Assert.Null(spec.Uuid);
    }

    [Theory]
    [InlineData("<domain type='kvm'><name>a</name></domain>", "<domain type='kvm'>")]
    [InlineData("<domain type='hyperv'><name>a</name><cpu mode='host-passthrough'/></domain>", "<cpu mode='host-passthrough'>")]
    [InlineData("<domain type='hyperv'><name>a</name><title>t</title></domain>", "<title>")]
    [InlineData("<domain type='hyperv'><name>a</name><vcpu current='2'>4</vcpu></domain>", "<vcpu current='2'>")]
    [InlineData("<domain type='hyperv'><name>a</name><vcpu cpuset='1-3'>4</vcpu></domain>", "<vcpu cpuset='1-3'>")]
    [InlineData("<domain type='hyperv'><name>a</name><memory unit='MiB'>16</memory></domain>", "<memory unit='MiB'>")]
    [InlineData("<domain type='hyperv'><name>a</name><memory unit='lightyears'>1</memory></domain>", "<memory unit='lightyears'>")]
    [InlineData("<domain type='hyperv'><name>a</name><memory>-5</memory></domain>", "<memory>")]
    [InlineData("<domain type='hyperv'><name>a</name><memory unit='EiB'>99</memory></domain>", "<memory unit='EiB'>")]
    [InlineData("<domain type='hyperv'><name>a</name><memory unit='GiB'>2</memory><currentMemory unit='GiB'>3</currentMemory></domain>", "<currentMemory>")]
    [InlineData("<domain type='hyperv'><name>a</name><maxMemory unit='GiB'>1</maxMemory><memory unit='GiB'>2</memory></domain>", "<maxMemory>")]
    [InlineData("<domain type='hyperv'><name>a</name><os><type>hvm</type><boot dev='cdrom'/></os></domain>", "<boot dev='cdrom'>")]
    [InlineData("<domain type='hyperv'><name>a</name><os firmware='efi'><type arch='aarch64'>hvm</type></os></domain>", "<type arch='aarch64'>")]
    [InlineData("<domain type='hyperv'><name>a</name><features><acpi/><hyperv mode='custom'/></features></domain>", "<hyperv mode='custom'>")]
    [InlineData("<domain type='hyperv'><name>a</name><clock offset='localtime'/></domain>", "<clock offset='localtime'>")]
    [InlineData("<domain type='hyperv'><name>a</name><on_crash>coredump-restart</on_crash></domain>", "<on_crash>")]
    [InlineData("<domain type='hyperv'><name>a</name><uuid>not-a-uuid</uuid></domain>", "<uuid>")]
    [InlineData("<domain type='hyperv'><name>a</name><name>b</name></domain>", "<name>")]
    [InlineData("<domain type='hyperv'><uuid>8286d046-9740-43e4-95cf-ff46699c73c4</uuid></domain>", "<domain type='hyperv'>")]
    [InlineData("<domain type='hyperv'><name>a</name><devices><video><model type='vga'/></video></devices></domain>", "<video>")]
    [InlineData("<domain type='hyperv'><name>a</name><devices><interface type='network'><source network='default'/></interface></devices></domain>", "<interface type='network'>")]
    [InlineData("<domain type='hyperv'><name>a</name><devices><disk type='file' device='disk'><driver name='qemu'/><source file='C:\\a.vhdx'/></disk></devices></domain>", "<driver name='qemu'>")]
    public void Refuses_what_cannot_be_honoured_naming_the_element(string xml, string element)
    {
        var error = Refused(xml);

        Assert.Equal(element, error.Element);
        Assert.Contains(element, error.Message);
    }

    [Fact]
    public void A_refused_device_is_named_once_in_the_message() =>
        Assert.Equal("Cannot define the domain from its XML at <video>: libvirt's Hyper-V driver attaches <disk>, <controller type='scsi'>, <interface type='bridge'> and <serial type='pipe'> only.",
            Refused(Minimal("<devices><video/></devices>")).Message);

    [Fact]
    public void Refuses_a_dtd_before_reading_anything()
    {
        var error = Refused("<!DOCTYPE domain [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><domain type='hyperv'><name>&x;</name></domain>");

        Assert.Equal(string.Empty, error.Element);
        Assert.Contains("DTD", error.Message);
    }

    [Fact]
    public void Refuses_text_longer_than_the_bound()
    {
        var error = Refused(Minimal("<description>" + new string('x', (int)DomainXmlReader.MaxCharacters) + "</description>"));

        Assert.Contains("limited to", error.Message);
    }

    [Fact]
    public void Refuses_text_that_is_not_xml() =>
        Assert.Contains("not well-formed", Refused("<domain type='hyperv'><name>a</name>").Message);
}
