using HyperVLibvirt.Core.Storage;
using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Core.Tests.Storage;

/// <summary>VirtualHardDiskService against the in-process simulator: New-VHD's disks made through an Msvm_StorageJob and read back, and what is refused.</summary>
public sealed class VirtualHardDiskServiceTests
{
    [Fact]
    public async Task A_dynamic_vhdx_is_made_and_read_back_with_its_file_size()
    {
        var (sim, connection) = await StorageSimulator.StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var log = new OperationLog();

        var disk = await new VirtualHardDiskService(connection, log).CreateAsync(@"D:\VMs\web-02.vhdx", 40UL << 30, null, VirtualHardDiskType.Dynamic, null, CancellationToken.None);

        Assert.Equal(@"D:\VMs\web-02.vhdx", disk.Path);
        Assert.Equal("VHDX", disk.Format);
        Assert.Equal("Dynamic", disk.Type);
        Assert.Equal(40UL << 30, disk.Size);
        Assert.Equal(32u << 20, disk.BlockSize);
        Assert.Equal(sim.Host.Files.Find(@"D:\VMs\web-02.vhdx")!.Size, disk.FileSize);
        Assert.True(disk.FileSize < (64UL << 20));
        Assert.Equal(connection.Id, disk.ConnectionId);
        // The existence check, the create, its job read from Msvm_StorageJob, then the read back (settings and file size).
        Assert.Equal(1, log.Count("CreateVirtualHardDisk"));
        Assert.Equal(1, log.Count("GetVirtualHardDiskSettingData"));
    }

    [Fact]
    public async Task A_fixed_vhd_waits_for_its_job_and_holds_every_block()
    {
        var (sim, connection) = await StorageSimulator.StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var statuses = 0;

        var disk = await new VirtualHardDiskService(connection, null).CreateAsync(@"D:\VMs\legacy.vhd", 1UL << 30, VirtualHardDiskFormat.Vhd,
            VirtualHardDiskType.Fixed, new() { OnJobStatus = _ => statuses++ }, CancellationToken.None);

        Assert.Equal("VHD", disk.Format);
        Assert.Equal("Fixed", disk.Type);
        Assert.Equal((1UL << 30) + 512, disk.FileSize);
        Assert.True(statuses >= 2, "the job was started and read until done");
    }

    [Fact]
    public async Task An_existing_file_is_refused_before_the_create_is_sent()
    {
        var (sim, connection) = await StorageSimulator.StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var existing = sim.Host.Files.Files.First(f => f.Disk is not null);
        var log = new OperationLog();

        var refused = await Assert.ThrowsAsync<HvStorageException>(() =>
            new VirtualHardDiskService(connection, log).CreateAsync(existing.Path.ToUpperInvariant(), 10UL << 30, null, VirtualHardDiskType.Dynamic, null, CancellationToken.None));

        Assert.Equal(StorageFailure.FileExists, refused.Reason);
        Assert.Equal(0, log.Count("CreateVirtualHardDisk"));
        Assert.Equal(existing, sim.Host.Files.Find(existing.Path));
    }

    [Fact]
    public async Task Without_CIM_DataFile_the_hosts_failed_job_reports_the_existing_file()
    {
        var (sim, connection) = await StorageSimulator.StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var existing = sim.Host.Files.Files.First(f => f.Disk is not null);
        sim.Faults.Add("wsman:CannotProcessFilter@1/Enumerate");

        var failed = await Assert.ThrowsAsync<HvStorageException>(() =>
            new VirtualHardDiskService(connection, null).CreateAsync(existing.Path, 10UL << 30, null, VirtualHardDiskType.Dynamic, null, CancellationToken.None));

        Assert.Equal(StorageFailure.JobFailed, failed.Reason);
        Assert.Contains(existing.Path, failed.Message, StringComparison.Ordinal);
        Assert.Contains("ErrorCode 32768", failed.Message, StringComparison.Ordinal);
        Assert.IsType<HyperVLibvirt.Core.Lifecycle.HvJobException>(failed.InnerException);
    }

