using System.Net;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Definition;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.DomainXml;
using HyperVLibvirt.Core.Storage;
using HyperVLibvirt.Core.Uris;
using HyperVLibvirt.Core.WsMan;
using HyperVLibvirt.Simulator;

namespace HyperVLibvirt.Core.Tests.Definition;

/// <summary>Defines end to end against the in-process simulator: each result read back through the read side; every failure leaves no VM behind.</summary>
public sealed class DomainDefineSimulatorTests : IDisposable
{
    private const string User = "admin";
    private const string Password = "Sim-Define-5147!";
    private const string Inventory = """
        { "vms": [
          { "name": "web01", "state": "running", "vcpus": 2, "memoryMB": 2048 },
          { "name": "db01", "state": "off", "vcpus": 2, "memoryMB": 2048 }
        ] }
        """;

    private readonly string _inventoryPath = Path.Combine(Path.GetTempPath(), "hvl-define-" + Guid.NewGuid().ToString("N") + ".json");

    public DomainDefineSimulatorTests() => File.WriteAllText(_inventoryPath, Inventory);

    public void Dispose() => File.Delete(_inventoryPath);

    private async Task<(SimulatorServer Sim, HvConnection Connection)> StartAsync(string profile = "ws2019")
    {
        var options = new SimulatorOptions { HttpPort = 0 };
        options.Host.InventoryPath = _inventoryPath;
        options.Host.Profile = profile;
        options.Host.JobDuration = TimeSpan.FromMilliseconds(20);
        options.Accounts.Add(new SimulatorAccount(User, Password));
        var sim = await SimulatorServer.StartAsync(options);
        var uri = LibvirtUri.Parse($"hyperv://{User}@127.0.0.1:{sim.HttpEndpoint!.Port}/?transport=http");
        var connection = await HvConnection.OpenAsync(uri, new NetworkCredential(User, Password), new WsManSettings(), null, CancellationToken.None);
        return (sim, connection);
    }

    private static async Task<List<HvDomain>> DomainsAsync(HvConnection connection)
    {
        var domains = new List<HvDomain>();
        await foreach (var d in new DomainService(connection, null).GetDomainsAsync(new DomainFilter(), false))
        {
            domains.Add(d);
        }
        return domains;
    }

    private static async Task<string> XmlAsync(HvConnection connection, HvDomain domain)
    {
        await foreach (var result in new DomainXmlService(connection, null).GetAsync([domain], inactive: true))
        {
            return result.Xml ?? throw result.Error!;
        }
        throw new InvalidOperationException("no XML");
    }

    private static NewDomainSpec Spec(string xml) => DomainXmlReader.Read(xml);

    [Fact]
    public async Task A_generation_2_domain_reads_back_with_its_uuid_description_memory_and_vcpus()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        const string xml = """
            <domain type='hyperv'>
              <name>app01</name>
              <uuid>3f0e6c1a-8b7d-4e2f-9a1b-5c4d3e2f1a0b</uuid>
              <description>Application server</description>
              <maxMemory slots='0' unit='KiB'>4194304</maxMemory>
              <memory unit='KiB'>2097152</memory>
              <vcpu placement='static'>4</vcpu>
              <os firmware='efi'><type>hvm</type></os>
            </domain>
            """;

        var domain = await new DomainDefineService(connection, null).DefineAsync(Spec(xml), null, CancellationToken.None);

