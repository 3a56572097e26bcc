using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator.Tests.Model;

/// <summary>Msvm_VirtualSystemManagementService.GetSummaryInformation on the model.</summary>
public class SummaryInformationTests
{
    private const string SettingsUri = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_VirtualSystemSettingData";
    private static readonly KeyValuePair<string, string>[] Service =
        [new("CreationClassName", "Msvm_VirtualSystemManagementService"), new("SystemCreationClassName", "Msvm_ComputerSystem")];

    private static readonly IReadOnlyList<object> Codes = ["0", "1", "10", "100", "101", "103", "104", "105", "111"];

    private static MethodResult Invoke(SimulatedHost host, params KeyValuePair<string, object?>[] inputs) =>
        host.InvokeMethod(TestHosts.V2, "Msvm_VirtualSystemManagementService", Service, "GetSummaryInformation", inputs);

    private static KeyValuePair<string, object?> In(string name, object? value) => new(name, value);

    private static CimReference SettingsOf(CimInstance vm) =>
        new(SettingsUri, [new("InstanceID", "Microsoft:" + ((string)vm["Name"]!).ToUpperInvariant())]);

    private static IReadOnlyList<CimInstance> Summaries(MethodResult result) =>
        ((IReadOnlyList<object>)Assert.Single(result.OutParameters, p => p.Key == "SummaryInformation").Value!).Cast<CimInstance>().ToArray();

    [Fact]
    public void Without_setting_data_every_vm_is_summarised_in_inventory_order()
    {
        var host = TestHosts.Create();
        var result = Invoke(host, In("RequestedInformation", Codes));
        Assert.Equal(0u, result.ReturnValue);
        var summaries = Summaries(result);
        Assert.Equal(host.Inventory.Select(v => v.Name), summaries.Select(s => (string)s["ElementName"]!));
        Assert.All(summaries, s => Assert.Equal("Msvm_SummaryInformation", s.Class.Name));
    }

    [Fact]
    public void Without_setting_data_a_destroyed_vm_is_left_out_and_defined_ones_come_last()
    {
        var host = TestHosts.Create();
        var off = host.Inventory.First(v => v.State == EnabledStates.Disabled);
        var system = new CimReference(host.GetClass(TestHosts.V2, "Msvm_ComputerSystem").ResourceUri, [new("CreationClassName", "Msvm_ComputerSystem"), new("Name", off.Id.ToString("D"))]);
        Assert.Equal(0u, ManagementCalls.Invoke(host, "DestroySystem", In("AffectedSystem", system)).ReturnValue);
        ManagementCalls.DefineVm(host, "defined-a");
        ManagementCalls.DefineVm(host, "defined-b");

        var result = Invoke(host, In("RequestedInformation", Codes));
        Assert.Equal(0u, result.ReturnValue);
        Assert.Equal(host.Inventory.Where(v => v.Id != off.Id).Select(v => v.Name).Append("defined-a").Append("defined-b"),
            Summaries(result).Select(s => (string)s["ElementName"]!));
    }

    [Fact]
    public void Setting_data_picks_the_vms_in_the_order_given()
    {
        var host = TestHosts.Create();
        var second = TestHosts.Vm(host, "vm-002");
        var first = TestHosts.Vm(host, "vm-001");
        var summaries = Summaries(Invoke(host, In("SettingData", new object[] { SettingsOf(second), SettingsOf(first) }), In("RequestedInformation", Codes)));
        Assert.Equal(["vm-002", "vm-001"], summaries.Select(s => (string)s["ElementName"]!));
        Assert.Equal(first["Name"], summaries[1]["Name"]);
    }

    [Fact]
    public void Values_follow_the_state_and_uptime_grows_with_the_clock()
    {
        var clock = new ManualClock();
        var host = TestHosts.Create(clock: clock);
        var running = host.Inventory.First(v => v.State == EnabledStates.Enabled);
        var off = host.Inventory.First(v => v.State == EnabledStates.Disabled);
        var vm = TestHosts.Vm(host, running.Name);
        var before = Summaries(Invoke(host, In("SettingData", SettingsOf(vm)), In("RequestedInformation", Codes)))[0];
        clock.Advance(TimeSpan.FromSeconds(90));
        var after = Summaries(Invoke(host, In("SettingData", SettingsOf(vm)), In("RequestedInformation", Codes)))[0];
        Assert.Equal(90_000UL, (ulong)after["UpTime"]! - (ulong)before["UpTime"]!);
        Assert.InRange((ulong)after["ProcessorLoad"]!, 1UL, 40UL);
        Assert.Equal(running.MemoryMB, (ulong)after["MemoryUsage"]!);
        Assert.Equal(2UL, after["Heartbeat"]);
        Assert.Equal("9.0", after["Version"]);

        var offSummary = Summaries(Invoke(host, In("SettingData", SettingsOf(TestHosts.Vm(host, off.Name))), In("RequestedInformation", Codes)))[0];
        Assert.Equal(0UL, offSummary["ProcessorLoad"]);
        Assert.Equal(0UL, offSummary["MemoryUsage"]);
        Assert.Equal(0UL, offSummary["UpTime"]);
        Assert.Null(offSummary["Heartbeat"]);
    }

    [Fact]
    public void The_heartbeat_follows_the_guest_boot_no_contact_then_ok()
    {
        var clock = new ManualClock();
        var host = TestHosts.Create(clock: clock);
        var off = host.Inventory.First(v => v.State == EnabledStates.Disabled && v.IntegrationServices);
        var vm = TestHosts.Vm(host, off.Name);
        ulong? Heartbeat() => (ulong?)Summaries(Invoke(host, In("SettingData", SettingsOf(vm)), In("RequestedInformation", "104")))[0]["Heartbeat"];
        Assert.Null(Heartbeat());
        Assert.Equal(4096u, host.InvokeMethod(TestHosts.V2, "Msvm_ComputerSystem", TestHosts.VmSelectors(vm), "RequestStateChange", [In("RequestedState", "2")]).ReturnValue);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(12UL, Heartbeat());
        clock.Advance(host.Settings.GuestBoot.HeartbeatDelay);
        Assert.Equal(2UL, Heartbeat());
    }

    [Fact]
    public void Only_the_requested_properties_are_filled()
    {
        var host = TestHosts.Create();
        var summary = Summaries(Invoke(host, In("RequestedInformation", "1")))[0];
        Assert.NotNull(summary["ElementName"]);
        Assert.Null(summary["Name"]);
        Assert.Null(summary["EnabledState"]);
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        var host = TestHosts.Create();
        var vm = TestHosts.Vm(host, "vm-001");
        Assert.Equal(32773u, Invoke(host).ReturnValue);
        Assert.Equal(32773u, Invoke(host, In("RequestedInformation", Codes),
            In("SettingData", new CimReference(SettingsUri, [new("InstanceID", "Microsoft:" + Guid.NewGuid().ToString().ToUpperInvariant())]))).ReturnValue);
        Assert.Equal(32773u, Invoke(host, In("RequestedInformation", Codes),
            In("SettingData", new CimReference(SettingsUri.Replace("Msvm_VirtualSystemSettingData", "Msvm_ComputerSystem"), [new("Name", (string)vm["Name"]!)]))).ReturnValue);
        Assert.Empty(Invoke(host).OutParameters);
        Assert.Equal(CimErrorKind.InvalidParameter, Assert.Throws<CimException>(() => Invoke(host, In("RequestedInformation", "lots"))).Kind);
    }
}
