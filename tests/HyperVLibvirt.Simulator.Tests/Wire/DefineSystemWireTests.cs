using System.Net;
using System.Xml.Linq;
using static HyperVLibvirt.Simulator.Tests.Wire.ManagementRequests;

namespace HyperVLibvirt.Simulator.Tests.Wire;

/// <summary>DefineSystem over the wire: SOAP in as libvirt sends it, SOAP out as Hyper-V answers, the new VM seen by queries.</summary>
public sealed class DefineSystemWireTests
{
    [Fact]
    public async Task DefineSystem_answers_a_job_and_the_resulting_system_which_queries_then_show()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var response = await sim.PostAsync(Invoke("DefineSystem", Embedded("SystemSettings",
            Instance("Msvm_VirtualSystemSettingData", ("ElementName", "wire-vm"), ("VirtualSystemSubType", "Microsoft:Hyper-V:SubType:2")))));
        Assert.Equal(HttpStatusCode.OK, response.Status);
        var output = Output(response, "DefineSystem");
        Assert.Equal("4096", ReturnValue(output));
        Assert.Equal(["ResultingSystem", "Job", "ReturnValue"], output.Elements().Select(e => e.Name.LocalName).ToArray());
        var system = output.Element(XName.Get("ResultingSystem", ServiceUri))!;
        Assert.Equal(WsManRequest.V2 + "Msvm_ComputerSystem", system.Descendants(WsManResponse.W + "ResourceURI").Single().Value);
        var name = SelectorsOf(system)["Name"];
        Assert.Equal("Msvm_ComputerSystem", SelectorsOf(system)["CreationClassName"]);
        var jobId = SelectorsOf(output.Element(XName.Get("Job", ServiceUri))!)["InstanceID"];

        var job = Assert.Single(await sim.QueryAllAsync(WsManRequest.V2, $"SELECT * FROM Msvm_ConcreteJob WHERE InstanceID = '{jobId}'"));
        Assert.Equal("7", job.Elements().Single(e => e.Name.LocalName == "JobState").Value);
        var vm = Assert.Single(await sim.QueryAllAsync(WsManRequest.V2, $"SELECT * FROM Msvm_ComputerSystem WHERE Name = '{name}'"));
        Assert.Equal("wire-vm", vm.Elements().Single(e => e.Name.LocalName == "ElementName").Value);
        Assert.Equal("3", vm.Elements().Single(e => e.Name.LocalName == "EnabledState").Value);
    }

    [Fact]
    public async Task A_taken_identifier_is_refused_with_32773()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var taken = sim.Server.Host.Inventory[0].Id.ToString("D");
        var response = await sim.PostAsync(Invoke("DefineSystem", Embedded("SystemSettings",
            Instance("Msvm_VirtualSystemSettingData", ("ElementName", "dup"), ("VirtualSystemIdentifier", taken)))));
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("32773", ReturnValue(Output(response, "DefineSystem")));
        Assert.Empty(await sim.QueryAllAsync(WsManRequest.V2, "SELECT * FROM Msvm_ComputerSystem WHERE ElementName = 'dup'"));
    }
}