        Assert.Equal("app01", domain.Name);
        Assert.Equal(Guid.Parse("3f0e6c1a-8b7d-4e2f-9a1b-5c4d3e2f1a0b"), domain.Uuid);
        Assert.Equal("Shutoff", domain.State);
        var text = await XmlAsync(connection, domain);
        Assert.Contains("<uuid>3f0e6c1a-8b7d-4e2f-9a1b-5c4d3e2f1a0b</uuid>", text);
        Assert.Contains("<description>Application server</description>", text);
        Assert.Contains("<maxMemory slots='0' unit='KiB'>4194304</maxMemory>", text);
        Assert.Contains("<memory unit='KiB'>2097152</memory>", text);
        Assert.Contains("<vcpu placement='static'>4</vcpu>", text);
        Assert.Contains("<os firmware='efi'>", text);
    }

    [Fact]
    public async Task A_generation_1_domain_keeps_defaults_left_out_and_gets_its_ide_controller()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;

        var domain = await new DomainDefineService(connection, null).DefineAsync(new NewDomainSpec { Name = "plain" }, null, CancellationToken.None);

        var text = await XmlAsync(connection, domain);
        Assert.Contains("  <os>\n", text);
        Assert.Contains("<vcpu placement='static'>1</vcpu>", text);
        Assert.Contains("<memory unit='KiB'>1048576</memory>", text);
        Assert.Contains("<controller type='ide' index='0'/>", text);
        Assert.DoesNotContain("<description>", text);
    }

    [Fact]
    public async Task The_new_domain_is_the_one_define_system_made_even_when_its_name_exists()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var before = await DomainsAsync(connection);

        var domain = await new DomainDefineService(connection, null).DefineAsync(new NewDomainSpec { Name = "web01", VcpuCount = 3 }, null, CancellationToken.None);

        Assert.DoesNotContain(before, d => d.Uuid == domain.Uuid);
        Assert.Equal(3, domain.VCpus);
        // The existing web01 is untouched.
        var existing = Assert.Single(before, d => d.Name == "web01");
        Assert.Equal(2, (await new DomainService(connection, null).GetDomainAsync(existing.Uuid, true, CancellationToken.None))!.VCpus);
    }

    [Fact]
    public async Task An_existing_uuid_is_refused_before_anything_is_sent()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var existing = (await DomainsAsync(connection)).First(d => d.Name == "db01");

        var error = await Assert.ThrowsAsync<HvDefineException>(() =>
            new DomainDefineService(connection, null).DefineAsync(new NewDomainSpec { Name = "copy", Uuid = existing.Uuid }, null, CancellationToken.None));

        Assert.Equal(DefineFailure.DomainExists, error.Reason);
        Assert.Contains($"Domain already exists with UUID '{existing.Uuid:D}'", error.Message);
        Assert.Equal(2, (await DomainsAsync(connection)).Count);
    }

    [Fact]
    public async Task A_refused_setting_removes_the_new_domain_and_says_nothing_remains()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        // 2 TiB is above what the host's ModifyResourceSettings accepts (32773): DefineSystem works, the memory step fails.
        var spec = new NewDomainSpec { Name = "huge", MemoryBytes = 2UL << 40, VcpuCount = 2 };

        var error = await Assert.ThrowsAsync<HvDefineException>(() => new DomainDefineService(connection, null).DefineAsync(spec, null, CancellationToken.None));

        Assert.Equal(DefineFailure.DefineFailed, error.Reason);
        Assert.False(error.Remains);
        Assert.Contains("ModifyResourceSettings", error.Message);
        Assert.Contains("nothing remains", error.Message);
        Assert.NotNull(error.InnerException);
        Assert.Equal(["db01", "web01"], (await DomainsAsync(connection)).Select(d => d.Name).Order());
    }

    [Fact]
    public async Task Cancelling_after_define_system_removes_the_new_domain()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        using var cancel = new CancellationTokenSource();
        var steps = new List<string>();
        var options = new DefineOptions
        {
            OnStep = step =>
            {
                steps.Add(step);
                if (step.StartsWith("Setting", StringComparison.Ordinal))
                {
                    cancel.Cancel();
                }
            },
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new DomainDefineService(connection, null).DefineAsync(new NewDomainSpec { Name = "cancelled", VcpuCount = 2 }, options, cancel.Token));

        Assert.Equal(["DefineSystem", "Setting memory and virtual processors", "Removing the new domain"], steps);
        Assert.DoesNotContain(await DomainsAsync(connection), d => d.Name == "cancelled");
    }

    [Fact]
    public async Task A_new_disk_is_created_before_define_system_and_attached()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var spec = DomainParameters.ToSpec("disk01", 2, null, null, null, null, null, null, new NewVirtualHardDisk(@"C:\VMs\disk01.vhdx", 40UL << 30));

        var domain = await new DomainDefineService(connection, null).DefineAsync(spec, null, CancellationToken.None);

        var text = await XmlAsync(connection, domain);
        Assert.Contains(@"<source file='C:\VMs\disk01.vhdx'/>", text);
        Assert.Contains("<target dev='sda' bus='scsi'/>", text);
        var disk = await new VirtualHardDiskService(connection, null).GetAsync(@"C:\VMs\disk01.vhdx", CancellationToken.None);
        Assert.Equal(40UL << 30, disk.Size);
    }

    [Fact]
    public async Task A_failure_after_the_new_disk_removes_the_domain_and_deletes_the_disk()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        // 2 TiB of memory passes every check before sending, then ModifyResourceSettings refuses it (32773).
        var spec = DomainParameters.ToSpec("disk02", 2, 2UL << 40, null, null, null, null, null, new NewVirtualHardDisk(@"C:\VMs\disk02.vhdx", 10UL << 30));

        var error = await Assert.ThrowsAsync<HvDefineException>(() => new DomainDefineService(connection, null).DefineAsync(spec, null, CancellationToken.None));

        Assert.Equal(DefineFailure.DefineFailed, error.Reason);
        Assert.Contains(@"and the disk 'C:\VMs\disk02.vhdx' were removed again; nothing remains.", error.Message);
        Assert.DoesNotContain(await DomainsAsync(connection), d => d.Name == "disk02");
        Assert.Empty(await new HostFileService(connection, null).GetExistingAsync([@"C:\VMs\disk02.vhdx"], CancellationToken.None));
    }

    [Fact]
    public async Task An_unknown_switch_or_a_missing_image_is_refused_before_anything_is_sent()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var service = new DomainDefineService(connection, null);

        var noSwitch = await Assert.ThrowsAsync<HvDefineException>(() =>
            service.DefineAsync(DomainParameters.ToSpec("n1", 2, null, null, null, null, null, "No Such Switch", new NewVirtualHardDisk(@"C:\VMs\n1.vhdx", 1UL << 30)), null, CancellationToken.None));
        var noImage = await Assert.ThrowsAsync<HvDefineException>(() =>
            service.DefineAsync(DomainParameters.ToSpec("n2", 1, null, null, null, @"C:\VMs\missing.vhdx", @"C:\ISO\missing.iso", null), null, CancellationToken.None));

        Assert.Equal(DefineFailure.DeviceNotFound, noSwitch.Reason);
        Assert.Contains("no virtual switch named 'No Such Switch'", noSwitch.Message);
        Assert.Equal(DefineFailure.DeviceNotFound, noImage.Reason);
        Assert.Contains(@"no file 'C:\VMs\missing.vhdx', 'C:\ISO\missing.iso'. Nothing was sent.", noImage.Message);
        Assert.Equal(2, (await DomainsAsync(connection)).Count);
        // The switch was checked before the disk was created.
        Assert.Empty(await new HostFileService(connection, null).GetExistingAsync([@"C:\VMs\n1.vhdx"], CancellationToken.None));
    }

    [Fact]
    public async Task A_device_refused_after_define_system_removes_the_new_domain()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        // Two disks at one location: only the planner, which needs the new VM, can see it.
        const string xml = """
            <domain type='hyperv'><name>clash</name><os firmware='efi'><type>hvm</type></os><devices>
              <controller type='scsi' index='0'/>
              <disk type='file' device='cdrom'><source file='C:\ISO\ubuntu-24.04-live-server-amd64.iso'/><target dev='sda' bus='scsi'/></disk>
              <disk type='file' device='cdrom'><source file='C:\ISO\ubuntu-24.04-live-server-amd64.iso'/><target dev='sda' bus='scsi'/></disk>
            </devices></domain>
            """;

        var error = await Assert.ThrowsAsync<HvDefineException>(() => new DomainDefineService(connection, null).DefineAsync(Spec(xml), null, CancellationToken.None));

        Assert.Equal(DefineFailure.DefineFailed, error.Reason);
        Assert.Contains("removed again; nothing remains", error.Message);
        Assert.DoesNotContain(await DomainsAsync(connection), d => d.Name == "clash");
    }

    [Fact]
    public async Task A_disk_that_cannot_be_made_costs_no_domain()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        // The stock disk exists already: CreateVirtualHardDisk is refused before DefineSystem is sent.
        var existing = @"C:\ProgramData\Microsoft\Windows\Virtual Hard Disks\web01.vhdx";
        Assert.NotEmpty(await new HostFileService(connection, null).GetExistingAsync([existing], CancellationToken.None));
        var spec = DomainParameters.ToSpec("disk03", 1, null, null, null, null, null, null, new NewVirtualHardDisk(existing, 10UL << 30));

        var error = await Assert.ThrowsAsync<HvDefineException>(() => new DomainDefineService(connection, null).DefineAsync(spec, null, CancellationToken.None));

        Assert.Equal(DefineFailure.DefineFailed, error.Reason);
        Assert.EndsWith("Nothing was created.", error.Message);
        Assert.Equal(2, (await DomainsAsync(connection)).Count);
        Assert.NotEmpty(await new HostFileService(connection, null).GetExistingAsync([existing], CancellationToken.None));
    }

    [Fact]
    public async Task Sends_the_system_settings_libvirt_sends_plus_subtype_notes_and_identifier()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var spec = new NewDomainSpec { Name = "a&b", Generation = 2, Description = "line 1\n\nline 2", Uuid = Guid.Parse("3f0e6c1a-8b7d-4e2f-9a1b-5c4d3e2f1a0b") };

        var text = new DomainDefineService(connection, null).SystemSettings(spec).ToCimXml();

        Assert.Equal(
            "<INSTANCE CLASSNAME=\"Msvm_VirtualSystemSettingData\">"
            + "<PROPERTY NAME=\"ElementName\" TYPE=\"string\"><VALUE>a&amp;b</VALUE></PROPERTY>"
            + "<PROPERTY NAME=\"VirtualSystemSubType\" TYPE=\"string\"><VALUE>Microsoft:Hyper-V:SubType:2</VALUE></PROPERTY>"
            + "<PROPERTY.ARRAY NAME=\"Notes\" TYPE=\"string\"><VALUE.ARRAY><VALUE>line 1\n\nline 2</VALUE></VALUE.ARRAY></PROPERTY.ARRAY>"
            + "<PROPERTY NAME=\"VirtualSystemIdentifier\" TYPE=\"string\"><VALUE>3F0E6C1A-8B7D-4E2F-9A1B-5C4D3E2F1A0B</VALUE></PROPERTY>"
            + "</INSTANCE>",
            text);
    }

    [Fact]
    public async Task Generation_2_is_refused_on_windows_server_2012_and_every_define_on_a_v1_host()
    {
        var (sim, connection) = await StartAsync("ws2012");
        await using (sim)
        using (connection)
        {
            var error = await Assert.ThrowsAsync<HvDefineException>(() =>
                new DomainDefineService(connection, null).DefineAsync(new NewDomainSpec { Name = "uefi", Generation = 2 }, null, CancellationToken.None));
            Assert.Equal(DefineFailure.DefineNotSupported, error.Reason);
            Assert.DoesNotContain("VirtualSystemSubType", new DomainDefineService(connection, null).SystemSettings(new NewDomainSpec { Name = "x" }).ToCimXml());
        }

        var (v1, v1Connection) = await StartAsync("ws2008r2");
        await using (v1)
        using (v1Connection)
        {
            var error = await Assert.ThrowsAsync<HvDefineException>(() =>
                new DomainDefineService(v1Connection, null).DefineAsync(new NewDomainSpec { Name = "old" }, null, CancellationToken.None));
            Assert.Equal(DefineFailure.DefineNotSupported, error.Reason);
            Assert.Equal(2, (await DomainsAsync(v1Connection)).Count);
        }
    }
}
