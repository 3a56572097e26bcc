using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator.Tests.Model;

/// <summary>Per-VM devices, joined the way libvirt's hyperv_driver.c joins them.</summary>
public class DeviceTests
{
    private static IReadOnlyList<CimInstance> Components(SimulatedHost host, CimInstance vm, string resultClass) =>
        host.ExecuteQuery(TestHosts.V2, $"ASSOCIATORS OF {{Msvm_VirtualSystemSettingData.InstanceID='Microsoft:{((string)vm["Name"]!).ToUpperInvariant()}'}} WHERE AssocClass = Msvm_VirtualSystemSettingDataComponent ResultClass = {resultClass}").Instances;

    // hypervGetDeviceParentRasdFromDeviceId: the Parent path ends with the escaped InstanceID and a quote.
    private static CimInstance ParentOf(CimInstance child, IEnumerable<CimInstance> candidates) =>
        candidates.Single(c => ((string)child["Parent"]!).EndsWith(((string)c["InstanceID"]!).Replace("\\", "\\\\") + "\"", StringComparison.Ordinal));

    [Fact]
    public void EveryDiskImageJoinsToADriveAndEveryDriveToAController()
    {
        var host = TestHosts.Create();
        foreach (var vm in TestHosts.Vms(host))
        {
            var rasd = Components(host, vm, "Msvm_ResourceAllocationSettingData");
            var sasd = Components(host, vm, "Msvm_StorageAllocationSettingData");
            Assert.NotEmpty(sasd);
            foreach (var image in sasd)
            {
                var drive = ParentOf(image, rasd);
                var controller = ParentOf(drive, rasd);
                Assert.Contains((ulong)controller["ResourceType"]!, new ulong[] { 1, 5, 6 });
                Assert.True(int.TryParse((string)drive["AddressOnParent"]!, out _));
                Assert.Single((IReadOnlyList<object>)image["HostResource"]!);
            }
        }
    }

