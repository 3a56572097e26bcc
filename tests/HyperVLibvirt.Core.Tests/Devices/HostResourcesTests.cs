using HyperVLibvirt.Core.Devices;
using HyperVLibvirt.Core.Tests.DomainXml;

namespace HyperVLibvirt.Core.Tests.Devices;

/// <summary>
/// What devices name on the host is checked by one set of rules, used by an attach (per domain) and by a define before
/// DefineSystem: switches by GUID or by a name only one switch has, host disks by number, every missing image at once.
/// </summary>
public sealed class HostResourcesTests
{
    private sealed class Refused(DeviceFailure reason, DeviceSpec device, string why) : Exception(why)
    {
        public DeviceFailure Reason { get; } = reason;

        public DeviceSpec Device { get; } = device;
    }

    private static readonly HostResources.Refusal Refuse = (reason, device, why, _) => new Refused(reason, device, why);

    private static HostResources Host() => new()
    {
        Switches =
        [
            DeviceCim.Object("Msvm_VirtualEthernetSwitch", ("ElementName", "External"), ("Name", "AAAAAAAA-0000-4000-8000-000000000001")),
            DeviceCim.Object("Msvm_VirtualEthernetSwitch", ("ElementName", "Lab"), ("Name", "AAAAAAAA-0000-4000-8000-000000000002")),
            DeviceCim.Object("Msvm_VirtualEthernetSwitch", ("ElementName", "Lab"), ("Name", "AAAAAAAA-0000-4000-8000-000000000003")),
        ],
        HostDisks = [DeviceCim.Object("Msvm_DiskDrive", ("DriveNumber", "4"), ("SystemName", "HV01"), ("DeviceID", "Microsoft:D4"))],
        ExistingImages = new Dictionary<string, ulong>(StringComparer.OrdinalIgnoreCase) { [@"C:\VMs\a.vhdx"] = 4096 },
    };

    [Fact]
    public void A_switch_is_found_by_guid_or_by_a_name_only_one_switch_has()
    {
        var host = Host();
        Assert.Equal("External", host.ResolveSwitch(new NetworkAdapterSpec { Switch = "external" }, Refuse).GetString("ElementName"));
        Assert.Equal("AAAAAAAA-0000-4000-8000-000000000003",
            host.ResolveSwitch(new NetworkAdapterSpec { Switch = "aaaaaaaa-0000-4000-8000-000000000003" }, Refuse).GetString("Name"));
        var ambiguous = Assert.Throws<Refused>(() => host.ResolveSwitch(new NetworkAdapterSpec { Switch = "Lab" }, Refuse));
        Assert.Equal(DeviceFailure.SwitchAmbiguous, ambiguous.Reason);
        var missing = Assert.Throws<Refused>(() => host.ResolveSwitch(new NetworkAdapterSpec { Switch = "Nowhere" }, Refuse));
        Assert.Equal(DeviceFailure.SwitchNotFound, missing.Reason);
        Assert.Contains("(it has 'External', 'Lab', 'Lab')", missing.Message);
    }

    [Fact]
    public void Check_takes_switches_and_host_disks_in_order_then_names_every_missing_image_at_once()
    {
        var host = Host();
        var good = new DeviceSpec[]
        {
            new DiskSpec { Kind = DiskKind.VirtualHardDisk, Path = @"c:\vms\A.VHDX" },
            new DiskSpec { Kind = DiskKind.PassThroughDisk, HostDriveNumber = 4 },
            new NetworkAdapterSpec { Switch = "External" },
        };
        Assert.Null(Record.Exception(() => host.Check(good, Refuse)));

        var noDisk = Assert.Throws<Refused>(() => host.Check([new NetworkAdapterSpec { Switch = "External" }, new DiskSpec { Kind = DiskKind.PassThroughDisk, HostDriveNumber = 5 }], Refuse));
        Assert.Equal(DeviceFailure.HostDiskNotFound, noDisk.Reason);

        var images = new DeviceSpec[]
        {
            new DiskSpec { Kind = DiskKind.VirtualHardDisk, Path = @"C:\VMs\b.vhdx" },
            new DiskSpec { Kind = DiskKind.Dvd, Path = @"C:\ISO\c.iso" },
            new DiskSpec { Kind = DiskKind.Dvd, Path = @"C:\ISO\C.ISO" },
        };
        var noImages = Assert.Throws<Refused>(() => host.Check(images, Refuse));
        Assert.Equal(DeviceFailure.ImageNotFound, noImages.Reason);
        Assert.Same(images[0], noImages.Device);
        Assert.Equal(@"the host has no file 'C:\VMs\b.vhdx', 'C:\ISO\c.iso'.", noImages.Message);

        // A switch is checked before the images, as the order of the refusals a user fixes one by one.
        var first = Assert.Throws<Refused>(() => host.Check([.. images, new NetworkAdapterSpec { Switch = "Lab" }], Refuse));
        Assert.Equal(DeviceFailure.SwitchAmbiguous, first.Reason);
    }

    [Fact]
    public void A_host_that_cannot_tell_which_files_exist_leaves_images_to_its_job()
    {
        var host = Host();
        var blind = new HostResources { Switches = host.Switches, ExistingImages = null };
        Assert.Null(Record.Exception(() => blind.Check([new DiskSpec { Kind = DiskKind.VirtualHardDisk, Path = @"C:\VMs\anything.vhdx" }], Refuse)));
        Assert.Null(Record.Exception(() => blind.CheckImage(new DiskSpec { Kind = DiskKind.Dvd, Path = @"C:\ISO\anything.iso" }, Refuse)));
        // The host that can tell refuses the same image.
        Assert.Throws<Refused>(() => host.CheckImage(new DiskSpec { Kind = DiskKind.Dvd, Path = @"C:\ISO\anything.iso" }, Refuse));
    }
}
