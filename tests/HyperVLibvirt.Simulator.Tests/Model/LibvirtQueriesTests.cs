using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator.Tests.Model;

/// <summary>The queries libvirt sends (fixtures/libvirt-client) answered end to end.</summary>
public class LibvirtQueriesTests
{
    [Fact]
    public void ConnectionQueriesReturnOneProductAndOneOperatingSystem()
    {
        var host = TestHosts.Create();
        var product = host.ExecuteQuery(TestHosts.Cimv2, "SELECT * FROM Win32_ComputerSystemProduct ").Instances.Single();
        var os = host.ExecuteQuery(TestHosts.Cimv2, "SELECT * FROM Win32_OperatingSystem ").Instances.Single();
        Assert.True(Guid.TryParse((string)product["UUID"]!, out _));
        Assert.Equal("10.0.17763", os["Version"]);
        Assert.Equal("HV-TEST01", os["CSName"]);
        Assert.IsType<DateTimeOffset>(os["LastBootUpTime"]);
    }

    [Fact]
    public void NameNotServerExcludesTheHostAndReturnsEveryVm()
    {
        var host = TestHosts.Create(vms: 5);
        var all = host.EnumerateInstances(TestHosts.V2, "Msvm_ComputerSystem");
        var vms = TestHosts.Vms(host);
        Assert.Equal(6, all.Count);
        Assert.Equal(5, vms.Count);
        Assert.DoesNotContain(vms, vm => (string)vm["Name"]! == "HV-TEST01");
        Assert.All(vms, vm => Assert.Equal("Microsoft Virtual Machine", vm["Description"]));
    }

    [Fact]
    public void LookupByLowerCaseUuidAndByElementName()
    {
        var host = TestHosts.Create();
        var vm = TestHosts.Vm(host, "vm-002");
        var name = (string)vm["Name"]!;
        Assert.Equal(name.ToLowerInvariant(), name);
        var byName = host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM Msvm_ComputerSystem WHERE Name != __SERVER AND Name = '{name}' ").Instances.Single();
        Assert.Same(vm, byName);
        var upper = host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM Msvm_ComputerSystem WHERE Name = '{name.ToUpperInvariant()}' ").Instances;
        Assert.Single(upper);
    }

    [Fact]
    public void ActiveFilterFromVirshListMatchesOnlyActiveVms()
    {
        var host = TestHosts.Create(vms: 20);
        var active = host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_ComputerSystem WHERE Name != __SERVER AND (EnabledState != 0 and EnabledState != 3 and EnabledState != 32769) ").Instances;
        Assert.NotEmpty(active);
        Assert.All(active, vm => Assert.NotEqual(3UL, vm["EnabledState"]));
        Assert.Contains(TestHosts.Vms(host), vm => (ulong)vm["EnabledState"]! == 3);
    }

    [Fact]
    public void DominfoAssociatorsReachSettingsProcessorAndMemory()
    {
        var host = TestHosts.Create();
        var vm = TestHosts.Vm(host, "vm-001");
        var name = (string)vm["Name"]!;
        var vssd = host.ExecuteQuery(TestHosts.V2, $"ASSOCIATORS OF {{Msvm_ComputerSystem.CreationClassName='Msvm_ComputerSystem',Name='{name}'}} WHERE AssocClass = Msvm_SettingsDefineState ResultClass = Msvm_VirtualSystemSettingData ").Instances.Single();
        var instanceId = (string)vssd["InstanceID"]!;
        Assert.Equal("Microsoft:" + name.ToUpperInvariant(), instanceId);
        Assert.Equal("Microsoft:Hyper-V:System:Realized", vssd["VirtualSystemType"]);
        var cpu = host.ExecuteQuery(TestHosts.V2, $"ASSOCIATORS OF {{Msvm_VirtualSystemSettingData.InstanceID='{instanceId}'}} WHERE AssocClass = Msvm_VirtualSystemSettingDataComponent ResultClass = Msvm_ProcessorSettingData ").Instances.Single();
        var memory = host.ExecuteQuery(TestHosts.V2, $"ASSOCIATORS OF {{Msvm_VirtualSystemSettingData.InstanceID='{instanceId}'}} WHERE AssocClass = Msvm_VirtualSystemSettingDataComponent ResultClass = Msvm_MemorySettingData ").Instances.Single();
        Assert.Equal((ulong)host.Inventory[0].VirtualProcessors, cpu["VirtualQuantity"]);
        Assert.Equal(host.Inventory[0].MemoryMB, memory["VirtualQuantity"]);
        Assert.Equal(host.Inventory[0].MaxMemoryMB, memory["Limit"]);
    }

    [Fact]
    public void AssociatorsOfSettingDataWithEscapedBackslashesInInstanceId()
    {
        var host = TestHosts.Create();
        var cpu = host.EnumerateInstances(TestHosts.V2, "Msvm_ProcessorSettingData")[0];
        var id = (string)cpu["InstanceID"]!;
        Assert.Contains('\\', id);
        var escaped = id.Replace("\\", "\\\\");
        var vssd = host.ExecuteQuery(TestHosts.V2, $"ASSOCIATORS OF {{Msvm_ProcessorSettingData.InstanceID=\"{escaped}\"}} WHERE ResultClass = Msvm_VirtualSystemSettingData").Instances.Single();
        Assert.StartsWith((string)vssd["InstanceID"]!, id);
    }
}
