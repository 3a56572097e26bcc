using HyperVLibvirt.Simulator.Model;
using static HyperVLibvirt.Simulator.Tests.Model.ManagementCalls;

namespace HyperVLibvirt.Simulator.Tests.Model;

/// <summary>DefineSystem makes an off VM with only the devices DefineSystem gives, which every read path treats like an inventory VM.</summary>
public class DefineSystemTests
{
    [Fact]
    public void ANewVmIsOffWithDefaultsAndAJobAndItsReference()
    {
        var host = TestHosts.Create();
        var before = TestHosts.Vms(host).Count;
        var result = Define(host, ("ElementName", "web-01"), ("VirtualSystemSubType", "Microsoft:Hyper-V:SubType:2"), ("Notes", new[] { "front end" }));

        Assert.Equal(4096u, result.ReturnValue);
        Assert.Equal(7UL, Job(host, result)["JobState"]);
        var reference = Out<CimReference>(result, "ResultingSystem");
        Assert.EndsWith("/Msvm_ComputerSystem", reference.ResourceUri);
        Assert.Equal("Msvm_ComputerSystem", reference.Selectors.Single(s => s.Key == "CreationClassName").Value);
        var name = reference.Selectors.Single(s => s.Key == "Name").Value;

        Assert.Equal(before + 1, TestHosts.Vms(host).Count);
        var system = TestHosts.Vm(host, "web-01");
        Assert.Equal(name, system["Name"]);
        Assert.Equal(3UL, system["EnabledState"]);
        var settings = host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM Msvm_VirtualSystemSettingData WHERE VirtualSystemIdentifier = '{name}'").Instances.Single();
        Assert.Equal("Microsoft:Hyper-V:SubType:2", settings["VirtualSystemSubType"]);
        Assert.Equal(new object[] { "front end" }, Assert.IsAssignableFrom<IReadOnlyList<object>>(settings["Notes"]));
        Assert.Equal("Microsoft:Hyper-V:System:Realized", settings["VirtualSystemType"]);
        Assert.Equal(1UL, Devices(host, name, "Msvm_ProcessorSettingData").Single()["VirtualQuantity"]);
        var memory = Devices(host, name, "Msvm_MemorySettingData").Single();
        Assert.Equal(1024UL, memory["VirtualQuantity"]);
        Assert.Equal(false, memory["DynamicMemory" + "Enabled"]);

        // Joined as an inventory VM is: settings define state, components, no snapshots.
        var associated = host.ExecuteQuery(TestHosts.V2,
            $"ASSOCIATORS OF {{Msvm_ComputerSystem.CreationClassName='Msvm_ComputerSystem',Name='{name}'}} WHERE ResultClass = Msvm_VirtualSystemSettingData").Instances;
        Assert.Equal((string)settings["InstanceID"]!, (string)Assert.Single(associated)["InstanceID"]!);
        Assert.Empty(host.ExecuteQuery(TestHosts.V2,
            $"ASSOCIATORS OF {{Msvm_ComputerSystem.CreationClassName='Msvm_ComputerSystem',Name='{name}'}} WHERE AssocClass = Msvm_SnapshotOfVirtualSystem").Instances);
    }

