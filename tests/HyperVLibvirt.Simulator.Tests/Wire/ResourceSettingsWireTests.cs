using System.Net;
using System.Xml.Linq;
using static HyperVLibvirt.Simulator.Tests.Wire.ManagementRequests;

namespace HyperVLibvirt.Simulator.Tests.Wire;

/// <summary>AddResourceSettings and RemoveResourceSettings over the wire: EPR and embedded-instance parameters in, ResultingResourceSettings out.</summary>
public sealed class ResourceSettingsWireTests
{
    private static string Value(XElement item, string name) => item.Elements().Single(e => e.Name.LocalName == name).Value;

    private static async Task<string> DefineAsync(SimulatorHarness sim, string name)
    {
        var response = await sim.PostAsync(Invoke("DefineSystem", Embedded("SystemSettings",
            Instance("Msvm_VirtualSystemSettingData", ("ElementName", name), ("VirtualSystemSubType", "Microsoft:Hyper-V:SubType:2")))));
        return SelectorsOf(Output(response, "DefineSystem").Element(XName.Get("ResultingSystem", ServiceUri))!)["Name"];
    }

    private static string Affected(string vm) =>
        Reference("AffectedConfiguration", "Msvm_VirtualSystemSettingData", ("InstanceID", "Microsoft:" + vm.ToUpperInvariant()));

    [Fact]
    public async Task Two_instances_in_one_call_answer_two_references_in_order_and_remove_takes_references()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var vm = await DefineAsync(sim, "wire-devices");
        var scsi = Instance("Msvm_ResourceAllocationSettingData", ("ResourceType", "6"), ("ResourceSubType", "Microsoft:Hyper-V:Synthetic SCSI Controller"));
        var nic = Instance("Msvm_SyntheticEthernetPortSettingData", ("ResourceType", "10"), ("ResourceSubType", "Microsoft:Hyper-V:Synthetic Ethernet Port"),
            ("ElementName", "Network Adapter"), ("VirtualSystemIdentifiers", new[] { "{" + Guid.NewGuid() + "}" }), ("StaticMacAddress", "true"), ("Address", "00155D0A0B0C"));
        var response = await sim.PostAsync(Invoke("AddResourceSettings", Affected(vm) + Embedded("ResourceSettings", scsi) + Embedded("ResourceSettings", nic)));
        Assert.Equal(HttpStatusCode.OK, response.Status);
        var output = Output(response, "AddResourceSettings");
        Assert.Equal("4096", ReturnValue(output));
        var resulting = output.Elements(XName.Get("ResultingResourceSettings", ServiceUri)).ToArray();
        Assert.Equal(2, resulting.Length);
        Assert.EndsWith("/Msvm_ResourceAllocationSettingData", resulting[0].Descendants(WsManResponse.W + "ResourceURI").Single().Value);
        Assert.EndsWith("/Msvm_SyntheticEthernetPortSettingData", resulting[1].Descendants(WsManResponse.W + "ResourceURI").Single().Value);
        Assert.Contains(output.Elements(), e => e.Name.LocalName == "Job");

        var ports = await sim.QueryAllAsync(WsManRequest.V2, $"SELECT * FROM Msvm_SyntheticEthernetPortSettingData WHERE InstanceID LIKE 'Microsoft:{vm.ToUpperInvariant()}%'");
        Assert.Equal("00155D0A0B0C", Value(Assert.Single(ports), "Address"));

        var nicId = SelectorsOf(resulting[1])["InstanceID"];
        var removal = await sim.PostAsync(Invoke("RemoveResourceSettings",
            Reference("ResourceSettings", "Msvm_SyntheticEthernetPortSettingData", ("InstanceID", nicId))));
        Assert.Equal("4096", ReturnValue(Output(removal, "RemoveResourceSettings")));
        Assert.Empty(await sim.QueryAllAsync(WsManRequest.V2, $"SELECT * FROM Msvm_SyntheticEthernetPortSettingData WHERE InstanceID LIKE 'Microsoft:{vm.ToUpperInvariant()}%'"));
    }

    [Fact]
    public async Task A_missing_image_answers_4096_and_a_failed_job()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var vm = await DefineAsync(sim, "wire-missing");
        var scsi = Instance("Msvm_ResourceAllocationSettingData", ("ResourceType", "6"), ("ResourceSubType", "Microsoft:Hyper-V:Synthetic SCSI Controller"));
        var controllerId = SelectorsOf(Output(await sim.PostAsync(Invoke("AddResourceSettings", Affected(vm) + Embedded("ResourceSettings", scsi))), "AddResourceSettings")
            .Element(XName.Get("ResultingResourceSettings", ServiceUri))!)["InstanceID"];
        var controllerPath = $@"\\{sim.Server.Host.ComputerName}\root\virtualization\v2:Msvm_ResourceAllocationSettingData.InstanceID=""{controllerId.Replace(@"\", @"\\")}""";
        var drive = Instance("Msvm_ResourceAllocationSettingData", ("ResourceType", "16"), ("ResourceSubType", "Microsoft:Hyper-V:Synthetic DVD Drive"), ("Parent", controllerPath), ("AddressOnParent", "0"));
        var driveId = SelectorsOf(Output(await sim.PostAsync(Invoke("AddResourceSettings", Affected(vm) + Embedded("ResourceSettings", drive))), "AddResourceSettings")
            .Element(XName.Get("ResultingResourceSettings", ServiceUri))!)["InstanceID"];
        var drivePath = $@"\\{sim.Server.Host.ComputerName}\root\virtualization\v2:Msvm_ResourceAllocationSettingData.InstanceID=""{driveId.Replace(@"\", @"\\")}""";
        var iso = Instance("Msvm_StorageAllocationSettingData", ("ResourceType", "31"), ("ResourceSubType", "Microsoft:Hyper-V:Virtual CD/DVD Disk"), ("Parent", drivePath), ("HostResource", new[] { @"C:\ISO\not-there.iso" }));

        var output = Output(await sim.PostAsync(Invoke("AddResourceSettings", Affected(vm) + Embedded("ResourceSettings", iso))), "AddResourceSettings");
        Assert.Equal("4096", ReturnValue(output));
        var jobId = SelectorsOf(output.Element(XName.Get("Job", ServiceUri))!)["InstanceID"];
        var job = Assert.Single(await sim.QueryAllAsync(WsManRequest.V2, $"SELECT * FROM Msvm_ConcreteJob WHERE InstanceID = '{jobId}'"));
        Assert.Equal("10", Value(job, "JobState"));
        Assert.Equal("32768", Value(job, "ErrorCode"));
        Assert.Contains(@"C:\ISO\not-there.iso", Value(job, "ErrorDescription"));
        Assert.Empty(await sim.QueryAllAsync(WsManRequest.V2, $"SELECT * FROM Msvm_StorageAllocationSettingData WHERE InstanceID LIKE 'Microsoft:{vm.ToUpperInvariant()}%'"));
    }
}
