using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator.Tests.Model;

/// <summary>Display controllers and video heads, walked as libvirt's hypervGetVideoResolution does.</summary>
public class DisplayTests
{
    // libvirt: the controller by SystemName, then ASSOCIATORS with the DeviceID pasted in unescaped.
    private static CimInstance? Head(SimulatedHost host, string vmName, string controllerClass)
    {
        var controller = host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM {controllerClass} WHERE SystemName = '{vmName}'").Instances.SingleOrDefault();
        if (controller is null)
        {
            return null;
        }

        var query = $"ASSOCIATORS OF {{{controllerClass}.CreationClassName='{controllerClass}',DeviceID='{controller["DeviceID"]}',SystemCreationClassName='Msvm_ComputerSystem',SystemName='{vmName}'}} WHERE AssocClass = Msvm_VideoHeadOnController ResultClass = Msvm_VideoHead";
        return host.ExecuteQuery(TestHosts.V2, query).Instances.Single();
    }

    [Fact]
    public void GenerationTwoHasASyntheticControllerAndGenerationOneAnS3One()
    {
        var host = TestHosts.Create();
        foreach (var spec in host.Inventory)
        {
            var name = spec.Id.ToString("D");
            var generation = VmDeviceLayout.GenerationOf(spec);
            var synthetic = Head(host, name, "Msvm_SyntheticDisplayController");
            var s3 = Head(host, name, "Msvm_S3DisplayController");
            Assert.Equal(generation == 2, synthetic is not null);
            Assert.Equal(generation == 1, s3 is not null);
            var head = (synthetic ?? s3)!;
            var running = spec.State == EnabledStates.Enabled;
            Assert.Equal(running ? "2" : "3", head["EnabledState"]);
            Assert.Equal(running ? 1024UL : null, head["CurrentHorizontalResolution"]);
            Assert.Equal(running ? 768UL : null, head["CurrentVerticalResolution"]);
        }
    }

    [Fact]
    public void DevicesAreTheVmsSystemDevicesAndFollowItsState()
    {
        var clock = new ManualClock();
        var host = TestHosts.Create(clock: clock);
        var vm = TestHosts.Vm(host, "vm-001");
        var name = (string)vm["Name"]!;
        var devices = host.ExecuteQuery(TestHosts.V2, $"ASSOCIATORS OF {{Msvm_ComputerSystem.CreationClassName='Msvm_ComputerSystem',Name='{name}'}} WHERE AssocClass = Msvm_SystemDevice").Instances;
        Assert.Equal(["Msvm_Keyboard", "Msvm_SyntheticDisplayController", "Msvm_VideoHead"], devices.Select(d => d.Class.Name).Order());
        Assert.Equal("2", Head(host, name, "Msvm_SyntheticDisplayController")!["EnabledState"]);
        Assert.Equal(4096u, host.InvokeMethod(TestHosts.V2, "Msvm_ComputerSystem", TestHosts.VmSelectors(vm), "RequestStateChange", [new("RequestedState", "3")]).ReturnValue);
        clock.Advance(TimeSpan.FromSeconds(3));
        var head = Head(host, name, "Msvm_SyntheticDisplayController")!;
        Assert.Equal("3", head["EnabledState"]);
        Assert.Null(head["CurrentHorizontalResolution"]);
    }
}
