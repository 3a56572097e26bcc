using System.Xml.Linq;
using static HyperVLibvirt.Simulator.Tests.Wire.ManagementRequests;

namespace HyperVLibvirt.Simulator.Tests.Wire;

/// <summary>ModifyResourceSettings on a COM port, as libvirt's hypervDomainAttachSerial sends it: the port's InstanceID and a new Connection.</summary>
public sealed class SerialPortWireTests
{
    private static string Value(XElement item, string name) => item.Elements().Single(e => e.Name.LocalName == name).Value;

    private static async Task<(string Vm, string Com2)> DefineAsync(SimulatorHarness sim)
    {
        var response = await sim.PostAsync(Invoke("DefineSystem", Embedded("SystemSettings",
            Instance("Msvm_VirtualSystemSettingData", ("ElementName", "wire-serial"), ("VirtualSystemSubType", "Microsoft:Hyper-V:SubType:2")))));
        var vm = SelectorsOf(Output(response, "DefineSystem").Element(XName.Get("ResultingSystem", ServiceUri))!)["Name"];
        var ports = await sim.QueryAllAsync(WsManRequest.V2, $"SELECT * FROM Msvm_SerialPortSettingData WHERE InstanceID LIKE 'Microsoft:{vm.ToUpperInvariant()}%'");
        return (vm, Value(ports.Single(p => Value(p, "ElementName") == "COM 2"), "InstanceID"));
    }

    private static string Port(string instanceId, string connection) =>
        Embedded("ResourceSettings", Instance("Msvm_SerialPortSettingData", ("InstanceID", instanceId), ("Connection", new[] { connection })));

    [Fact]
    public async Task A_pipe_connects_the_port_and_an_empty_connection_disconnects_it()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (vm, com2) = await DefineAsync(sim);
        var output = Output(await sim.PostAsync(Invoke("ModifyResourceSettings", Port(com2, @"\\.\pipe\wire-com2"))), "ModifyResourceSettings");
        Assert.Equal("4096", ReturnValue(output));
        Assert.Equal(com2, SelectorsOf(output.Element(XName.Get("ResultingResourceSettings", ServiceUri))!)["InstanceID"]);
        var port = Assert.Single(await sim.QueryAllAsync(WsManRequest.V2, $"SELECT * FROM Msvm_SerialPortSettingData WHERE InstanceID = '{com2.Replace(@"\", @"\\")}'"));
        Assert.Equal(@"\\.\pipe\wire-com2", Value(port, "Connection"));

        Assert.Equal("4096", ReturnValue(Output(await sim.PostAsync(Invoke("ModifyResourceSettings", Port(com2, ""))), "ModifyResourceSettings")));
        port = Assert.Single(await sim.QueryAllAsync(WsManRequest.V2, $"SELECT * FROM Msvm_SerialPortSettingData WHERE InstanceID = '{com2.Replace(@"\", @"\\")}'"));
        Assert.Equal(string.Empty, Value(port, "Connection"));
        Assert.NotEmpty(vm);
    }

    [Fact]
    public async Task A_connection_that_is_no_pipe_and_an_unknown_port_are_invalid_parameters()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (vm, com2) = await DefineAsync(sim);
        Assert.Equal("32773", ReturnValue(Output(await sim.PostAsync(Invoke("ModifyResourceSettings", Port(com2, @"C:\temp\file"))), "ModifyResourceSettings")));
        Assert.Equal("32773", ReturnValue(Output(await sim.PostAsync(Invoke("ModifyResourceSettings",
            Port($@"Microsoft:{vm.ToUpperInvariant()}\00000000-0000-0000-0000-000000000000\5", @"\\.\pipe\x"))), "ModifyResourceSettings")));
    }
}
