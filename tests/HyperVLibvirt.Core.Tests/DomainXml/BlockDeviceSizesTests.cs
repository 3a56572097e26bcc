using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.DomainXml;
using HyperVLibvirt.Core.HyperV;
using Xunit;

namespace HyperVLibvirt.Core.Tests.DomainXml;

/// <summary>How domblkinfo's sizes come from the host's file sizes (CIM_DataFile.FileSize): the join by path.</summary>
public sealed class BlockDeviceSizesTests
{
    private static readonly HvDomain Domain =
        new(DomainRecord.FromComputerSystem(Core.Tests.HyperV.Cim.ComputerSystem("11111111-1111-4111-8111-111111111111", "web", 2, 1234)), Guid.NewGuid(), "hv01");

    private static readonly DriveAddress Address = new(0, 0, 0, 0);

    // As DomainBlockService builds it: Windows paths compare without regard to case.
    private static readonly Dictionary<string, ulong> Sizes = new(StringComparer.OrdinalIgnoreCase)
    {
        [@"c:\vms\web.vhdx"] = 4_294_967_296,
        [@"C:\ISO\setup.iso"] = 734_003_200,
    };

    [Fact]
    public void A_virtual_disk_file_gives_allocation_and_physical_but_not_capacity()
    {
        var device = DomainBlockService.ToDevice(Domain, new DiskDefinition("file", "disk", @"C:\VMs\web.vhdx", "sda", "scsi", Address), Sizes);

        Assert.Equal(4_294_967_296UL, device.Physical);
        Assert.Equal(4_294_967_296UL, device.Allocation);
        Assert.Null(device.Capacity); // the virtual size is inside the VHDX, not the file's size
        Assert.Equal("sda", device.Target);
        Assert.Equal("web", device.Domain);
    }

    [Fact]
    public void A_raw_image_gives_its_file_size_as_capacity_too()
    {
        var device = DomainBlockService.ToDevice(Domain, new DiskDefinition("file", "cdrom", @"C:\ISO\setup.iso", "hdc", "ide", Address), Sizes);

        Assert.Equal(734_003_200UL, device.Capacity);
        Assert.Equal(734_003_200UL, device.Physical);
    }

    [Fact]
    public void A_file_the_host_did_not_report_and_a_pass_through_disk_have_no_sizes()
    {
        var unknown = DomainBlockService.ToDevice(Domain, new DiskDefinition("file", "disk", @"C:\VMs\other.vhdx", "sdb", "scsi", Address), Sizes);
        var block = DomainBlockService.ToDevice(Domain, new DiskDefinition("block", "disk", @"c:\vms\web.vhdx", "sdc", "scsi", Address), Sizes);

        Assert.Null(unknown.Physical);
        Assert.Null(unknown.Capacity);
        Assert.Null(block.Physical); // a block source is a host disk number, never a file to look up
    }

    [Fact]
    public void A_virtual_disks_capacity_is_its_virtual_size_when_read_and_never_for_raw_images_or_luns()
    {
        var virtualSizes = new Dictionary<string, ulong>(StringComparer.OrdinalIgnoreCase)
        {
            [@"C:\VMs\WEB.vhdx"] = 136_365_211_648,
            [@"C:\ISO\setup.iso"] = 1,
        };

        var disk = DomainBlockService.ToDevice(Domain, new DiskDefinition("file", "disk", @"C:\VMs\web.vhdx", "sda", "scsi", Address), Sizes, virtualSizes);
        var iso = DomainBlockService.ToDevice(Domain, new DiskDefinition("file", "cdrom", @"C:\ISO\setup.iso", "hdc", "ide", Address), Sizes, virtualSizes);
        var block = DomainBlockService.ToDevice(Domain, new DiskDefinition("block", "disk", @"C:\VMs\web.vhdx", "sdc", "scsi", Address), Sizes, virtualSizes);

        Assert.Equal(136_365_211_648UL, disk.Capacity);
        Assert.Equal(4_294_967_296UL, disk.Physical);
        Assert.Equal(734_003_200UL, iso.Capacity); // raw: the file is what the guest sees
        Assert.Null(block.Capacity);
    }
}
