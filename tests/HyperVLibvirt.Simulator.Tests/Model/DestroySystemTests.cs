using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator.Tests.Model;

/// <summary>DestroySystem removes an off or saved VM with everything that names it, and refuses an active one.</summary>
public class DestroySystemTests
{
    private static readonly KeyValuePair<string, string>[] Service = [new("CreationClassName", "Msvm_VirtualSystemManagementService")];

    private static MethodResult Destroy(SimulatedHost host, string vmName) =>
        host.InvokeMethod(TestHosts.V2, "Msvm_VirtualSystemManagementService", Service, "DestroySystem",
            [new("AffectedSystem", new CimReference(host.GetClass(TestHosts.V2, "Msvm_ComputerSystem").ResourceUri,
                [new("CreationClassName", "Msvm_ComputerSystem"), new("Name", vmName)]))]);

    private static int Mentions(SimulatedHost host, string vmName) =>
        new[] { "Msvm_VirtualSystemSettingData", "Msvm_MemorySettingData", "Msvm_ProcessorSettingData", "Msvm_ResourceAllocationSettingData",
                "Msvm_KvpExchangeComponent", "Msvm_SyntheticEthernetPortSettingData", "Msvm_SettingsDefineState", "Msvm_SnapshotOfVirtualSystem" }
            .Sum(c => host.EnumerateInstances(TestHosts.V2, c).Count(i => i.Class.Properties.Any(p =>
                (i[p.Name] is string s && s.Contains(vmName, StringComparison.OrdinalIgnoreCase))
                || (i[p.Name] is CimReference r && r.Selectors.Any(x => x.Value.Contains(vmName, StringComparison.OrdinalIgnoreCase))))));

    [Fact]
    public void AnOffVmIsRemovedWithEverythingThatNamesIt()
    {
        var host = TestHosts.Create();
        var vm = host.Inventory.First(v => v.State == EnabledStates.Disabled);
        var name = vm.Id.ToString("D");
        var before = TestHosts.Vms(host).Count;
        Assert.True(Mentions(host, name) > 0);

        Assert.Equal(0u, Destroy(host, name).ReturnValue);
        Assert.Equal(before - 1, TestHosts.Vms(host).Count);
        Assert.DoesNotContain(TestHosts.Vms(host), i => (string)i["Name"]! == name);
        Assert.Equal(0, Mentions(host, name));

        // The others are untouched, and a second destroy finds nothing.
        Assert.All(host.Inventory.Where(v => v.Id != vm.Id), v => Assert.Contains(TestHosts.Vms(host), i => (string)i["Name"]! == v.Id.ToString("D")));
        Assert.Equal(32773u, Destroy(host, name).ReturnValue);
    }

    [Fact]
    public void AnActiveVmIsRefusedAndKept()
    {
        var host = TestHosts.Create();
        var running = host.Inventory.First(v => v.State == EnabledStates.Enabled).Id.ToString("D");
        Assert.Equal(32775u, Destroy(host, running).ReturnValue);
        Assert.Contains(TestHosts.Vms(host), i => (string)i["Name"]! == running);
    }

    [Fact]
    public void AReferenceToNoVmIsAnInvalidParameter()
    {
        var host = TestHosts.Create();
        Assert.Equal(32773u, Destroy(host, Guid.Empty.ToString("D")).ReturnValue);
        Assert.Equal(32773u, host.InvokeMethod(TestHosts.V2, "Msvm_VirtualSystemManagementService", Service, "DestroySystem", []).ReturnValue);
    }
}
