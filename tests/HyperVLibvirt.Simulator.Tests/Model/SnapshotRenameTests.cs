using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator.Tests.Model;

/// <summary>ModifySystemSettings with a snapshot's InstanceID renames that snapshot (Checkpoint-VM -SnapshotName), or refuses an empty name.</summary>
public class SnapshotRenameTests
{
    private const string SystemUri = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ComputerSystem";
    private static readonly KeyValuePair<string, string>[] ManagementService = [new("CreationClassName", "Msvm_VirtualSystemManagementService")];

    private static string TakeSnapshot(SimulatedHost host, string vm)
    {
        var service = Assert.Single(host.EnumerateInstances(TestHosts.V2, "Msvm_VirtualSystemSnapshotService"));
        var result = host.InvokeMethod(TestHosts.V2, "Msvm_VirtualSystemSnapshotService",
            [new("CreationClassName", (string)service["CreationClassName"]!), new("Name", (string)service["Name"]!)], "CreateSnapshot",
            [new("AffectedSystem", new CimReference(SystemUri, TestHosts.VmSelectors(TestHosts.Vm(host, vm)))), new("SnapshotType", "2")]);
        Assert.Equal(4096u, result.ReturnValue);
        var created = Assert.IsType<CimReference>(Assert.Single(result.OutParameters, p => p.Key == "ResultingSnapshot").Value);
        return Assert.Single(created.Selectors, s => s.Key == "InstanceID").Value;
    }

    private static MethodResult Rename(SimulatedHost host, string instanceId, string name) =>
        host.InvokeMethod(TestHosts.V2, "Msvm_VirtualSystemManagementService", ManagementService, "ModifySystemSettings",
            [new("SystemSettings", "<INSTANCE CLASSNAME=\"Msvm_VirtualSystemSettingData\">"
                + $"<PROPERTY NAME=\"InstanceID\" TYPE=\"string\"><VALUE>{instanceId}</VALUE></PROPERTY>"
                + $"<PROPERTY NAME=\"ElementName\" TYPE=\"string\"><VALUE>{name}</VALUE></PROPERTY></INSTANCE>")]);

    private static CimInstance Settings(SimulatedHost host, string instanceId) =>
        host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM Msvm_VirtualSystemSettingData WHERE InstanceID = '{instanceId}'").Instances.Single();

    [Fact]
    public void A_snapshot_is_renamed_and_keeps_its_place_as_current()
    {
        var host = TestHosts.Create();
        var id = TakeSnapshot(host, "vm-003");

        Assert.Equal(0u, Rename(host, id, "before patch").ReturnValue);

        var renamed = Settings(host, id);
        Assert.Equal("before patch", renamed["ElementName"]);
        Assert.Equal("Microsoft:Hyper-V:Snapshot:Realized", renamed["VirtualSystemType"]);
        var path = $"{{Msvm_ComputerSystem.CreationClassName='Msvm_ComputerSystem',Name='{TestHosts.Vm(host, "vm-003")["Name"]}'}}";
        var current = host.ExecuteQuery(TestHosts.V2, $"ASSOCIATORS OF {path} WHERE AssocClass = Msvm_MostCurrentSnapshotInBranch").Instances.Single();
        Assert.Equal("before patch", current["ElementName"]);
    }

    [Fact]
    public void An_empty_name_is_an_invalid_parameter_and_the_name_stays()
    {
        var host = TestHosts.Create();
        var id = TakeSnapshot(host, "vm-003");
        var before = (string)Settings(host, id)["ElementName"]!;

        Assert.Equal(32773u, Rename(host, id, " ").ReturnValue);

        Assert.Equal(before, Settings(host, id)["ElementName"]);
    }
}
