using HyperVLibvirt.Simulator.Model;
using static HyperVLibvirt.Simulator.Tests.Model.ManagementCalls;

namespace HyperVLibvirt.Simulator.Tests.Model;

/// <summary>ModifyResourceSettings connects a COM port to a named pipe as libvirt's hypervDomainAttachSerial does.</summary>
public class SerialPortChangeTests
{
    private static MethodResult Modify(SimulatedHost host, string instance, string ns = TestHosts.V2) =>
        host.InvokeMethod(ns, "Msvm_VirtualSystemManagementService", Service, "ModifyResourceSettings", [In("ResourceSettings", instance)]);

    private static CimInstance Com(SimulatedHost host, string vm, int port, string className = "Msvm_SerialPortSettingData") =>
        Devices(host, vm, className).Single(p => (string?)p["ElementName"] == "COM " + port);

    private static string Connect(string className, string instanceId, params string[] connection) =>
        Instance(className, ("InstanceID", instanceId), ("Connection", connection), ("ResourceType", "21"), ("ResourceSubType", "Microsoft:Hyper-V:Serial Port"));

    [Fact]
    public void ADefinedVmsComPortTakesAPipeAndGivesItUp()
    {
        var host = TestHosts.Create();
        var vm = DefineVm(host, "console");
        var com2 = (string)Com(host, vm, 2)["InstanceID"]!;
        var result = Modify(host, Connect("Msvm_SerialPortSettingData", com2, @"\\.\pipe\console-com2"));
        Assert.Equal(4096u, result.ReturnValue);
        Assert.Equal(new object[] { @"\\.\pipe\console-com2" }, (IReadOnlyList<object>)Com(host, vm, 2)["Connection"]!);
        Assert.Equal(new object[] { "" }, (IReadOnlyList<object>)Com(host, vm, 1)["Connection"]!);

        Assert.Equal(4096u, Modify(host, Connect("Msvm_SerialPortSettingData", com2, "")).ReturnValue);
        Assert.Equal(new object[] { "" }, (IReadOnlyList<object>)Com(host, vm, 2)["Connection"]!);
    }

    [Fact]
    public void ARunningInventoryVmKeepsItsOtherDevices()
    {
        var host = TestHosts.Create();
        var running = host.Inventory.First(v => v.State == EnabledStates.Enabled).Id.ToString("D");
        var before = Devices(host, running, "Msvm_ResourceAllocationSettingData").Count;
        Assert.Equal(4096u, Modify(host, Connect("Msvm_SerialPortSettingData", (string)Com(host, running, 1)["InstanceID"]!, @"\\.\pipe\live")).ReturnValue);
        Assert.Equal(new object[] { @"\\.\pipe\live" }, (IReadOnlyList<object>)Com(host, running, 1)["Connection"]!);
        Assert.Equal(before, Devices(host, running, "Msvm_ResourceAllocationSettingData").Count);
    }

    [Fact]
    public void BeforeWindowsServer2016ThePortIsAPlainRasd()
    {
        var host = TestHosts.Create(profile: "ws2012r2");
        var vm = host.Inventory[0].Id.ToString("D");
        var com1 = Com(host, vm, 1, "Msvm_ResourceAllocationSettingData");
        Assert.Equal(4096u, Modify(host, Connect("Msvm_ResourceAllocationSettingData", (string)com1["InstanceID"]!, @"\\.\pipe\old")).ReturnValue);
        Assert.Equal(new object[] { @"\\.\pipe\old" }, (IReadOnlyList<object>)Com(host, vm, 1, "Msvm_ResourceAllocationSettingData")["Connection"]!);
    }

    [Fact]
    public void AWrongTypeAnotherPropertyOrAnotherDeviceIsRefused()
    {
        var host = TestHosts.Create();
        var vm = DefineVm(host, "serial-refusals", generation: 1);
        var com1 = (string)Com(host, vm, 1)["InstanceID"]!;
        Assert.Equal(32773u, Modify(host, Instance("Msvm_SerialPortSettingData", ("InstanceID", com1), ("ResourceType", "17"), ("Connection", new[] { "x" }))).ReturnValue);
        Assert.Equal(32770u, Modify(host, Instance("Msvm_SerialPortSettingData", ("InstanceID", com1), ("DebuggerMode", "true"))).ReturnValue);
        var ide = (string)Devices(host, vm, "Msvm_ResourceAllocationSettingData").First(r => (ulong)r["ResourceType"]! == 5)["InstanceID"]!;
        Assert.Equal(32773u, Modify(host, Connect("Msvm_ResourceAllocationSettingData", ide, "x")).ReturnValue);
        Assert.Equal(new object[] { "" }, (IReadOnlyList<object>)Com(host, vm, 1)["Connection"]!);
    }
}
