using HyperVLibvirt.Core.Devices;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Tests.DomainXml;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Tests.Devices;

/// <summary>
/// Every device is checked and placed against the domain's devices before anything is sent: free locations found as
/// Add-VMHardDiskDrive finds them, Hyper-V's state and generation rules, switches by GUID or unambiguous name.
/// </summary>
public sealed class DevicePlannerTests
{
    private const string Vm = "5B0F3C1E-2A44-4C77-9E0B-0A1B2C3D4E5F";
    private static readonly string Ide0 = $@"Microsoft:{Vm}\83F8638B-8DCA-4152-9EDA-2CA8B33039B4\0";
    private static readonly string Ide1 = $@"Microsoft:{Vm}\83F8638B-8DCA-4152-9EDA-2CA8B33039B4\1";
    private static readonly string Scsi0 = $@"Microsoft:{Vm}\D422512D-2BF2-4752-809D-7B82B5FCB1B4\0";
    private static readonly string Diskette = $@"Microsoft:{Vm}\7D8A7A1E-2B4C-4B7E-9C1D-0E2F3A4B5C6D\0\0\D";

    private static HvDomain Domain(ushort enabledState) =>
        new(DomainRecord.FromComputerSystem(HyperV.Cim.ComputerSystem(Vm.ToLowerInvariant(), "web01", enabledState, enabledState == 2 ? 4242u : null)),
            Guid.NewGuid(), "127.0.0.1");

    // Generation 1: IDE 0:0 boot disk, IDE 1:0 DVD with an ISO, a diskette drive without media, COM 1 and 2.
    private static DeviceInventory Generation1(params CimObject[] extraResources) => new()
    {
        Generation = 1,
        SystemSettingsInstanceId = "Microsoft:" + Vm,
        Resources =
        [
            DeviceCim.Rasd(Ide0, 5, "Microsoft:Hyper-V:Emulated IDE Controller", address: "0"),
            DeviceCim.Rasd(Ide1, 5, "Microsoft:Hyper-V:Emulated IDE Controller", address: "1"),
            DeviceCim.Rasd(Ide0 + @"\0\D", 17, "Microsoft:Hyper-V:Synthetic Disk Drive", parent: Ide0, addressOnParent: "0"),
            DeviceCim.Rasd(Ide1 + @"\0\D", 16, "Microsoft:Hyper-V:Synthetic DVD Drive", parent: Ide1, addressOnParent: "0"),
            DeviceCim.Rasd(Diskette, 14, "Microsoft:Hyper-V:Synthetic Diskette Drive"),
            .. extraResources,
        ],
        Storage =
        [
            DeviceCim.Sasd(Ide0 + @"\0\L", Ide0 + @"\0\D", @"C:\VMs\web01\boot.vhdx"),
            DeviceCim.Sasd(Ide1 + @"\0\L", Ide1 + @"\0\D", @"C:\ISO\setup.iso", "Microsoft:Hyper-V:Virtual CD/DVD Disk"),
        ],
        SerialPorts =
        [
            DeviceCim.Rasd($@"Microsoft:{Vm}\C1\0", 21, "Microsoft:Hyper-V:Serial Port", elementName: "COM 1"),
            DeviceCim.Rasd($@"Microsoft:{Vm}\C1\1", 21, "Microsoft:Hyper-V:Serial Port", elementName: "COM 2"),
        ],
        Host = new HostResources
        {
            Switches =
            [
                DeviceCim.Object("Msvm_VirtualEthernetSwitch", ("ElementName", "External"), ("Name", "AAAAAAAA-0000-4000-8000-000000000001")),
                DeviceCim.Object("Msvm_VirtualEthernetSwitch", ("ElementName", "Lab"), ("Name", "AAAAAAAA-0000-4000-8000-000000000002")),
                DeviceCim.Object("Msvm_VirtualEthernetSwitch", ("ElementName", "Lab"), ("Name", "AAAAAAAA-0000-4000-8000-000000000003")),
            ],
        },
    };

    // Generation 2: one SCSI controller with the boot disk at 0 and a DVD at 1.
    private static DeviceInventory Generation2() => new()
    {
        Generation = 2,
        SystemSettingsInstanceId = "Microsoft:" + Vm,
        Resources =
        [
            DeviceCim.Rasd(Scsi0, 6, "Microsoft:Hyper-V:Synthetic SCSI Controller"),
            DeviceCim.Rasd(Scsi0 + @"\0\D", 17, "Microsoft:Hyper-V:Synthetic Disk Drive", parent: Scsi0, addressOnParent: "0"),
            DeviceCim.Rasd(Scsi0 + @"\1\D", 16, "Microsoft:Hyper-V:Synthetic DVD Drive", parent: Scsi0, addressOnParent: "1"),
        ],
    };

    private static DiskSpec Vhd(string path = @"C:\VMs\web01\data.vhdx") => new() { Kind = DiskKind.VirtualHardDisk, Path = path };