    [Fact]
    public void GenerationOneGetsIdeChannelsTheDisketteDriveAndComPortsOnly()
    {
        var host = TestHosts.Create();
        var name = DefineVm(host, "legacy", generation: 1);
        var rasds = Devices(host, name, "Msvm_ResourceAllocationSettingData");
        Assert.Equal(
            new[] { "Microsoft:Hyper-V:Emulated IDE Controller", "Microsoft:Hyper-V:Emulated IDE Controller", "", "Microsoft:Hyper-V:Synthetic Diskette Drive", "Microsoft:Hyper-V:Serial Port", "Microsoft:Hyper-V:Serial Port" },
            rasds.Select(r => (string?)r["ResourceSubType"] ?? string.Empty).ToArray());
        Assert.Empty(Devices(host, name, "Msvm_StorageAllocationSettingData"));
        Assert.Empty(Devices(host, name, "Msvm_SyntheticEthernetPortSettingData"));
        Assert.All(Devices(host, name, "Msvm_SerialPortSettingData"), p => Assert.Equal(new object[] { "" }, (IReadOnlyList<object>)p["Connection"]!));
        Assert.Single(host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM Msvm_S3DisplayController WHERE SystemName = '{name}'").Instances);
        Assert.Equal("Microsoft:Hyper-V:SubType:1",
            host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM Msvm_VirtualSystemSettingData WHERE VirtualSystemIdentifier = '{name}'").Instances.Single()["VirtualSystemSubType"]);
    }

    [Fact]
    public void GenerationTwoGetsNoControllerAndASyntheticDisplay()
    {
        var host = TestHosts.Create();
        var name = DefineVm(host, "uefi", generation: 2);
        Assert.Equal(new[] { "Microsoft:Hyper-V:Serial Port", "Microsoft:Hyper-V:Serial Port" },
            Devices(host, name, "Msvm_ResourceAllocationSettingData").Select(r => (string)r["ResourceSubType"]!).ToArray());
        Assert.Single(host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM Msvm_SyntheticDisplayController WHERE SystemName = '{name}'").Instances);
        Assert.Single(host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM Msvm_Keyboard WHERE SystemName = '{name}'").Instances);
        Assert.Empty(host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM Msvm_GuestNetworkAdapterConfiguration WHERE InstanceID LIKE 'Microsoft:GuestNetwork\\\\{name.ToUpperInvariant()}%'").Instances);
    }

    [Fact]
    public void AVmDefinedAfterDevicesWereReadGetsItsDevicesAtOnce()
    {
        var host = TestHosts.Create();
        Assert.NotEmpty(host.EnumerateInstances(TestHosts.V2, "Msvm_ResourceAllocationSettingData"));
        var name = DefineVm(host, "late", generation: 1);
        Assert.Equal(6, Devices(host, name, "Msvm_ResourceAllocationSettingData").Count);
    }

    [Fact]
    public void NoSubtypeIsGenerationOneAndNoNameIsHyperVsDefault()
    {
        var host = TestHosts.Create();
        var result = Define(host);
        Assert.Equal(4096u, result.ReturnValue);
        var name = Out<CimReference>(result, "ResultingSystem").Selectors.Single(s => s.Key == "Name").Value;
        var settings = host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM Msvm_VirtualSystemSettingData WHERE VirtualSystemIdentifier = '{name}'").Instances.Single();
        Assert.Equal("Microsoft:Hyper-V:SubType:1", settings["VirtualSystemSubType"]);
        Assert.Equal(SimulatedHost.DefaultDefinedVmName, settings["ElementName"]);
    }

    [Fact]
    public void AGivenIdentifierIsHonouredAndATakenOneIsRefused()
    {
        var host = TestHosts.Create();
        var id = new Guid("5d1c3e0a-0b7e-4c51-9d7e-0f3a3c2b1a01");
        var result = Define(host, ("ElementName", "fixed-id"), ("VirtualSystemIdentifier", id.ToString("D").ToUpperInvariant()));
        Assert.Equal(4096u, result.ReturnValue);
        Assert.Equal(id.ToString("D"), Out<CimReference>(result, "ResultingSystem").Selectors.Single(s => s.Key == "Name").Value);

        var count = TestHosts.Vms(host).Count;
        Assert.Equal(32773u, Define(host, ("ElementName", "again"), ("VirtualSystemIdentifier", id.ToString("B"))).ReturnValue);
        Assert.Equal(32773u, Define(host, ("ElementName", "inventory"), ("VirtualSystemIdentifier", host.Inventory[0].Id.ToString("D"))).ReturnValue);
        Assert.Equal(count, TestHosts.Vms(host).Count);
    }

    [Fact]
    public void AnExistingNameIsAllowed()
    {
        var host = TestHosts.Create();
        var first = DefineVm(host, host.Inventory[0].Name);
        Assert.NotEqual(host.Inventory[0].Id.ToString("D"), first);
        Assert.Equal(2, TestHosts.Vms(host).Count(v => (string)v["ElementName"]! == host.Inventory[0].Name));
    }

    [Theory]
    [InlineData("VirtualSystemSubType", "Microsoft:Hyper-V:SubType:3", 32773u)]
    [InlineData("VirtualSystemIdentifier", "not-a-guid", 32773u)]
    [InlineData("VirtualSystemIdentifier", "00000000-0000-0000-0000-000000000000", 32773u)]
    [InlineData("ConfigurationDataRoot", @"D:\VMs", 32770u)]
    public void BadSettingsAreRefusedAndNothingIsMade(string property, string value, uint code)
    {
        var host = TestHosts.Create();
        var count = TestHosts.Vms(host).Count;
        Assert.Equal(code, Define(host, ("ElementName", "bad"), (property, value)).ReturnValue);
        Assert.Equal(count, TestHosts.Vms(host).Count);
    }

    [Fact]
    public void WindowsServer2012DefinesGenerationOneOnly()
    {
        var host = TestHosts.Create(profile: "ws2012");
        var count = TestHosts.Vms(host).Count;
        Assert.Equal(32773u, Define(host, ("ElementName", "uefi"), ("VirtualSystemSubType", "Microsoft:Hyper-V:SubType:2")).ReturnValue);
        Assert.Equal(count, TestHosts.Vms(host).Count);
        Assert.Equal(4096u, Define(host, ("ElementName", "bios"), ("VirtualSystemSubType", "Microsoft:Hyper-V:SubType:1")).ReturnValue);

        // The v1 namespace of the same host shows the new VM too, as it shows every VM.
        Assert.Single(host.ExecuteQuery(TestHosts.V1, "SELECT * FROM Msvm_ComputerSystem WHERE ElementName = 'bios'").Instances);
    }

    [Fact]
    public void DescriptiveCopiedPropertiesAreIgnored()
    {
        var host = TestHosts.Create();
        var result = Define(host, ("InstanceID", "Microsoft:Definition\\Default"), ("Caption", "Virtual Machine Settings"), ("Description", "copied"),
            ("VirtualSystemType", "Microsoft:Hyper-V:System:Realized"), ("ElementName", "copied"));
        Assert.Equal(4096u, result.ReturnValue);
        Assert.Equal(32770u, Define(host, ("VirtualSystemType", "Microsoft:Hyper-V:Snapshot:Realized"), ("ElementName", "snap")).ReturnValue);
    }

    [Fact]
    public void WrongClassIsAnInvalidParameter()
    {
        var host = TestHosts.Create();
        Assert.Equal(32773u, Invoke(host, "DefineSystem", In("SystemSettings", Instance("Msvm_MemorySettingData", ("ElementName", "x")))).ReturnValue);
    }

    [Fact]
    public void ADefinedVmTakesASnapshotAndAThumbnailWhileRunning()
    {
        var clock = new ManualClock();
        var host = TestHosts.Create(clock: clock);
        var name = DefineVm(host, "checkpointed");
        var system = new CimReference(host.GetClass(TestHosts.V2, "Msvm_ComputerSystem").ResourceUri, [new("CreationClassName", "Msvm_ComputerSystem"), new("Name", name)]);
        var snapshotService = host.EnumerateInstances(TestHosts.V2, "Msvm_VirtualSystemSnapshotService").Single();
        var created = host.InvokeMethod(TestHosts.V2, "Msvm_VirtualSystemSnapshotService",
            snapshotService.Class.Keys.Select(k => new KeyValuePair<string, string>(k, (string)snapshotService[k]!)).ToArray(),
            "CreateSnapshot", [In("AffectedSystem", system), In("SnapshotType", "2")]);
        Assert.Equal(4096u, created.ReturnValue);
        Assert.Single(host.ExecuteQuery(TestHosts.V2,
            $"ASSOCIATORS OF {{Msvm_ComputerSystem.CreationClassName='Msvm_ComputerSystem',Name='{name}'}} WHERE AssocClass = Msvm_SnapshotOfVirtualSystem").Instances);

        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(4096u, host.InvokeMethod(TestHosts.V2, "Msvm_ComputerSystem", TestHosts.VmSelectors(TestHosts.Vm(host, "checkpointed")), "RequestStateChange", [In("RequestedState", "2")]).ReturnValue);
        clock.Advance(TimeSpan.FromSeconds(3));
        var settings = new CimReference(host.GetClass(TestHosts.V2, "Msvm_VirtualSystemSettingData").ResourceUri, [new("InstanceID", "Microsoft:" + name.ToUpperInvariant())]);
        var thumbnail = Invoke(host, "GetVirtualSystemThumbnailImage", In("TargetSystem", settings), In("WidthPixels", "80"), In("HeightPixels", "60"));
        Assert.Equal(0u, thumbnail.ReturnValue);
    }

    [Fact]
    public void ADefinedVmStartsStopsAndIsDestroyed()
    {
        var clock = new ManualClock();
        var host = TestHosts.Create(clock: clock);
        var name = DefineVm(host, "cycle");
        var selectors = TestHosts.VmSelectors(TestHosts.Vm(host, "cycle"));
        var reference = new CimReference(host.GetClass(TestHosts.V2, "Msvm_ComputerSystem").ResourceUri, [new("CreationClassName", "Msvm_ComputerSystem"), new("Name", name)]);

        Assert.Equal(4096u, host.InvokeMethod(TestHosts.V2, "Msvm_ComputerSystem", selectors, "RequestStateChange", [new("RequestedState", "2")]).ReturnValue);
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(2UL, TestHosts.Vm(host, "cycle")["EnabledState"]);
        Assert.Equal(32775u, Invoke(host, "DestroySystem", In("AffectedSystem", reference)).ReturnValue);

        Assert.Equal(4096u, host.InvokeMethod(TestHosts.V2, "Msvm_ComputerSystem", selectors, "RequestStateChange", [new("RequestedState", "3")]).ReturnValue);
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(0u, Invoke(host, "DestroySystem", In("AffectedSystem", reference)).ReturnValue);
        Assert.DoesNotContain(TestHosts.Vms(host), v => (string)v["Name"]! == name);
        Assert.Empty(Devices(host, name, "Msvm_ResourceAllocationSettingData"));
    }
}
