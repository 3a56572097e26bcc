using HyperVLibvirt.Core.DomainXml;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Tests.HyperV;
using static HyperVLibvirt.Core.Tests.DomainXml.DeviceCim;

namespace HyperVLibvirt.Core.Tests.DomainXml;

public class DomainSettingsJoinTests
{
    private static readonly Guid VmA = Guid.Parse("5c6a8a50-6f3e-4d5b-9c1a-0b1e2d3c4f51");
    private static readonly Guid VmB = Guid.Parse("7d0f3b2e-1a9c-4e8b-8f7d-6c5b4a392817");

    private static string Owner(Guid vm) => "Microsoft:" + vm.ToString().ToUpperInvariant();

    private static DomainRecord Domain(Guid vm) => DomainRecord.FromComputerSystem(Cim.ComputerSystem(vm.ToString(), vm.ToString()[..4], 3));

    [SharedFixtureFact]
    public void The_real_definition_rasd_attaches_to_no_vm()
    {
        var definition = Assert.Single(SharedFixtures.Parse("hyperv_v2_msvm_resourceallocationsettingdata_pull_response_xsinil_reformatted_ja.xml").Items);
        var join = new DomainSettingsJoin();
        join.AddSystemSettings([Cim.SystemSettings(VmA)]);
        join.AddComponents("Msvm_ResourceAllocationSettingData", [definition, Rasd(Owner(VmA) + @"\IDE\0", ResourceTypes.IdeController, "x", address: "0")]);

        var settings = join.For(Domain(VmA), false);

        Assert.Equal(Owner(VmA) + @"\IDE\0", Assert.Single(settings.ResourceSettings).GetString("InstanceID"));
    }

    [Fact]
    public void Each_vm_gets_its_own_devices_in_host_order()
    {
        var join = new DomainSettingsJoin();
        join.AddSystemSettings([Cim.SystemSettings(VmB), Cim.SystemSettings(VmA)]);
        join.AddComponents("Msvm_StorageAllocationSettingData",
        [
            Sasd(Owner(VmB) + @"\1\L", "p", @"C:\b1.vhdx"),
            Sasd(Owner(VmA) + @"\2\L", "p", @"C:\a2.vhdx"),
            Sasd(Owner(VmA) + @"\1\L", "p", @"C:\a1.vhdx"),
        ]);
        join.AddComponents("Msvm_MemorySettingData", [Cim.Memory(Owner(VmA), 512, 1024)]);

        var a = join.For(Domain(VmA), false);
        var b = join.For(Domain(VmB), false);

        Assert.Equal([@"C:\a2.vhdx", @"C:\a1.vhdx"], a.StorageSettings.Select(s => s.GetArray("HostResource")[0].AsString()));
        Assert.Equal(@"C:\b1.vhdx", Assert.Single(b.StorageSettings).GetArray("HostResource")[0].AsString());
        Assert.NotNull(a.Memory);
        Assert.Null(b.Memory);
        Assert.Empty(b.PortAllocations);
    }

    [Fact]
    public void A_snapshot_vssd_is_not_the_vms()
    {
        var join = new DomainSettingsJoin();
        join.AddSystemSettings([Cim.SystemSettings(VmA, type: "Microsoft:Hyper-V:Snapshot:Realized", instanceId: Owner(VmB))]);

        Assert.Null(join.For(Domain(VmA), false).SystemSettings);
    }

    [Fact]
    public void A_switch_side_port_allocation_attaches_to_no_vm()
    {
        const string SwitchOwner = "Microsoft:C08CB7B8-9B3C-408E-8E30-5E16A3AEB444";
        var join = new DomainSettingsJoin();
        join.AddSystemSettings([Cim.SystemSettings(VmA)]);
        join.AddComponents("Msvm_EthernetPortAllocationSettingData",
        [
            Object("Msvm_EthernetPortAllocationSettingData", ("InstanceID", SwitchOwner + @"\9A0A7C6C-DEAE-45D0-9DC2-437BB79B3985"), ("Parent", null)),
            Object("Msvm_EthernetPortAllocationSettingData", ("InstanceID", Owner(VmA) + @"\NIC\C"), ("Parent", "p")),
        ]);

        var port = Assert.Single(join.For(Domain(VmA), false).PortAllocations);

        Assert.Equal(Owner(VmA) + @"\NIC\C", port.GetString("InstanceID"));
    }
}