    [Fact]
    public void A_disk_without_placement_goes_to_the_first_free_ide_location_on_generation_1()
    {
        var planned = (PlannedDisk)DevicePlanner.Plan(Domain(3), Generation1(), [Vhd()], false).Single();
        Assert.Equal((DiskBus.Ide, 0, 1, Ide0), (planned.Slot!.Bus, planned.Slot.Index, planned.Location, planned.Slot.InstanceId));
    }

    [Fact]
    public void Disks_of_one_request_take_successive_free_locations()
    {
        var plan = DevicePlanner.Plan(Domain(3), Generation1(), [Vhd("a.vhdx"), Vhd("b.vhdx")], false).Cast<PlannedDisk>().ToList();
        Assert.Equal([(0, 1), (1, 1)], plan.Select(p => (p.Slot!.Index, p.Location)));
        var ex = Assert.Throws<HvDeviceException>(() => DevicePlanner.Plan(Domain(3), Generation1(), [Vhd("a.vhdx"), Vhd("b.vhdx"), Vhd("c.vhdx")], false));
        Assert.Equal(DeviceFailure.NoFreeLocation, ex.Reason);
    }

    [Fact]
    public void A_disk_without_placement_goes_to_scsi_on_generation_2_after_the_taken_locations()
    {
        var planned = (PlannedDisk)DevicePlanner.Plan(Domain(2), Generation2(), [Vhd()], false).Single();
        Assert.Equal((DiskBus.Scsi, 0, 2), (planned.Slot!.Bus, planned.Slot.Index, planned.Location));
    }

