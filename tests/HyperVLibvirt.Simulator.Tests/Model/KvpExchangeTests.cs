using System.Xml.Linq;
using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator.Tests.Model;

/// <summary>Msvm_KvpExchangeComponent: one per VM, with guest items only while the VM runs with integration services.</summary>
public class KvpExchangeTests
{
    private static IReadOnlyList<CimInstance> Components(SimulatedHost host, string ns = TestHosts.V2) =>
        host.ExecuteQuery(ns, "SELECT * FROM Msvm_KvpExchangeComponent").Instances;

    private static CimInstance ComponentOf(SimulatedHost host, CimInstance vm) =>
        host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM Msvm_KvpExchangeComponent WHERE SystemName = '{vm["Name"]}'").Instances.Single();

    private static Dictionary<string, string> Items(CimInstance component) =>
        ((IReadOnlyList<object>)component["GuestIntrinsicExchangeItems"]!).Cast<string>()
            .Select(XElement.Parse)
            .ToDictionary(
                item => item.Elements("PROPERTY").Single(p => (string?)p.Attribute("NAME") == "Name").Element("VALUE")!.Value,
                item => item.Elements("PROPERTY").Single(p => (string?)p.Attribute("NAME") == "Data").Element("VALUE")!.Value);

    [Theory]
    [InlineData(TestHosts.V2)]
    [InlineData(TestHosts.V1, "ws2008r2")]
    public void Every_vm_has_one_component_keyed_by_its_guid(string ns, string profile = "ws2019")
    {
        var host = TestHosts.Create(profile: profile, vms: 8);
        var components = Components(host, ns);
        Assert.Equal(8, components.Count);
        Assert.Equal(TestHosts.Vms(host, ns).Select(vm => (string)vm["Name"]!).Order(), components.Select(c => (string)c["SystemName"]!).Order());
        Assert.All(components, c => Assert.Equal("Msvm_ComputerSystem", c["SystemCreationClassName"]));
    }

    [Fact]
    public void A_running_vm_with_integration_services_publishes_its_os_and_host_name()
    {
        var host = TestHosts.Create();
        var vm = TestHosts.Vm(host, "vm-001");
        Assert.Equal(2ul, vm["EnabledState"]);

        var component = ComponentOf(host, vm);
        var items = Items(component);

        Assert.Equal(2ul, component["EnabledState"]);
        Assert.StartsWith("Windows Server", items["OSName"]);
        Assert.Matches(@"^10\.0\.\d+$", items["OSVersion"]);
        Assert.Equal("vm-001.corp.example", items["FullyQualifiedDomainName"]);
        Assert.Equal("9", items["ProcessorArchitecture"]);
    }

    [Fact]
    public void A_vm_that_is_not_running_publishes_nothing()
    {
        var host = TestHosts.Create();
        var off = ComponentOf(host, TestHosts.Vm(host, "vm-002"));
        var paused = ComponentOf(host, TestHosts.Vm(host, "vm-004"));

        Assert.Null(off["GuestIntrinsicExchangeItems"]);
        Assert.Equal(3ul, off["EnabledState"]);
        Assert.Null(paused["GuestIntrinsicExchangeItems"]);
    }

    [Fact]
    public void Items_appear_once_the_guest_has_booted_and_go_when_it_stops()
    {
        var clock = new ManualClock();
        var host = TestHosts.Create(clock: clock);
        var vm = TestHosts.Vm(host, "vm-002");
        host.InvokeMethod(TestHosts.V2, "Msvm_ComputerSystem", TestHosts.VmSelectors(vm), "RequestStateChange", [new("RequestedState", "2")]);
        clock.Advance(TimeSpan.FromSeconds(2));

        // Running, but the guest is still booting: its data exchange service reports with its addresses.
        Assert.Null(ComponentOf(host, vm)["GuestIntrinsicExchangeItems"]);

        clock.Advance(GuestBootTiming.Default.EffectiveAddressDelay);

        Assert.NotEmpty(Items(ComponentOf(host, vm)));

        host.InvokeMethod(TestHosts.V2, "Msvm_ComputerSystem", TestHosts.VmSelectors(vm), "RequestStateChange", [new("RequestedState", "3")]);
        clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Null(ComponentOf(host, vm)["GuestIntrinsicExchangeItems"]);
    }

    [Fact]
    public void A_running_vm_without_integration_services_publishes_nothing()
    {
        // Seed 1 with 40 VMs has running VMs on both sides of the 1-in-10 integration services draw.
        var host = TestHosts.Create(vms: 40);
        var running = TestHosts.Vms(host).Where(vm => (ulong)vm["EnabledState"]! == 2).ToArray();
        var withoutShutdown = running.Where(vm =>
            host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM Msvm_ShutdownComponent WHERE SystemName = '{vm["Name"]}'").Instances.Count == 0).ToArray();

        Assert.NotEmpty(withoutShutdown);
        Assert.All(withoutShutdown, vm => Assert.Null(ComponentOf(host, vm)["GuestIntrinsicExchangeItems"]));
        Assert.All(running.Except(withoutShutdown), vm => Assert.NotEmpty(Items(ComponentOf(host, vm))));
    }
}
