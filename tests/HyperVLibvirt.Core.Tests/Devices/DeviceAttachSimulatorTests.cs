using System.Net;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Devices;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.DomainXml;
using HyperVLibvirt.Core.Uris;
using HyperVLibvirt.Core.WsMan;
using HyperVLibvirt.Simulator;

namespace HyperVLibvirt.Core.Tests.Devices;

/// <summary>Devices attached end to end against the in-process simulator, each proved by reading the domain XML back.</summary>
public sealed class DeviceAttachSimulatorTests : IDisposable
{
    private const string User = "admin";
    private const string Password = "Sim-Devices-4417!";
    private const string SpareVhd = @"D:\Spare\data.vhdx";
    private const string SpareIso = @"C:\ISO\virtio-win-0.1.262.iso";
    private const string Inventory = """
        { "vms": [
          { "name": "g2off", "state": "off", "generation": 2, "drives": [ { "type": "vhd", "path": "D:\\VMs\\g2off.vhdx" } ] },
          { "name": "g1off", "state": "off", "generation": 1, "drives": [ { "type": "vhd", "path": "D:\\VMs\\g1off.vhdx" } ] },
          { "name": "g2run", "state": "running", "generation": 2, "drives": [ { "type": "vhd", "path": "D:\\VMs\\g2run.vhdx" } ] },
          { "name": "g1run", "state": "running", "generation": 1, "drives": [ { "type": "vhd", "path": "D:\\VMs\\g1run.vhdx" } ] }
        ] }
        """;

    private readonly string _inventoryPath = Path.Combine(Path.GetTempPath(), "hvl-devices-" + Guid.NewGuid().ToString("N") + ".json");

    public DeviceAttachSimulatorTests() => File.WriteAllText(_inventoryPath, Inventory);

    public void Dispose() => File.Delete(_inventoryPath);

    private sealed class Requests : IWsManTrace
    {
        public List<string> Operations { get; } = [];

        public bool WantsEnvelopes => true;

        public void Write(WsManTraceEvent traceEvent)
        {
            lock (Operations)
            {
                Operations.Add(traceEvent.ToString() ?? string.Empty);
            }
        }

        public int Invokes(string method) => Operations.Count(o => o.StartsWith("RequestEnvelope " + method, StringComparison.Ordinal));
    }

    private async Task<(SimulatorServer Sim, HvConnection Connection)> StartAsync(string? profile = null)
    {
        var options = new SimulatorOptions { HttpPort = 0 };
        if (profile is not null)
        {
            options.Host.Profile = profile;
        }
        options.Host.InventoryPath = _inventoryPath;
        options.Accounts.Add(new SimulatorAccount(User, Password));
        var sim = await SimulatorServer.StartAsync(options);
        sim.Host.Files.Add(SpareVhd, 4UL << 30);
        var uri = LibvirtUri.Parse($"hyperv://{User}@127.0.0.1:{sim.HttpEndpoint!.Port}/?transport=http");
        var connection = await HvConnection.OpenAsync(uri, new NetworkCredential(User, Password), new WsManSettings(), null, CancellationToken.None);
        return (sim, connection);
    }

    private static async Task<HvDomain> DomainAsync(HvConnection connection, string name)
    {
        await foreach (var d in new DomainService(connection, null).GetDomainsAsync(new DomainFilter { ExactNames = [name] }, false))
        {
            return d;
        }
        throw new InvalidOperationException("no " + name);
    }

    private static async Task<DomainDefinition> XmlAsync(HvConnection connection, string name)
    {
        await foreach (var result in new DomainXmlService(connection, null).GetAsync(new DomainFilter { ExactNames = [name] }, null))
        {
            return result.Definition ?? throw result.Error!;
        }
        throw new InvalidOperationException("no " + name);
    }

    [Fact]
    public async Task A_disk_without_placement_goes_to_the_next_scsi_location_of_a_generation_2_domain()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var trace = new Requests();
        var attached = await new DeviceAttachService(connection, trace).AttachAsync(await DomainAsync(connection, "g2off"),
            [new DiskSpec { Kind = DiskKind.VirtualHardDisk, Path = SpareVhd }], null, CancellationToken.None);

