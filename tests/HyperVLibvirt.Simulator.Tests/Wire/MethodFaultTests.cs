using System.Net;
using System.Xml.Linq;
using static HyperVLibvirt.Simulator.Tests.Wire.ManagementRequests;

namespace HyperVLibvirt.Simulator.Tests.Wire;

/// <summary>Per-method fault rules: they count only Invokes of their method, fire on exactly the Nth, and change nothing on the host.</summary>
public sealed class MethodFaultTests
{
    private static string Define(string name) =>
        Invoke("DefineSystem", Embedded("SystemSettings", Instance("Msvm_VirtualSystemSettingData", ("ElementName", name), ("VirtualSystemSubType", "Microsoft:Hyper-V:SubType:2"))));

    private static string AddScsi(string vm) =>
        Invoke("AddResourceSettings",
            Reference("AffectedConfiguration", "Msvm_VirtualSystemSettingData", ("InstanceID", "Microsoft:" + vm.ToUpperInvariant()))
            + Embedded("ResourceSettings", Instance("Msvm_ResourceAllocationSettingData", ("ResourceType", "6"), ("ResourceSubType", "Microsoft:Hyper-V:Synthetic SCSI Controller"))));

    private static async Task<int> ScsiControllersAsync(SimulatorHarness sim, string vm) =>
        (await sim.QueryAllAsync(WsManRequest.V2, $"SELECT * FROM Msvm_ResourceAllocationSettingData WHERE ResourceType = 6 AND InstanceID LIKE 'Microsoft:{vm.ToUpperInvariant()}%'")).Count;

    private static string Vm(XElement output) => SelectorsOf(output.Element(XName.Get("ResultingSystem", ServiceUri))!)["Name"];

    [Fact]
    public void Method_and_job_rules_parse()
    {
        var code = FaultRule.Parse("method:AddResourceSettings=32768@2");
        Assert.Equal(FaultKind.MethodReturnCode, code.Kind);
        Assert.Equal("AddResourceSettings", code.Method);
        Assert.Equal(32768u, code.ReturnCode);
        Assert.Equal(2, code.FromRequest);
        Assert.Equal(1, code.Times);

        var job = FaultRule.Parse("job:DefineSystem");
        Assert.Equal(FaultKind.MethodJobFailure, job.Kind);
        Assert.Equal("DefineSystem", job.Method);
        Assert.Null(job.Times);

        Assert.Throws<FormatException>(() => FaultRule.Parse("method:AddResourceSettings"));
        Assert.Throws<FormatException>(() => FaultRule.Parse("method:=32768"));
        Assert.Throws<FormatException>(() => FaultRule.Parse("job:DefineSystem/Enumerate"));
    }

    [Fact]
    public void A_method_rule_counts_only_its_method()
    {
        var rule = FaultRule.Parse("method:AddResourceSettings=32773@2");
        Assert.False(rule.CountAndMatch("Invoke"));
        Assert.False(rule.CountAndMatchMethod("DefineSystem"));
        Assert.False(rule.CountAndMatchMethod("AddResourceSettings"));
        Assert.False(rule.CountAndMatchMethod("RemoveResourceSettings"));
        Assert.True(rule.CountAndMatchMethod("addresourcesettings"));
        Assert.False(rule.CountAndMatchMethod("AddResourceSettings"));
        Assert.Equal(1, rule.AppliedCount);
    }

    [Fact]
    public async Task The_second_AddResourceSettings_answers_the_code_and_adds_nothing()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var rule = sim.Server.Faults.Add("method:AddResourceSettings=32768@2");
        var vm = Vm(Output(await sim.PostAsync(Define("faulted")), "DefineSystem"));

        Assert.Equal("4096", ReturnValue(Output(await sim.PostAsync(AddScsi(vm)), "AddResourceSettings")));
        Assert.Equal(1, await ScsiControllersAsync(sim, vm)); // queries and other methods are not counted
        var second = await sim.PostAsync(AddScsi(vm));
        Assert.Equal(HttpStatusCode.OK, second.Status);
        var output = Output(second, "AddResourceSettings");
        Assert.Equal("32768", ReturnValue(output));
        Assert.Equal(["ReturnValue"], output.Elements().Select(e => e.Name.LocalName).ToArray());
        Assert.Equal(1, await ScsiControllersAsync(sim, vm));
        Assert.Equal("4096", ReturnValue(Output(await sim.PostAsync(AddScsi(vm)), "AddResourceSettings")));
        Assert.Equal(2, await ScsiControllersAsync(sim, vm));
        Assert.Equal(1, rule.AppliedCount);
    }

    [Fact]
    public async Task A_job_fault_on_DefineSystem_fails_the_job_and_makes_no_VM()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        sim.Server.Faults.Add(new FaultRule(FaultKind.MethodJobFailure) { Method = "DefineSystem", FromRequest = 1, Times = 1 });
        var before = (await sim.QueryAllAsync(WsManRequest.V2, "SELECT * FROM Msvm_ComputerSystem")).Count;

        var output = Output(await sim.PostAsync(Define("never")), "DefineSystem");
        Assert.Equal("4096", ReturnValue(output));
        Assert.Null(output.Element(XName.Get("ResultingSystem", ServiceUri)));
        var jobId = SelectorsOf(output.Element(XName.Get("Job", ServiceUri))!)["InstanceID"];
        var job = Assert.Single(await sim.QueryAllAsync(WsManRequest.V2, $"SELECT * FROM Msvm_ConcreteJob WHERE InstanceID = '{jobId}'"));
        Assert.Equal("10", job.Elements().Single(e => e.Name.LocalName == "JobState").Value);
        Assert.Equal("32768", job.Elements().Single(e => e.Name.LocalName == "ErrorCode").Value);
        Assert.Contains("simulated", job.Elements().Single(e => e.Name.LocalName == "ErrorDescription").Value);
        Assert.Equal(before, (await sim.QueryAllAsync(WsManRequest.V2, "SELECT * FROM Msvm_ComputerSystem")).Count);

        // Only the first: the next define works.
        Assert.Equal("4096", ReturnValue(Output(await sim.PostAsync(Define("second")), "DefineSystem")));
        Assert.Single(await sim.QueryAllAsync(WsManRequest.V2, "SELECT * FROM Msvm_ComputerSystem WHERE ElementName = 'second'"));
    }

    [Fact]
    public async Task A_job_fault_on_the_third_AddResourceSettings_leaves_the_first_two_changes_only()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        sim.Server.Faults.Add("job:AddResourceSettings@3");
        var vm = Vm(Output(await sim.PostAsync(Define("third")), "DefineSystem"));
        foreach (var expected in new[] { 1, 2, 2, 3 })
        {
            Assert.Equal("4096", ReturnValue(Output(await sim.PostAsync(AddScsi(vm)), "AddResourceSettings")));
            Assert.Equal(expected, await ScsiControllersAsync(sim, vm));
        }
    }

    [Fact]
    public void Method_rules_take_counts_and_describe_themselves()
    {
        var rule = FaultRule.Parse("job:RemoveResourceSettings@2+x3");
        Assert.Equal(FaultKind.MethodJobFailure, rule.Kind);
        Assert.Equal(2, rule.FromRequest);
        Assert.Equal(3, rule.Times);
        Assert.Equal("MethodJobFailure on RemoveResourceSettings from #2 x3", rule.ToString());
    }
}
