using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator.Tests.Model;

/// <summary>Devices given in the JSON inventory.</summary>
public class InventoryDevicesTests
{
    private const string Inventory = """
        { "vms": [
          { "name": "legacy", "state": "running", "generation": 1,
            "drives": [ { "type": "vhd", "path": "D:\\VMs\\legacy.vhd" }, { "type": "dvd" }, { "type": "passthrough", "disk": 7 } ],
            "floppy": "D:\\VMs\\boot.vfd",
            "nics": [ { "switch": "External", "mac": "00-15-5D-01-02-03" }, { } ],
            "serial": [ { "port": 2, "pipe": "\\\\.\\pipe\\legacy-com2" } ] },
          { "name": "plain", "state": "off", "nics": [ { "switch": "Isolated" } ] },
          { "name": "derived", "state": "off" },
          { "name": "taker", "drives": [ { "type": "passthrough" } ] }
        ] }
        """;

    private static SimulatedHost Host()
    {
        var path = Path.Combine(Path.GetTempPath(), "inventory-devices-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, Inventory);
        try
        {
            return TestHosts.Create(inventory: path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static IReadOnlyList<CimInstance> Parts(SimulatedHost host, string vmName, string resultClass)
    {
        var id = "Microsoft:" + ((string)TestHosts.Vm(host, vmName)["Name"]!).ToUpperInvariant();
        return host.ExecuteQuery(TestHosts.V2, $"ASSOCIATORS OF {{Msvm_VirtualSystemSettingData.InstanceID='{id}'}} WHERE AssocClass = Msvm_VirtualSystemSettingDataComponent ResultClass = {resultClass}").Instances;
    }

    [Fact]
    public void GivenHardwareIsServedAsGiven()
    {
        var host = Host();
        var rasd = Parts(host, "legacy", "Msvm_ResourceAllocationSettingData");
        var sasd = Parts(host, "legacy", "Msvm_StorageAllocationSettingData");
        Assert.Equal(2, rasd.Count(r => (ulong)r["ResourceType"]! == 5));
        Assert.Equal(["D:\\VMs\\boot.vfd", "D:\\VMs\\legacy.vhd"], sasd.Select(s => (string)((IReadOnlyList<object>)s["HostResource"]!)[0]).Order());
        var dvd = rasd.Single(r => (ulong)r["ResourceType"]! == 16);
        Assert.Equal("1", dvd["AddressOnParent"]);
        var passThrough = rasd.Single(r => (string?)r["ResourceSubType"] == "Microsoft:Hyper-V:Physical Disk Drive");
        Assert.Contains(@"\\7""", (string)((IReadOnlyList<object>)passThrough["HostResource"]!)[0]);
        var adapters = Parts(host, "legacy", "Msvm_SyntheticEthernetPortSettingData");
        Assert.Equal(["00155D010203", VmDeviceLayout.MacFor(host.Inventory[0].Id, 1)], adapters.Select(a => (string)a["Address"]!));
        Assert.Equal(true, adapters[0]["StaticMacAddress"]);
        var ports = Parts(host, "legacy", "Msvm_EthernetPortAllocationSettingData");
        Assert.Equal([2UL, 3UL], ports.Select(p => (ulong)p["EnabledState"]!));
        var serial = Parts(host, "legacy", "Msvm_SerialPortSettingData");
        Assert.Equal(["", @"\\.\pipe\legacy-com2"], serial.Select(s => (string)((IReadOnlyList<object>)s["Connection"]!)[0]));
    }

    [Fact]
    public void AnyDeviceFieldGivesExactlyThatHardware()
    {
        var host = Host();
        Assert.Empty(Parts(host, "plain", "Msvm_StorageAllocationSettingData"));
        Assert.Single(Parts(host, "plain", "Msvm_SyntheticEthernetPortSettingData"));
        Assert.NotEmpty(Parts(host, "derived", "Msvm_StorageAllocationSettingData"));
        Assert.Equal("Microsoft:Hyper-V:SubType:1", host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_VirtualSystemSettingData WHERE ElementName = 'legacy'").Instances.Single()["VirtualSystemSubType"]);
    }

    [Fact]
    public void HandedOutDisksSkipTheOnesTheInventoryNames()
    {
        var host = Host();
        var numbers = host.EnumerateInstances(TestHosts.V2, "Msvm_DiskDrive").Select(d => (ulong)d["DriveNumber"]!).Order().ToArray();
        ulong[] handedOut = host.Inventory.Any(s => s.Name == "derived") && VmDeviceLayout.For(host.Inventory[2], []).Drives.Any(d => d.Kind == DriveKind.PassThrough) ? [2UL, 3UL, 7UL] : [2UL, 7UL];

        // Then the host's spare offline disks, numbered on from the last one in use.
        Assert.Equal([.. handedOut, handedOut[^1] + 1, handedOut[^1] + 2], numbers);
        Assert.Equal(2, DevicePublisher.SpareHostDiskCount);
    }

    [Theory]
    [InlineData("""{ "name": "x", "generation": 3 }""", "\"generation\" must be 1 or 2")]
    [InlineData("""{ "name": "x", "drives": [ { "type": "tape" } ] }""", "vms[0].drives[0]: \"type\" must be vhd, dvd or passthrough")]
    [InlineData("""{ "name": "x", "drives": [ { "type": "vhd" } ] }""", "a vhd drive needs a \"path\"")]
    [InlineData("""{ "name": "x", "floppy": "a.vfd" }""", "\"floppy\" needs \"generation\": 1")]
    [InlineData("""{ "name": "x", "nics": [ { "switch": "Nope" } ] }""", "no switch \"Nope\"")]
    [InlineData("""{ "name": "x", "nics": [ { "mac": "0015" } ] }""", "\"mac\" must be 12 hex digits")]
    [InlineData("""{ "name": "x", "serial": [ { "port": 3 } ] }""", "\"port\" must be 1 or 2")]
    [InlineData("""{ "name": "x", "drives": [ { "type": "passthrough", "disk": 1 } ] }""", "host disk number of 2 or more")]
    [InlineData("""{ "name": "x", "generation": 1, "drives": [ { "type": "dvd" }, { "type": "dvd" }, { "type": "dvd" }, { "type": "dvd" }, { "type": "dvd" } ] }""", "room for 4 drives")]
    public void BadDeviceFieldsSayWhereAndWhat(string vm, string expected)
    {
        var ex = Assert.Throws<InventoryException>(() => InventoryFile.Parse("[" + vm + "]", "inv.json"));
        Assert.Contains(expected, ex.Message);
        Assert.StartsWith("inv.json: vms[0]", ex.Message);
    }
}
