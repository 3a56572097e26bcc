using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator.Tests.Model;

/// <summary>Msvm_VirtualSystemSnapshotService: jobs, return codes and faults, and the trees it edits, read back by query.</summary>
public class SnapshotServiceTests
{
    private const string Service = "Msvm_VirtualSystemSnapshotService";
    private const string SettingsUri = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_VirtualSystemSettingData";
    private const string SystemUri = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ComputerSystem";

    private static KeyValuePair<string, string>[] ServiceSelectors(SimulatedHost host)
    {
        var service = Assert.Single(host.EnumerateInstances(TestHosts.V2, Service));
        return [new("CreationClassName", (string)service["CreationClassName"]!), new("Name", (string)service["Name"]!),
            new("SystemCreationClassName", (string)service["SystemCreationClassName"]!), new("SystemName", (string)service["SystemName"]!)];
    }

    private static string Path(SimulatedHost host, string vm) => $"{{Msvm_ComputerSystem.CreationClassName='Msvm_ComputerSystem',Name='{TestHosts.Vm(host, vm)["Name"]}'}}";

    private static IReadOnlyList<CimInstance> Snapshots(SimulatedHost host, string vm) =>
        host.ExecuteQuery(TestHosts.V2, $"ASSOCIATORS OF {Path(host, vm)} WHERE AssocClass = Msvm_SnapshotOfVirtualSystem").Instances;

    private static string? Current(SimulatedHost host, string vm) =>
        (string?)host.ExecuteQuery(TestHosts.V2, $"ASSOCIATORS OF {Path(host, vm)} WHERE AssocClass = Msvm_MostCurrentSnapshotInBranch").Instances.SingleOrDefault()?["ElementName"];

    private static CimReference Snapshot(SimulatedHost host, string vm, string name) =>
        new(SettingsUri, [new("InstanceID", (string)Snapshots(host, vm).Single(s => (string)s["ElementName"]! == name)["InstanceID"]!)]);

    private static string? ParentName(SimulatedHost host, string vm, string name)
    {
        var parentPath = (string?)Snapshots(host, vm).Single(s => (string)s["ElementName"]! == name)["Parent"];
        return parentPath is null ? null : (string?)Snapshots(host, vm).Single(s => parentPath.Contains((string)s["InstanceID"]!, StringComparison.Ordinal))["ElementName"];
    }

    private static MethodResult Invoke(SimulatedHost host, string method, string parameter, object value) =>
        host.InvokeMethod(TestHosts.V2, Service, ServiceSelectors(host), method, [new(parameter, value)]);

    private static void MoveTo(SimulatedHost host, ManualClock clock, string vm, ulong state)
    {
        var system = TestHosts.Vm(host, vm);
        if (!Equals(system["EnabledState"], state))
        {
            Assert.Equal(4096u, host.InvokeMethod(TestHosts.V2, "Msvm_ComputerSystem", TestHosts.VmSelectors(system), "RequestStateChange", [new("RequestedState", state.ToString(System.Globalization.CultureInfo.InvariantCulture))]).ReturnValue);
            clock.Advance(TimeSpan.FromSeconds(3));
        }

        Assert.Equal(state, TestHosts.Vm(host, vm)["EnabledState"]);
    }

    [Fact]
    public void CreateSnapshot_starts_a_job_and_the_new_snapshot_becomes_current_under_the_old_current()
    {
        var clock = new ManualClock();
        var host = TestHosts.Create(clock: clock);
        var system = TestHosts.Vm(host, "vm-003");

        var result = host.InvokeMethod(TestHosts.V2, Service, ServiceSelectors(host), "CreateSnapshot",
            [new("AffectedSystem", new CimReference(SystemUri, TestHosts.VmSelectors(system))), new("SnapshotType", "2")]);

        Assert.Equal(4096u, result.ReturnValue);
        Assert.Contains(result.OutParameters, p => p.Key == "Job" && p.Value is CimReference);
        var created = (CimReference)result.OutParameters.Single(p => p.Key == "ResultingSnapshot").Value!;
        var name = (string)Snapshots(host, "vm-003").Single(s => (string)s["InstanceID"]! == created.Selectors[0].Value)["ElementName"]!;
        Assert.StartsWith("vm-003 - (", name, StringComparison.Ordinal);
        Assert.Equal(4, Snapshots(host, "vm-003").Count);
        Assert.Equal(name, Current(host, "vm-003"));
        Assert.Equal("pre-upgrade", ParentName(host, "vm-003", name));
    }

