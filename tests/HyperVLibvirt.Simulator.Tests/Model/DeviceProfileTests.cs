using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator.Tests.Model;

/// <summary>Which device classes each release has, and what a missing one answers.</summary>
public class DeviceProfileTests
{
    private static readonly string[] V2OnlyClasses =
    [
        "Msvm_StorageAllocationSettingData", "Msvm_EthernetPortAllocationSettingData", "Msvm_VirtualEthernetSwitch",
        "Msvm_GuestNetworkAdapterConfiguration", "Msvm_SerialPortSettingData",
    ];

    [Theory]
    [InlineData("ws2008")]
    [InlineData("ws2008r2")]
    [InlineData("ws2012")]
    public void V1NamespaceFaultsOnClassesItLacksAndServesTheOthers(string profile)
    {
        var host = TestHosts.Create(profile: profile);
        foreach (var className in V2OnlyClasses)
        {
            var ex = Assert.Throws<CimException>(() => host.ExecuteQuery(TestHosts.V1, $"SELECT * FROM {className}"));
            Assert.Equal(CimErrorKind.InvalidClass, ex.Kind);
        }

        // The classes v1 has answer, without device instances (libvirt's v1 driver read none).
        Assert.Empty(host.ExecuteQuery(TestHosts.V1, "SELECT * FROM Msvm_ResourceAllocationSettingData").Instances);
        Assert.Empty(host.ExecuteQuery(TestHosts.V1, "SELECT * FROM Msvm_SyntheticEthernetPortSettingData").Instances);
        Assert.NotEmpty(TestHosts.Vms(host, TestHosts.V1));
    }

    [Theory]
    [InlineData("ws2012", false)]
    [InlineData("ws2012r2", false)]
    [InlineData("ws2016", true)]
    [InlineData("ws2019", true)]
    [InlineData("ws2022", true)]
    [InlineData("ws2025", true)]
    public void SerialPortsAreTheirOwnClassFrom2016AndPlainRasdBefore(string profile, bool subclass)
    {
        var host = TestHosts.Create(profile: profile);
        var vm = TestHosts.Vm(host, "vm-002");
        var id = "Microsoft:" + ((string)vm["Name"]!).ToUpperInvariant();
        var ports = host.ExecuteQuery(TestHosts.V2, $"ASSOCIATORS OF {{Msvm_VirtualSystemSettingData.InstanceID='{id}'}} WHERE AssocClass = Msvm_VirtualSystemSettingDataComponent ResultClass = Msvm_ResourceAllocationSettingData").Instances
            .Where(r => (ulong)r["ResourceType"]! == 21).ToArray();
        Assert.Equal(["COM 1", "COM 2"], ports.Select(p => (string)p["ElementName"]!));
        Assert.All(ports, p => Assert.Equal(subclass ? "Msvm_SerialPortSettingData" : "Msvm_ResourceAllocationSettingData", p.Class.Name));
        var query = $"ASSOCIATORS OF {{Msvm_VirtualSystemSettingData.InstanceID='{id}'}} WHERE AssocClass = Msvm_VirtualSystemSettingDataComponent ResultClass = Msvm_SerialPortSettingData";
        if (subclass)
        {
            Assert.Equal(2, host.ExecuteQuery(TestHosts.V2, query).Instances.Count);
        }
        else
        {
            Assert.Equal(CimErrorKind.InvalidClass, Assert.Throws<CimException>(() => host.ExecuteQuery(TestHosts.V2, query)).Kind);
        }
    }

    [Theory]
    [InlineData("ws2012")]
    [InlineData("ws2016")]
    [InlineData("ws2025")]
    public void EveryV2ProfileServesSwitchesDevicesAndAddresses(string profile)
    {
        var host = TestHosts.Create(profile: profile);
        Assert.Equal(3, host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_VirtualEthernetSwitch WHERE HealthState = 5").Instances.Count);
        Assert.NotEmpty(host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_StorageAllocationSettingData").Instances);
        Assert.Contains(host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_GuestNetworkAdapterConfiguration").Instances, c => c["IPAddresses"] is not null);
    }
}