    [Fact]
    public void StockInventoryHasEveryKindOfDevice()
    {
        var host = TestHosts.Create();
        var rasd = host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_ResourceAllocationSettingData").Instances;
        var sasd = host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_StorageAllocationSettingData").Instances;
        var ports = host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_EthernetPortAllocationSettingData WHERE ResourceType = 33").Instances.Where(p => p["Parent"] is not null).ToArray();
        Assert.Contains(rasd, r => (ulong)r["ResourceType"]! == 5 && (string)r["Address"]! == "1");
        Assert.Contains(rasd, r => (ulong)r["ResourceType"]! == 6);
        Assert.Contains(rasd, r => (ulong)r["ResourceType"]! == 14);
        Assert.Contains(sasd, s => ((string)((IReadOnlyList<object>)s["HostResource"]!)[0]).EndsWith(".vhdx", StringComparison.Ordinal));
        Assert.Contains(sasd, s => ((string)((IReadOnlyList<object>)s["HostResource"]!)[0]).EndsWith(".iso", StringComparison.Ordinal));
        // An empty DVD drive: a DVD drive no disk image names as its parent.
        Assert.Contains(rasd, r => (ulong)r["ResourceType"]! == 16 && !sasd.Any(s => ((string)s["Parent"]!).EndsWith(((string)r["InstanceID"]!).Replace("\\", "\\\\") + "\"", StringComparison.Ordinal)));
        Assert.Contains(ports, p => (ulong)p["EnabledState"]! == 3 && p["HostResource"] is null);
        Assert.Contains(rasd, r => (ulong)r["ResourceType"]! == 21 && ((string)((IReadOnlyList<object>)r["Connection"]!)[0]).StartsWith(@"\\.\pipe\", StringComparison.Ordinal));
        Assert.Contains(rasd, r => (string?)r["ResourceSubType"] == "Microsoft:Hyper-V:Physical Disk Drive");
    }

    [Fact]
    public void PassThroughDiskNamesAHostDiskDriveByItsPath()
    {
        var host = TestHosts.Create();
        var physical = host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_ResourceAllocationSettingData WHERE ResourceSubType = 'Microsoft:Hyper-V:Physical Disk Drive' AND InstanceID NOT LIKE 'Microsoft:Definition%'").Instances;
        Assert.NotEmpty(physical);
        var disks = host.EnumerateInstances(TestHosts.V2, "Msvm_DiskDrive");
        var used = new HashSet<ulong>();
        foreach (var drive in physical)
        {
            var path = (string)((IReadOnlyList<object>)drive["HostResource"]!)[0];
            var disk = disks.Single(d => path.Contains("DeviceID=\"" + ((string)d["DeviceID"]!).Replace("\\", "\\\\") + "\"", StringComparison.Ordinal));
            Assert.Equal("HV-TEST01", disk["SystemName"]);
            Assert.True(used.Add((ulong)disk["DriveNumber"]!), "two VMs share a host disk");
        }
    }

    [Fact]
    public void NicsJoinAdapterAndSwitchByPath()
    {
        var host = TestHosts.Create();
        var switches = host.EnumerateInstances(TestHosts.V2, "Msvm_VirtualEthernetSwitch");
        var connected = 0;
        foreach (var vm in TestHosts.Vms(host))
        {
            var adapters = Components(host, vm, "Msvm_SyntheticEthernetPortSettingData");
            var ports = Components(host, vm, "Msvm_EthernetPortAllocationSettingData");
            Assert.NotEmpty(adapters);
            Assert.Equal(adapters.Count, ports.Count);
            foreach (var port in ports)
            {
                var adapter = ParentOf(port, adapters);
                Assert.Matches("^00155D[0-9A-F]{6}$", (string)adapter["Address"]!);
                Assert.IsType<bool>(adapter["StaticMacAddress"]);
                if (port["HostResource"] is IReadOnlyList<object> resource)
                {
                    var vswitch = switches.Single(s => ((string)resource[0]).EndsWith("Name=\"" + (string)s["Name"]! + "\"", StringComparison.Ordinal));
                    Assert.Equal(5UL, vswitch["HealthState"]);
                    connected++;
                }
            }
        }

        Assert.True(connected > 0);
    }

    [Fact]
    public void ClassWideLikeQueryAndAssociatorsAgree()
    {
        var host = TestHosts.Create();
        var vm = TestHosts.Vm(host, "vm-003");
        var upper = ((string)vm["Name"]!).ToUpperInvariant();
        var viaLike = host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM Msvm_ResourceAllocationSettingData WHERE InstanceID LIKE 'Microsoft:{upper}%'").Instances;
        var viaAssociators = Components(host, vm, "Msvm_ResourceAllocationSettingData");
        Assert.Equal(viaAssociators.Select(i => i["InstanceID"]).Order(), viaLike.Select(i => i["InstanceID"]).Order());
        // Serial ports are Msvm_SerialPortSettingData, a subclass: both queries include them.
        Assert.Equal(2, viaLike.Count(i => i.Class.Name == "Msvm_SerialPortSettingData"));
    }

    [Fact]
    public void GenerationDecidesTheControllersAndTheSettings()
    {
        var host = TestHosts.Create();
        foreach (var vm in TestHosts.Vms(host))
        {
            var generation = VmDeviceLayout.GenerationOf(host.Inventory.Single(s => s.Id.ToString("D") == (string)vm["Name"]!));
            var vssd = host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM Msvm_VirtualSystemSettingData WHERE InstanceID = 'Microsoft:{((string)vm["Name"]!).ToUpperInvariant()}'").Instances.Single();
            var types = Components(host, vm, "Msvm_ResourceAllocationSettingData").Select(r => (ulong)r["ResourceType"]!).ToArray();
            Assert.Equal("Microsoft:Hyper-V:SubType:" + generation, vssd["VirtualSystemSubType"]);
            Assert.Equal(generation == 1 ? 2 : 0, types.Count(t => t == 5));
            Assert.Equal(generation == 1, types.Contains(14UL));
            Assert.Equal(generation == 2, types.Contains(6UL));
        }
    }

    [Fact]
    public void DevicesDependOnlyOnTheVm()
    {
        static string[] Ids(SimulatedHost host) => host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_ResourceAllocationSettingData").Instances
            .Concat(host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_SyntheticEthernetPortSettingData").Instances)
            .Where(i => ((string)i["InstanceID"]!).StartsWith("Microsoft:" + host.Inventory[0].Id.ToString("D").ToUpperInvariant(), StringComparison.Ordinal))
            .Select(i => (string)i["InstanceID"]! + "|" + i["Address"] + "|" + i["AddressOnParent"]).ToArray();
        Assert.Equal(Ids(TestHosts.Create(vms: 8)), Ids(TestHosts.Create(vms: 30)));
    }

    [Fact]
    public void DevicesAreMadeOnlyWhenAQueryNeedsThem()
    {
        var host = TestHosts.Create(vms: 1024);
        var ns = host.NamespaceOf(TestHosts.V2);
        host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_ComputerSystem");
        host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_VirtualSystemSettingData");
        var vm = TestHosts.Vm(host, "vm-0001");
        var id = "Microsoft:" + ((string)vm["Name"]!).ToUpperInvariant();
        host.ExecuteQuery(TestHosts.V2, $"ASSOCIATORS OF {{Msvm_VirtualSystemSettingData.InstanceID='{id}'}} WHERE AssocClass = Msvm_VirtualSystemSettingDataComponent ResultClass = Msvm_ProcessorSettingData");
        Assert.Empty(ns.Required("Msvm_StorageAllocationSettingData").Items);
        Assert.NotEmpty(host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_StorageAllocationSettingData").Instances);
        Assert.True(ns.Required("Msvm_StorageAllocationSettingData").Items.Length >= 1024);
    }

    [Fact]
    public void PathLookupsAsLibvirtSendsThemFindAdapterSwitchAndHostDisk()
    {
        var host = TestHosts.Create();
        var port = host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_EthernetPortAllocationSettingData WHERE EnabledState = 2").Instances
            .First(p => p["Parent"] is not null);
        // hypervDomainDefParseEthernetAdapter: backslashes doubled inside a single-quoted WQL string.
        var parent = ((string)port["Parent"]!).Replace("\\", "\\\\");
        var adapter = host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM Msvm_SyntheticEthernetPortSettingData WHERE __PATH = '{parent}'").Instances.Single();
        Assert.Equal((string)port["InstanceID"]!, (string)adapter["InstanceID"]! + @"\C");
        var switchPath = ((string)((IReadOnlyList<object>)port["HostResource"]!)[0]).Replace("\\", "\\\\");
        var vswitch = host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM Msvm_VirtualEthernetSwitch WHERE __PATH = '{switchPath}'").Instances.Single();
        Assert.Equal(5UL, vswitch["HealthState"]);

        // hypervDomainDefParsePhysicalDisk, with the namespace spelled as libvirt writes it.
        var drive = host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_ResourceAllocationSettingData WHERE ResourceSubType = 'Microsoft:Hyper-V:Physical Disk Drive' AND Parent != ''").Instances[0];
        var diskPath = ((string)((IReadOnlyList<object>)drive["HostResource"]!)[0]).Replace(@"root\virtualization\v2", @"Root\Virtualization\V2").Replace("\\", "\\\\");
        var disk = host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM Msvm_DiskDrive WHERE __PATH='{diskPath}'").Instances.Single();
        Assert.Equal(2UL, disk["DriveNumber"]);
        Assert.Empty(host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_DiskDrive WHERE __PATH = 'not a path'").Instances);
        Assert.Equal(host.EnumerateInstances(TestHosts.V2, "Msvm_DiskDrive").Count - 1, host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM Msvm_DiskDrive WHERE __PATH <> '{diskPath}'").Instances.Count);
    }

    [Fact]
    public void PhysicalDiskDefinitionGivesTheGuidOfHostDiskDeviceIds()
    {
        var host = TestHosts.Create();
        // hypervDomainAttachPhysicalDisk's query; the GUID it finds prefixes host disks' DeviceID.
        var definition = host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_ResourceAllocationSettingData WHERE ResourceSubType = 'Microsoft:Hyper-V:Physical Disk Drive' AND InstanceID LIKE '%Default%'").Instances.Single();
        var guid = System.Text.RegularExpressions.Regex.Match((string)definition["InstanceID"]!, "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}").Value;
        Assert.All(host.EnumerateInstances(TestHosts.V2, "Msvm_DiskDrive"), d => Assert.StartsWith("Microsoft:" + guid + @"\", (string)d["DeviceID"]!));
        var all = host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_ResourceAllocationSettingData WHERE InstanceID LIKE 'Microsoft:Definition%'").Instances;
        Assert.Equal(["Default", "Increment", "Maximum", "Minimum"], all.Select(d => ((string)d["InstanceID"]!).Split('\\')[^1]).Order());
        Assert.All(all, d => Assert.Null(d["Parent"]));
    }
}