    [Fact]
    public void A_taken_location_is_refused_naming_what_holds_it()
    {
        var ex = Assert.Throws<HvDeviceException>(() =>
            DevicePlanner.Plan(Domain(3), Generation1(), [Vhd() with { Bus = DiskBus.Ide, Controller = 1, Location = 0 }], false));
        Assert.Equal(DeviceFailure.LocationTaken, ex.Reason);
        Assert.Contains(@"IDE channel 1 location 0 holds a DVD drive with 'C:\ISO\setup.iso'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was attached.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_location_without_controller_takes_the_first_controller_where_it_is_free()
    {
        var plan = DevicePlanner.Plan(Domain(3), Generation1(),
            [Vhd("a.vhdx") with { Bus = DiskBus.Ide, Location = 1 }, Vhd("b.vhdx") with { Bus = DiskBus.Ide, Location = 1 }], false).Cast<PlannedDisk>();
        Assert.Equal([(0, 1), (1, 1)], plan.Select(p => (p.Slot!.Index, p.Location)));
        var ex = Assert.Throws<HvDeviceException>(() => DevicePlanner.Plan(Domain(3), Generation1(), [Vhd() with { Bus = DiskBus.Ide, Location = 0 }], false));
        Assert.Contains("location 0 is taken on every IDE channel", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ide_and_floppy_are_refused_on_generation_2()
    {
        Assert.Equal(DeviceFailure.NotOnGeneration, Assert.Throws<HvDeviceException>(() =>
            DevicePlanner.Plan(Domain(3), Generation2(), [Vhd() with { Bus = DiskBus.Ide }], false)).Reason);
        Assert.Equal(DeviceFailure.NotOnGeneration, Assert.Throws<HvDeviceException>(() =>
            DevicePlanner.Plan(Domain(3), Generation2(), [new DiskSpec { Kind = DiskKind.Floppy, Path = @"C:\f.vfd", Bus = DiskBus.Fdc }], false)).Reason);
    }

    [Fact]
    public void A_scsi_disk_on_generation_1_needs_a_controller_which_the_same_request_may_add()
    {
        var ex = Assert.Throws<HvDeviceException>(() => DevicePlanner.Plan(Domain(3), Generation1(), [Vhd() with { Bus = DiskBus.Scsi }], false));
        Assert.Equal(DeviceFailure.ControllerNotFound, ex.Reason);

        var plan = DevicePlanner.Plan(Domain(3), Generation1(), [Vhd() with { Bus = DiskBus.Scsi }, new ScsiControllerSpec()], false);
        var controller = Assert.IsType<PlannedController>(plan[0]);
        var disk = Assert.IsType<PlannedDisk>(plan[1]);
        Assert.Same(controller.Slot, disk.Slot);
        Assert.Null(disk.Slot!.InstanceId);
        Assert.Equal(0, disk.Location);
    }

    [Fact]
    public void A_running_domain_takes_scsi_disks_but_not_ide_drives_controllers_or_generation_1_adapters()
    {
        Assert.Single(DevicePlanner.Plan(Domain(2), Generation2(), [Vhd()], false));
        foreach (var device in new DeviceSpec[] { Vhd(), new ScsiControllerSpec(), new NetworkAdapterSpec { Switch = "External" } })
        {
            var ex = Assert.Throws<HvDeviceException>(() => DevicePlanner.Plan(Domain(2), Generation1(), [device], false));
            Assert.Equal(DeviceFailure.NeedsDomainOff, ex.Reason);
            Assert.True(ex.IsStateConflict);
        }
    }

    [Fact]
    public void A_saved_domain_takes_nothing()
    {
        var ex = Assert.Throws<HvDeviceException>(() => DevicePlanner.Plan(Domain(32769), Generation2(), [Vhd()], false));
        Assert.Equal(DeviceFailure.NeedsDomainOff, ex.Reason);
        Assert.Contains("only while it is off or running", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_bad_device_refuses_the_whole_request()
    {
        Assert.Throws<HvDeviceException>(() => DevicePlanner.Plan(Domain(3), Generation1(),
            [Vhd(), new NetworkAdapterSpec { Switch = "Nowhere" }], false));
    }

    [Fact]
    public void Switches_are_found_by_guid_or_by_a_name_only_one_has()
    {
        var byName = (PlannedAdapter)DevicePlanner.Plan(Domain(3), Generation1(), [new NetworkAdapterSpec { Switch = "external" }], false).Single();
        Assert.Equal("AAAAAAAA-0000-4000-8000-000000000001", byName.SwitchName);
        var byGuid = (PlannedAdapter)DevicePlanner.Plan(Domain(3), Generation1(), [new NetworkAdapterSpec { Switch = "aaaaaaaa-0000-4000-8000-000000000003" }], false).Single();
        Assert.Equal("Lab", byGuid.SwitchElementName);

        var ambiguous = Assert.Throws<HvDeviceException>(() => DevicePlanner.Plan(Domain(3), Generation1(), [new NetworkAdapterSpec { Switch = "Lab" }], false));
        Assert.Equal(DeviceFailure.SwitchAmbiguous, ambiguous.Reason);
        var missing = Assert.Throws<HvDeviceException>(() => DevicePlanner.Plan(Domain(3), Generation1(), [new NetworkAdapterSpec { Switch = "Nowhere" }], false));
        Assert.Equal(DeviceFailure.SwitchNotFound, missing.Reason);
        Assert.Contains("'External', 'Lab', 'Lab'", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_floppy_goes_into_the_empty_diskette_drive_and_is_refused_when_it_holds_one()
    {
        var floppy = new DiskSpec { Kind = DiskKind.Floppy, Path = @"C:\f.vfd", Bus = DiskBus.Fdc };
        var planned = (PlannedDisk)DevicePlanner.Plan(Domain(3), Generation1(), [floppy], false).Single();
        Assert.Equal(Diskette, planned.DisketteDriveId);

        var full = Generation1();
        full = new DeviceInventory
        {
            Generation = 1, SystemSettingsInstanceId = full.SystemSettingsInstanceId, Resources = full.Resources,
            Storage = [.. full.Storage, DeviceCim.Sasd(Diskette[..^1] + "L", Diskette, @"C:\old.vfd", "Microsoft:Hyper-V:Virtual Floppy Disk")],
        };
        var ex = Assert.Throws<HvDeviceException>(() => DevicePlanner.Plan(Domain(3), full, [floppy], false));
        Assert.Equal(DeviceFailure.MediaPresent, ex.Reason);
        Assert.Contains(@"C:\old.vfd", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serial_ports_are_found_by_com_name_and_use_the_host_versions_class()
    {
        var serial = (PlannedSerial)DevicePlanner.Plan(Domain(2), Generation1(), [new SerialPortSpec { Port = 2, PipePath = @"\\.\pipe\p" }], false).Single();
        Assert.Equal(($@"Microsoft:{Vm}\C1\1", "Msvm_SerialPortSettingData"), (serial.InstanceId, serial.ClassName));
        var old = (PlannedSerial)DevicePlanner.Plan(Domain(3), Generation1(), [new SerialPortSpec { Port = 1 }], true).Single();
        Assert.Equal("Msvm_ResourceAllocationSettingData", old.ClassName);
    }

    [Fact]
    public void A_new_controller_index_must_be_the_next_one()
    {
        var ex = Assert.Throws<HvDeviceException>(() => DevicePlanner.Plan(Domain(3), Generation2(), [new ScsiControllerSpec { Index = 0 }], false));
        Assert.Equal(DeviceFailure.ControllerIndexUnavailable, ex.Reason);
        Assert.Contains("gets index 1, not 0", ex.Message, StringComparison.Ordinal);
        Assert.Single(DevicePlanner.Plan(Domain(3), Generation2(), [new ScsiControllerSpec { Index = 1 }], false));
    }

    [Fact]
    public void Devices_come_back_in_libvirts_order()
    {
        var plan = DevicePlanner.Plan(Domain(3), Generation1(),
            [new NetworkAdapterSpec { Switch = "External" }, new SerialPortSpec { Port = 1 }, Vhd(), new ScsiControllerSpec()], false);
        Assert.Equal([typeof(PlannedController), typeof(PlannedDisk), typeof(PlannedSerial), typeof(PlannedAdapter)], plan.Select(p => p.GetType()));
    }
}