    [Theory]
    [InlineData(@"D:\VMs\a.vhdx", 1UL << 20, null, StorageFailure.ValueOutOfRange)]              // below 3 MiB
    [InlineData(@"D:\VMs\a.vhdx", (10UL << 30) + 100, null, StorageFailure.ValueOutOfRange)]     // not whole sectors
    [InlineData(@"D:\VMs\a.vhd", 3UL << 40, null, StorageFailure.ValueOutOfRange)]               // beyond a VHD
    [InlineData(@"D:\VMs\a.vhdx", 10UL << 30, VirtualHardDiskFormat.Vhd, StorageFailure.ValueOutOfRange)] // format against the name
    [InlineData(@"D:\VMs\a.img", 10UL << 30, null, StorageFailure.InvalidPath)]                  // no disk extension
    [InlineData(@"VMs\a.vhdx", 10UL << 30, null, StorageFailure.InvalidPath)]                    // relative
    public async Task What_no_disk_can_be_is_refused_before_anything_is_sent(string path, ulong size, VirtualHardDiskFormat? format, StorageFailure reason)
    {
        var (sim, connection) = await StorageSimulator.StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var log = new OperationLog();

        var refused = await Assert.ThrowsAsync<HvStorageException>(() =>
            new VirtualHardDiskService(connection, log).CreateAsync(path, size, format, VirtualHardDiskType.Dynamic, null, CancellationToken.None));

        Assert.Equal(reason, refused.Reason);
        Assert.Empty(log.Actions);
        Assert.False(sim.Host.Files.Exists(path));
    }

    [Fact]
    public async Task Reading_a_disk_a_missing_file_and_an_iso()
    {
        var (sim, connection) = await StorageSimulator.StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var service = new VirtualHardDiskService(connection, null);
        var vhdx = sim.Host.Files.Files.First(f => f.Disk is not null);

        var disk = await service.GetAsync(vhdx.Path, CancellationToken.None);
        Assert.Equal(vhdx.Disk!.MaxInternalSize, disk.Size);
        Assert.Equal(vhdx.Size, disk.FileSize);

        Assert.Equal(StorageFailure.FileNotFound, (await Assert.ThrowsAsync<HvStorageException>(() => service.GetAsync(@"D:\none.vhdx", CancellationToken.None))).Reason);
        Assert.Equal(StorageFailure.NotAVirtualHardDisk,
            (await Assert.ThrowsAsync<HvStorageException>(() => service.GetAsync(HostFileStore.ExtraIsoImages[0], CancellationToken.None))).Reason);
    }

    [Fact]
    public async Task Virtual_sizes_cost_one_call_per_distinct_disk_and_leave_out_what_the_host_cannot_read()
    {
        var (sim, connection) = await StorageSimulator.StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var disks = sim.Host.Files.Files.Where(f => f.Disk is not null).Take(3).ToArray();
        var log = new OperationLog();
        string[] paths = [.. disks.Select(d => d.Path), disks[0].Path.ToUpperInvariant(), HostFileStore.ExtraIsoImages[0], @"D:\none.vhdx"];

        var sizes = await new VirtualHardDiskService(connection, log).GetVirtualSizesAsync(paths, CancellationToken.None);

        Assert.Equal(5, log.Count("GetVirtualHardDiskSettingData"));
        Assert.Equal(3, sizes.Count);
        Assert.All(disks, d => Assert.Equal(d.Disk!.MaxInternalSize, sizes[d.Path]));
    }

    [Fact]
    public async Task A_host_without_the_image_service_is_asked_once_and_the_block_listing_warns_once()
    {
        var (sim, connection) = await StorageSimulator.StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var disks = sim.Host.Files.Files.Where(f => f.Disk is not null).Take(3).Select(f => f.Path).ToArray();
        sim.Faults.Add("wsman:DestinationUnreachable/Invoke");
        var log = new OperationLog();

        var missing = await Assert.ThrowsAsync<HvStorageException>(() => new VirtualHardDiskService(connection, log).GetVirtualSizesAsync(disks, CancellationToken.None));
        Assert.Equal(StorageFailure.ClassNotAvailable, missing.Reason);
        Assert.Equal(1, log.Count("GetVirtualHardDiskSettingData"));

        var warnings = new List<string>();
        var devices = new List<HyperVLibvirt.Core.DomainXml.HvDomainBlockDevice>();
        var service = new HyperVLibvirt.Core.DomainXml.DomainBlockService(connection, null) { ReadVirtualSizes = true };
        await foreach (var result in service.GetAsync(new HyperVLibvirt.Core.Domains.DomainFilter(), sizes: true, null, warnings.Add))
        {
            devices.AddRange(result.Devices);
        }
        Assert.Contains(devices, d => d.Device == "disk" && d.Type == "file" && d.Physical is not null);
        Assert.All(devices.Where(d => d.Device == "disk"), d => Assert.Null(d.Capacity));
        Assert.Contains("Msvm_ImageManagementService", Assert.Single(warnings), StringComparison.Ordinal);
    }
}