        var device = Assert.Single(attached);
        Assert.Equal(("disk", "VirtualHardDisk", "sdb", "scsi", 0, 1, SpareVhd), (device.Device, device.Kind, device.Target, device.Bus, device.Controller!.Value, device.Unit!.Value, device.Source));
        var disk = Assert.Single((await XmlAsync(connection, "g2off")).Disks, d => d.Source == SpareVhd);
        Assert.Equal(new DiskDefinition("file", "disk", SpareVhd, "sdb", "scsi", new DriveAddress(0, 0, 0, 1)), disk);
        Assert.Equal(2, trace.Invokes("AddResourceSettings")); // the drive, then the image in it
    }

    [Fact]
    public async Task A_controller_and_a_scsi_disk_on_it_attach_in_one_request_to_a_generation_1_domain()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        await new DeviceAttachService(connection, null).AttachAsync(await DomainAsync(connection, "g1off"),
            [DeviceXmlReader.Read($"<disk type='file' device='disk'><source file='{SpareVhd}'/><target dev='sda' bus='scsi'/></disk>"),
             DeviceXmlReader.Read("<controller type='scsi' index='0'/>")], null, CancellationToken.None);

        var xml = await XmlAsync(connection, "g1off");
        Assert.Contains(new ControllerDefinition("scsi", 0), xml.Controllers);
        Assert.Contains(new DiskDefinition("file", "disk", SpareVhd, "sda", "scsi", new DriveAddress(0, 0, 0, 0)), xml.Disks);
    }

    [Fact]
    public async Task A_dvd_goes_to_the_first_free_ide_location_of_a_generation_1_domain()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var device = Assert.Single(await new DeviceAttachService(connection, null).AttachAsync(await DomainAsync(connection, "g1off"),
            [new DiskSpec { Kind = DiskKind.Dvd, Path = SpareIso }], null, CancellationToken.None));
        Assert.Equal("hdb", device.Target);
        Assert.Contains(new DiskDefinition("file", "cdrom", SpareIso, "hdb", "ide", new DriveAddress(0, 0, 0, 1)), (await XmlAsync(connection, "g1off")).Disks);
    }

    [Fact]
    public async Task Adapters_connect_to_a_switch_by_name_with_a_static_or_a_dynamic_mac()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var service = new DeviceAttachService(connection, null);
        var attached = await service.AttachAsync(await DomainAsync(connection, "g2run"),
            [new NetworkAdapterSpec { Switch = "External", MacAddress = "00155D0A0B0C" }, new NetworkAdapterSpec { Switch = "Isolated" }], null, CancellationToken.None);

        Assert.Equal("00:15:5d:0a:0b:0c", attached[0].MacAddress);
        Assert.StartsWith("00:15:5d:", attached[1].MacAddress, StringComparison.Ordinal);
        var xml = await XmlAsync(connection, "g2run");
        var switches = new Dictionary<string, string>();
        await foreach (var s in connection.QueryAsync("SELECT * FROM Msvm_VirtualEthernetSwitch", null, null, CancellationToken.None))
        {
            switches[s.GetString("ElementName")!] = s.GetString("Name")!;
        }
        Assert.Contains(new InterfaceDefinition("00:15:5d:0a:0b:0c", switches["External"]), xml.Interfaces);
        Assert.Contains(new InterfaceDefinition(attached[1].MacAddress!, switches["Isolated"]), xml.Interfaces);
    }

    [Fact]
    public async Task A_com_port_gets_its_pipe_and_loses_it_again()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var service = new DeviceAttachService(connection, null);
        await service.AttachAsync(await DomainAsync(connection, "g2run"), [new SerialPortSpec { Port = 2, PipePath = @"\\.\pipe\g2run-com2" }], null, CancellationToken.None);
        Assert.Contains(new SerialDefinition(2, @"\\.\pipe\g2run-com2"), (await XmlAsync(connection, "g2run")).Serials);

        await service.AttachAsync(await DomainAsync(connection, "g2run"), [new SerialPortSpec { Port = 2 }], null, CancellationToken.None);
        Assert.DoesNotContain((await XmlAsync(connection, "g2run")).Serials, s => s.Port == 2 && s.Path.Contains("pipe", StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_a_2012_r2_host_a_com_port_is_changed_as_a_plain_resource_setting()
    {
        var (sim, connection) = await StartAsync("ws2012r2");
        await using var _ = sim;
        using var __ = connection;
        var trace = new Requests();
        await new DeviceAttachService(connection, trace).AttachAsync(await DomainAsync(connection, "g2off"),
            [new SerialPortSpec { Port = 1, PipePath = @"\\.\pipe\old-host" }], null, CancellationToken.None);
        var modify = Assert.Single(trace.Operations, o => o.StartsWith("RequestEnvelope ModifyResourceSettings", StringComparison.Ordinal));
        Assert.Contains("<INSTANCE CLASSNAME=\"Msvm_ResourceAllocationSettingData\">", modify, StringComparison.Ordinal);
        Assert.Contains(new SerialDefinition(1, @"\\.\pipe\old-host"), (await XmlAsync(connection, "g2off")).Serials);
    }

    [Fact]
    public async Task A_v1_host_is_refused_before_anything_is_read()
    {
        var (sim, connection) = await StartAsync("ws2008r2");
        await using var _ = sim;
        using var __ = connection;
        var domain = await DomainAsync(connection, "g2off");
        var trace = new Requests();
        var ex = await Assert.ThrowsAsync<HvDeviceException>(() => new DeviceAttachService(connection, trace).AttachAsync(domain,
            [new SerialPortSpec { Port = 1 }], null, CancellationToken.None));
        Assert.Equal(DeviceFailure.NotSupportedOnHost, ex.Reason);
        Assert.Empty(trace.Operations);
    }

    [Fact]
    public async Task A_missing_image_is_refused_before_anything_is_sent()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var trace = new Requests();
        var g2off = await DomainAsync(connection, "g2off");
        var ex = await Assert.ThrowsAsync<HvDeviceException>(() => new DeviceAttachService(connection, trace).AttachAsync(
            g2off, [new DiskSpec { Kind = DiskKind.VirtualHardDisk, Path = @"D:\Nowhere\missing.vhdx" }], null, CancellationToken.None));

        Assert.Equal(DeviceFailure.ImageNotFound, ex.Reason);
        Assert.Contains(@"the host has no file 'D:\Nowhere\missing.vhdx'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, trace.Invokes("AddResourceSettings"));
    }

    [Fact]
    public async Task A_failed_media_job_removes_the_drive_added_for_it()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        sim.Faults.Add("job:AddResourceSettings@2");
        var before = await XmlAsync(connection, "g2off");
        var trace = new Requests();
        var g2off = await DomainAsync(connection, "g2off");
        var ex = await Assert.ThrowsAsync<HvDeviceException>(() => new DeviceAttachService(connection, trace).AttachAsync(
            g2off, [new DiskSpec { Kind = DiskKind.VirtualHardDisk, Path = SpareVhd }], null, CancellationToken.None));

        Assert.Equal(DeviceFailure.JobFailed, ex.Reason);
        Assert.Contains("was removed; nothing of it remains", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, trace.Invokes("RemoveResourceSettings"));
        Assert.Equal(before.Disks, (await XmlAsync(connection, "g2off")).Disks);
        var drives = 0;
        await foreach (var rasd in connection.QueryAsync(DomainXmlQuery.ComponentSettings("Msvm_ResourceAllocationSettingData", [g2off.Uuid]), null, null, CancellationToken.None))
        {
            drives += rasd.GetUInt64("ResourceType") is 16 or 17 ? 1 : 0;
        }
        Assert.Equal(1, drives); // the boot disk's drive only: no empty drive left behind
    }

    [Fact]
    public async Task A_batch_reads_all_its_domains_devices_in_a_fixed_handful_of_queries_and_fails_domains_alone()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var domains = new List<HvDomain>();
        await foreach (var d in new DomainService(connection, null).GetDomainsAsync(new DomainFilter(), false))
        {
            domains.Add(d);
        }
        var trace = new Requests();
        var results = new List<DeviceAttachResult>();
        await foreach (var result in new DeviceAttachService(connection, trace).AttachAsync(domains, [new DiskSpec { Kind = DiskKind.Dvd, Path = SpareIso }], null, CancellationToken.None))
        {
            results.Add(result);
        }

        Assert.Equal(domains.Select(d => d.Name), results.Select(r => r.Domain.Name));
        var refused = Assert.Single(results, r => r.Error is not null);
        Assert.Equal(("g1run", DeviceFailure.NeedsDomainOff), (refused.Domain.Name, ((HvDeviceException)refused.Error!).Reason));
        Assert.All(results.Where(r => r.Error is null), r => Assert.Equal("Dvd", Assert.Single(r.Devices).Kind));
        // The domains, their VSSDs, RASDs and SASDs, and the image's file: five queries for the four domains, all before the first change.
        var firstChange = trace.Operations.FindIndex(o => o.StartsWith("RequestEnvelope AddResourceSettings", StringComparison.Ordinal));
        Assert.Equal(5, trace.Operations.Take(firstChange).Count(o => o.StartsWith("RequestEnvelope Enumerate", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_refused_media_step_removes_the_drive_and_the_next_disk_takes_its_location()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        sim.Faults.Add("method:AddResourceSettings=32768@2");
        var trace = new Requests();
        var service = new DeviceAttachService(connection, trace);
        var ex = await Assert.ThrowsAsync<HvDeviceException>(async () => await service.AttachAsync(await DomainAsync(connection, "g2off"),
            [new DiskSpec { Kind = DiskKind.VirtualHardDisk, Path = SpareVhd }], null, CancellationToken.None));

        Assert.Equal((DeviceFailure.HostRefused, 32768u), (ex.Reason, ex.ReturnValue!.Value));
        Assert.Contains("The disk drive added for it was removed", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, trace.Invokes("RemoveResourceSettings"));
        var next = Assert.Single(await service.AttachAsync(await DomainAsync(connection, "g2off"),
            [new DiskSpec { Kind = DiskKind.VirtualHardDisk, Path = SpareVhd }], null, CancellationToken.None));
        Assert.Equal("sdb", next.Target);
    }

    [Fact]
    public async Task A_device_failing_after_others_of_the_request_names_those_that_stay()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        sim.Faults.Add("method:AddResourceSettings=32768@1");
        var ex = await Assert.ThrowsAsync<HvDeviceException>(async () => await new DeviceAttachService(connection, null).AttachAsync(
            await DomainAsync(connection, "g2run"),
            [new NetworkAdapterSpec { Switch = "External" }, new SerialPortSpec { Port = 2, PipePath = @"\\.\pipe\kept" }], null, CancellationToken.None));

        Assert.Equal(DeviceFailure.PartlyAttached, ex.Reason);
        Assert.Contains("The devices attached before it stay attached: SerialPort COM 2.", ex.Message, StringComparison.Ordinal);
        var xml = await XmlAsync(connection, "g2run");
        Assert.Contains(new SerialDefinition(2, @"\\.\pipe\kept"), xml.Serials);
        Assert.Empty(xml.Interfaces);
    }

    [Fact]
    public async Task An_ide_drive_for_a_running_domain_is_refused_before_anything_is_sent()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var trace = new Requests();
        var g1run = await DomainAsync(connection, "g1run");
        var ex = await Assert.ThrowsAsync<HvDeviceException>(() => new DeviceAttachService(connection, trace).AttachAsync(
            g1run, [new DiskSpec { Kind = DiskKind.Dvd, Path = SpareIso }], null, CancellationToken.None));
        Assert.Equal(DeviceFailure.NeedsDomainOff, ex.Reason);
        Assert.NotEmpty(trace.Operations);
        Assert.Equal(0, trace.Invokes("AddResourceSettings"));
    }

    [Fact]
    public async Task A_host_disk_is_passed_through_by_its_number_and_reads_back_as_a_block_disk()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var device = Assert.Single(await new DeviceAttachService(connection, null).AttachAsync(await DomainAsync(connection, "g2off"),
            [DeviceXmlReader.Read("<disk type='block' device='disk'><source dev='2'/><target dev='sdc' bus='scsi'/></disk>")], null, CancellationToken.None));
        Assert.Equal(("PassThroughDisk", "sdc", "2"), (device.Kind, device.Target, device.Source));
        Assert.Contains(new DiskDefinition("block", "disk", "2", "sdc", "scsi", new DriveAddress(0, 0, 0, 2)), (await XmlAsync(connection, "g2off")).Disks);

        var missing = await Assert.ThrowsAsync<HvDeviceException>(async () => await new DeviceAttachService(connection, null).AttachAsync(
            await DomainAsync(connection, "g2off"), [new DiskSpec { Kind = DiskKind.PassThroughDisk, HostDriveNumber = 99 }], null, CancellationToken.None));
        Assert.Equal(DeviceFailure.HostDiskNotFound, missing.Reason);
    }

    [Fact]
    public async Task A_floppy_goes_into_the_diskette_drive_of_a_generation_1_domain()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        sim.Host.Files.Add(@"D:\Spare\boot.vfd", 1_474_560);
        await new DeviceAttachService(connection, null).AttachAsync(await DomainAsync(connection, "g1off"),
            [DeviceXmlReader.Read(@"<disk type='file' device='floppy'><source file='D:\Spare\boot.vfd'/><target dev='fda' bus='fdc'/></disk>")], null, CancellationToken.None);
        Assert.Contains(new DiskDefinition("file", "floppy", @"D:\Spare\boot.vfd", "fda", "fdc", new DriveAddress(0, 0, 0, 0)), (await XmlAsync(connection, "g1off")).Disks);
    }
}
