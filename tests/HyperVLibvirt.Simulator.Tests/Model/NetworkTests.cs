using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator.Tests.Model;

/// <summary>The host's switches and adapters, queried as libvirt's network driver does.</summary>
public class NetworkTests
{
    [Fact]
    public void NetworkListFilterLeavesOutTheFailedSwitch()
    {
        var host = TestHosts.Create();
        var all = host.EnumerateInstances(TestHosts.V2, "Msvm_VirtualEthernetSwitch");
        var listed = host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_VirtualEthernetSwitch WHERE HealthState = 5").Instances;
        Assert.Equal(["Default Switch", "External", "Isolated", "Backup"], all.Select(s => (string)s["ElementName"]!));
        Assert.Equal(["Default Switch", "External", "Isolated"], listed.Select(s => (string)s["ElementName"]!));
        Assert.Equal("C08CB7B8-9B3C-408E-8E30-5E16A3AEB444", listed[0]["Name"]);
    }

    [Fact]
    public void SwitchLooksLikeTheRealCapture()
    {
        var host = TestHosts.Create(language: "ja-JP");
        var external = host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_VirtualEthernetSwitch WHERE ElementName = 'External'").Instances.Single();
        Assert.Equal("仮想スイッチ", external["Caption"]);
        Assert.Equal(5UL, external["EnabledState"]);
        Assert.Equal(12UL, external["RequestedState"]);
        Assert.Null(external["InstanceID"]);
        Assert.Equal("{" + (string)external["Name"]! + "}", ((IReadOnlyList<object>)external["OtherIdentifyingInfo"]!)[0]);
        var byName = host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM Msvm_VirtualEthernetSwitch WHERE Name = '{external["Name"]}'").Instances;
        Assert.Same(external, Assert.Single(byName));
    }

    [Fact]
    public void ExternalSwitchIsBoundToItsAdapterThroughItsPortSettings()
    {
        var host = TestHosts.Create();
        var external = host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_VirtualEthernetSwitch WHERE ElementName = 'External'").Instances.Single();
        var ports = host.EnumerateInstances(TestHosts.V2, "Msvm_ExternalEthernetPort");
        Assert.Equal(2, ports.Count);
        Assert.All(ports, p => Assert.Equal("HV-TEST01", p["SystemName"]));
        Assert.All(ports, p => Assert.Matches("^[0-9A-F]{12}$", (string)p["PermanentAddress"]!));
        var switchPort = host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM Msvm_EthernetPortAllocationSettingData WHERE InstanceID LIKE 'Microsoft:{external["Name"]}%'").Instances.Single();
        var hostResource = (string)((IReadOnlyList<object>)switchPort["HostResource"]!)[0];
        Assert.StartsWith(@"\\HV-TEST01\root\virtualization\v2:Msvm_ExternalEthernetPort.", hostResource);
        Assert.Contains("DeviceID=\"" + ((string)ports[0]["DeviceID"]!) + "\"", hostResource);
    }

    [Fact]
    public void SwitchesAreTheSameOnEveryHostWithTheSameName()
    {
        var a = TestHosts.Create(vms: 3).EnumerateInstances(TestHosts.V2, "Msvm_VirtualEthernetSwitch").Select(s => (string)s["Name"]!);
        var b = TestHosts.Create(vms: 50, seed: 9).EnumerateInstances(TestHosts.V2, "Msvm_VirtualEthernetSwitch").Select(s => (string)s["Name"]!);
        Assert.Equal(a, b);
    }
}