    [Fact]
    public void ApplySnapshot_while_the_vm_runs_is_invalid_state_and_changes_nothing()
    {
        var clock = new ManualClock();
        var host = TestHosts.Create(clock: clock);
        MoveTo(host, clock, "vm-003", 2);

        var result = Invoke(host, "ApplySnapshot", "Snapshot", Snapshot(host, "vm-003", "baseline"));

        Assert.Equal(32775u, result.ReturnValue);
        Assert.Equal("pre-upgrade", Current(host, "vm-003"));
    }

    [Fact]
    public void ApplySnapshot_on_an_off_vm_makes_the_snapshot_current_and_a_snapshot_with_memory_leaves_it_saved()
    {
        var clock = new ManualClock();
        var host = TestHosts.Create(clock: clock);
        MoveTo(host, clock, "vm-002", 3);

        Assert.Equal(4096u, Invoke(host, "ApplySnapshot", "Snapshot", Snapshot(host, "vm-002", "test-a")).ReturnValue);
        clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal("test-a", Current(host, "vm-002"));
        Assert.Equal(6ul, TestHosts.Vm(host, "vm-002")["EnabledState"]);
        Assert.Equal(4096u, Invoke(host, "ApplySnapshot", "Snapshot", Snapshot(host, "vm-002", "baseline")).ReturnValue);
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal("baseline", Current(host, "vm-002"));
        Assert.Equal(3ul, TestHosts.Vm(host, "vm-002")["EnabledState"]);
    }

    [Fact]
    public void DestroySnapshot_hands_children_to_the_parent_and_the_current_one_moves_up()
    {
        var clock = new ManualClock();
        var host = TestHosts.Create(clock: clock);

        Assert.Equal(4096u, Invoke(host, "DestroySnapshot", "AffectedSnapshot", Snapshot(host, "vm-003", "patched")).ReturnValue);

        Assert.Equal(new[] { "baseline", "pre-upgrade" }, Snapshots(host, "vm-003").Select(s => (string)s["ElementName"]!).Order());
        Assert.Equal("baseline", ParentName(host, "vm-003", "pre-upgrade"));
        Assert.Equal(32775u, Invoke(host, "DestroySnapshot", "AffectedSnapshot", Snapshot(host, "vm-003", "pre-upgrade")).ReturnValue);
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(4096u, Invoke(host, "DestroySnapshot", "AffectedSnapshot", Snapshot(host, "vm-003", "pre-upgrade")).ReturnValue);
        Assert.Equal("baseline", Current(host, "vm-003"));
    }

    [Fact]
    public void DestroySnapshotTree_removes_the_subtree_only()
    {
        var host = TestHosts.Create();

        var leaf = Snapshot(host, "vm-002", "test-b2").Selectors[0].Value;

        Assert.Equal(4096u, Invoke(host, "DestroySnapshotTree", "SnapshotSettingData", Snapshot(host, "vm-002", "test-b")).ReturnValue);

        Assert.Equal(new[] { "baseline", "test-a" }, Snapshots(host, "vm-002").Select(s => (string)s["ElementName"]!).Order());
        Assert.Equal("baseline", Current(host, "vm-002"));
        Assert.DoesNotContain(host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_ParentChildSettingData").Instances,
            a => a["Dependent"] is CimReference d && d.Selectors[0].Value == leaf);
    }

    [Fact]
    public void An_unknown_snapshot_is_wmi_not_found_and_a_wrong_class_is_invalid_parameter()
    {
        var host = TestHosts.Create();

        var fault = Assert.Throws<CimException>(() => Invoke(host, "DestroySnapshot", "AffectedSnapshot",
            new CimReference(SettingsUri, [new("InstanceID", "Microsoft:00000000-0000-0000-0000-000000000001")])));
        Assert.Equal(CimErrorKind.NotFound, fault.Kind);
        Assert.Equal(32773u, Invoke(host, "ApplySnapshot", "Snapshot", new CimReference(SystemUri, TestHosts.VmSelectors(TestHosts.Vm(host, "vm-002")))).ReturnValue);
        Assert.Throws<CimException>(() => Invoke(host, "DestroySnapshot", "AffectedSnapshot",
            new CimReference(SettingsUri, [new("InstanceID", (string)TestHosts.Vm(host, "vm-002")["Name"]! is var id ? "Microsoft:" + id : "")])));
    }
}
