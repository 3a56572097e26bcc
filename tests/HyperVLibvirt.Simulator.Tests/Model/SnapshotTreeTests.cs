using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator.Tests.Model;

/// <summary>Snapshot trees on a v2 host, joined as Hyper-V joins checkpoints, and invisible where only realized settings belong.</summary>
public class SnapshotTreeTests
{
    private const string SnapshotType = "Microsoft:Hyper-V:Snapshot:Realized";

    private static IReadOnlyList<CimInstance> Snapshots(SimulatedHost host) =>
        host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM Msvm_VirtualSystemSettingData WHERE VirtualSystemType = '{SnapshotType}'").Instances;

    private static string Vm(SimulatedHost host, string name) => (string)TestHosts.Vm(host, name)["Name"]!;

    [Fact]
    public void The_stock_host_has_chains_branches_and_vms_without_snapshots()
    {
        var host = TestHosts.Create();
        var byVm = Snapshots(host).GroupBy(s => ((string)s["VirtualSystemIdentifier"]!).ToLowerInvariant()).ToDictionary(g => g.Key, g => g.ToArray());

        Assert.False(byVm.ContainsKey(Vm(host, "vm-001")));
        Assert.Equal(new[] { "baseline", "patched", "pre-upgrade" }, byVm[Vm(host, "vm-003")].Select(s => (string)s["ElementName"]!));
        Assert.Equal(new[] { "baseline", "test-a", "test-b", "test-b2" }, byVm[Vm(host, "vm-002")].Select(s => (string)s["ElementName"]!));
    }

    [Fact]
    public void Parent_paths_and_parent_child_associations_agree()
    {
        var host = TestHosts.Create();
        var linked = 0;
        foreach (var snapshot in Snapshots(host))
        {
            var children = host.ExecuteQuery(TestHosts.V2,
                $"ASSOCIATORS OF {{Msvm_VirtualSystemSettingData.InstanceID='{snapshot["InstanceID"]}'}} WHERE AssocClass = Msvm_ParentChildSettingData ResultRole = Dependent").Instances;
            foreach (var child in children)
            {
                linked++;
                Assert.Equal($"\\\\HV-TEST01\\root\\virtualization\\v2:Msvm_VirtualSystemSettingData.InstanceID=\"{snapshot["InstanceID"]}\"", child["Parent"]);
            }
        }
        Assert.Equal(Snapshots(host).Count(s => s["Parent"] is not null), linked);
        Assert.Contains(Snapshots(host), s => s["Parent"] is null);
    }

    [Fact]
    public void The_vm_reaches_its_snapshots_and_its_current_one_by_association()
    {
        var host = TestHosts.Create();
        var vm = Vm(host, "vm-002");
        var path = $"{{Msvm_ComputerSystem.CreationClassName='Msvm_ComputerSystem',Name='{vm}'}}";

        var all = host.ExecuteQuery(TestHosts.V2, $"ASSOCIATORS OF {path} WHERE AssocClass = Msvm_SnapshotOfVirtualSystem").Instances;
        var current = host.ExecuteQuery(TestHosts.V2, $"ASSOCIATORS OF {path} WHERE AssocClass = Msvm_MostCurrentSnapshotInBranch").Instances;

        Assert.Equal(4, all.Count);
        Assert.Equal("test-b2", Assert.Single(current)["ElementName"]);
    }

    [Fact]
    public void Msvm_SettingsDefineState_names_only_the_realized_settings()
    {
        var host = TestHosts.Create();
        var vm = Vm(host, "vm-002");

        var settings = host.ExecuteQuery(TestHosts.V2,
            $"ASSOCIATORS OF {{Msvm_ComputerSystem.CreationClassName='Msvm_ComputerSystem',Name='{vm}'}} WHERE AssocClass = Msvm_SettingsDefineState ResultClass = Msvm_VirtualSystemSettingData").Instances;

        Assert.Equal("Microsoft:Hyper-V:System:Realized", Assert.Single(settings)["VirtualSystemType"]);
    }

    [Fact]
    public void A_v1_namespace_has_no_snapshots()
    {
        var host = TestHosts.Create(profile: "ws2012");

        Assert.Empty(host.EnumerateInstances(TestHosts.V1, "Msvm_SnapshotOfVirtualSystem"));
        Assert.NotEmpty(host.EnumerateInstances(TestHosts.V2, "Msvm_SnapshotOfVirtualSystem"));
    }
}
