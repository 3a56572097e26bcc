using HyperVLibvirt.Simulator.Model;
using static HyperVLibvirt.Simulator.Tests.Model.ManagementCalls;

namespace HyperVLibvirt.Simulator.Tests.Model;

/// <summary>RemoveResourceSettings takes a device away with what hangs on it, and refuses what Hyper-V keeps.</summary>
public class RemoveResourceSettingsTests
{
    private const string Vhdx = @"C:\ProgramData\Microsoft\Windows\Virtual Hard Disks\removable.vhdx";

    // A generation 2 VM with a SCSI controller, a disk drive with its image, and a connected adapter.
    private static (SimulatedHost Host, string Vm, CimReference Controller, CimReference Drive, CimReference Image, CimReference Nic, CimReference Connection) Equipped(ManualClock? clock = null)
    {
        var host = TestHosts.Create(clock: clock);
        host.Files.Add(Vhdx, 4UL << 20);
        var vm = DefineVm(host, "equipped");
        var controller = Resulting(Add(host, vm, ScsiController()))[0];
        var drive = Resulting(Add(host, vm, Drive(PathOf(host, controller), 0)))[0];
        var image = Resulting(Add(host, vm, Medium(PathOf(host, drive), Vhdx)))[0];
        var nic = Resulting(Add(host, vm, Nic()))[0];
        var external = host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_VirtualEthernetSwitch WHERE ElementName = 'External'").Instances.Single();
        var connection = Resulting(Add(host, vm, Connection(PathOf(host, nic), WmiObjectPath.Of(host.ComputerName, external))))[0];
        return (host, vm, controller, drive, image, nic, connection);
    }

    [Fact]
    public void RemovingADriveRemovesItsImage()
    {
        var (host, vm, _, drive, _, _, _) = Equipped();
        var result = Remove(host, drive);
        Assert.Equal(4096u, result.ReturnValue);
        Assert.Equal(7UL, Job(host, result)["JobState"]);
        Assert.Empty(Devices(host, vm, "Msvm_StorageAllocationSettingData"));
        Assert.DoesNotContain(Devices(host, vm, "Msvm_ResourceAllocationSettingData"), r => (ulong)r["ResourceType"]! == 17);
        Assert.Single(Devices(host, vm, "Msvm_ResourceAllocationSettingData"), r => (ulong)r["ResourceType"]! == 6);
    }

    [Fact]
    public void RemovingAnImageLeavesTheDriveEmpty()
    {
        var (host, vm, _, drive, image, _, _) = Equipped();
        Assert.Equal(4096u, Remove(host, image).ReturnValue);
        Assert.Empty(Devices(host, vm, "Msvm_StorageAllocationSettingData"));
        Assert.NotNull(Read(host, drive));
    }

    [Fact]
    public void RemovingAControllerRemovesItsDrives()
    {
        var (host, vm, controller, _, _, _, _) = Equipped();
        Assert.Equal(4096u, Remove(host, controller).ReturnValue);
        Assert.DoesNotContain(Devices(host, vm, "Msvm_ResourceAllocationSettingData"), r => (ulong)r["ResourceType"]! is 6 or 17);
        Assert.Empty(Devices(host, vm, "Msvm_StorageAllocationSettingData"));
    }

    [Fact]
    public void RemovingAnAdapterRemovesItsConnectionAndGuestConfiguration()
    {
        var (host, vm, _, _, _, nic, connection) = Equipped();
        Assert.Equal(4096u, Remove(host, connection).ReturnValue);
        Assert.Empty(Devices(host, vm, "Msvm_EthernetPortAllocationSettingData"));
        Assert.Single(Devices(host, vm, "Msvm_SyntheticEthernetPortSettingData"));
        Assert.Equal(4096u, Remove(host, nic).ReturnValue);
        Assert.Empty(Devices(host, vm, "Msvm_SyntheticEthernetPortSettingData"));
        Assert.Empty(host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM Msvm_GuestNetworkAdapterConfiguration WHERE InstanceID LIKE 'Microsoft:GuestNetwork\\\\{vm.ToUpperInvariant()}%'").Instances);
    }

    [Fact]
    public void ComPortsIdeChannelsAndUnknownSettingsStay()
    {
        var host = TestHosts.Create();
        var vm = DefineVm(host, "fixed-parts", generation: 1);
        var rasdUri = host.GetClass(TestHosts.V2, "Msvm_ResourceAllocationSettingData").ResourceUri;
        var before = Devices(host, vm, "Msvm_ResourceAllocationSettingData");
        foreach (var setting in before)
        {
            Assert.Equal(32773u, Remove(host, new CimReference(rasdUri, [new("InstanceID", (string)setting["InstanceID"]!)])).ReturnValue);
        }

        Assert.Equal(32773u, Remove(host, new CimReference(rasdUri, [new("InstanceID", "Microsoft:" + Guid.NewGuid().ToString("D").ToUpperInvariant() + @"\X")])).ReturnValue);
        Assert.Equal(before.Count, Devices(host, vm, "Msvm_ResourceAllocationSettingData").Count);
    }

    [Fact]
    public void WhileAJobRunsNothingIsRemovedAndWhileRunningAControllerStaysAndAScsiDriveGoes()
    {
        var clock = new ManualClock();
        var (host, vm, controller, drive, _, _, _) = Equipped(clock);
        var selectors = TestHosts.VmSelectors(TestHosts.Vm(host, "equipped"));
        Assert.Equal(4096u, host.InvokeMethod(TestHosts.V2, "Msvm_ComputerSystem", selectors, "RequestStateChange", [new("RequestedState", "2")]).ReturnValue);
        Assert.Equal(32774u, Remove(host, drive).ReturnValue); // the start job runs for 2 s

        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(2UL, TestHosts.Vm(host, "equipped")["EnabledState"]);
        Assert.Equal(32775u, Remove(host, controller).ReturnValue);
        Assert.Single(Devices(host, vm, "Msvm_StorageAllocationSettingData"));
        Assert.Equal(4096u, Remove(host, drive).ReturnValue);
        Assert.Empty(Devices(host, vm, "Msvm_StorageAllocationSettingData"));
    }
}
