using HyperVLibvirt.Core.Definition;
using HyperVLibvirt.Core.Devices;

namespace HyperVLibvirt.Core.Tests.Definition;

public class DomainParametersTests
{
    [Fact]
    public void Generation_1_puts_the_disk_at_ide_0_0_and_the_dvd_at_ide_1_0_as_new_vm()
    {
        var spec = DomainParameters.ToSpec("a", 1, 2UL << 30, 2, "notes", @"C:\a.vhdx", @"C:\a.iso", "External");

        Assert.Collection(spec.Devices,
            d => Assert.Equal(new DiskSpec { Kind = DiskKind.VirtualHardDisk, Path = @"C:\a.vhdx", Bus = DiskBus.Ide, Controller = 0, Location = 0 }, d),
            d => Assert.Equal(new DiskSpec { Kind = DiskKind.Dvd, Path = @"C:\a.iso", Bus = DiskBus.Ide, Controller = 1, Location = 0 }, d),
            d => Assert.Equal(new NetworkAdapterSpec { Switch = "External" }, d));
        Assert.Equal((1, 2UL << 30, 2, "notes"), (spec.Generation, spec.MemoryBytes!.Value, spec.VcpuCount!.Value, spec.Description));
    }

    [Fact]
    public void Generation_2_gets_a_scsi_controller_with_the_disk_at_0_and_the_dvd_at_1()
    {
        var spec = DomainParameters.ToSpec("b", 2, null, null, null, null, @"C:\b.iso", null, new NewVirtualHardDisk(@"C:\b.vhdx", 1UL << 30));

        Assert.Collection(spec.Devices,
            d => Assert.Equal(new ScsiControllerSpec { Index = 0 }, d),
            d => Assert.Equal(new DiskSpec { Kind = DiskKind.VirtualHardDisk, Path = @"C:\b.vhdx", Bus = DiskBus.Scsi, Controller = 0, Location = 0 }, d),
            d => Assert.Equal(new DiskSpec { Kind = DiskKind.Dvd, Path = @"C:\b.iso", Bus = DiskBus.Scsi, Controller = 0, Location = 1 }, d));
        Assert.Equal(new NewVirtualHardDisk(@"C:\b.vhdx", 1UL << 30), spec.NewDisk);
        Assert.Null(spec.MemoryBytes);
    }

    [Fact]
    public void Refuses_an_existing_and_a_new_disk_together_and_a_third_generation()
    {
        Assert.Throws<ArgumentException>(() => DomainParameters.ToSpec("c", 1, null, null, null, @"C:\a.vhdx", null, null, new NewVirtualHardDisk(@"C:\b.vhdx", 1UL << 30)));
        Assert.Throws<ArgumentException>(() => DomainParameters.ToSpec("c", 3, null, null, null, null, null, null));
    }
}
