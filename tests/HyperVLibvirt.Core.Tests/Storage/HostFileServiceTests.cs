using HyperVLibvirt.Core.Storage;
using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Core.Tests.Storage;

/// <summary>HostFileService against the in-process simulator: which paths exist in one query per 32, and Delete with its refusals.</summary>
public sealed class HostFileServiceTests
{
    private static string ImageOf(IReadOnlyList<VirtualMachineSpec> inventory, ushort state) =>
        inventory.Where(v => v.State == state).SelectMany(v => VmDeviceLayout.For(v, []).Drives)
            .Select(d => d.Path).OfType<string>().First(p => p.EndsWith(".vhdx", StringComparison.Ordinal));

    [Fact]
    public async Task Forty_paths_cost_two_queries_and_existing_ones_come_back_keyed_as_given_with_their_sizes()
    {
        var (sim, connection) = await StorageSimulator.StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var files = sim.Host.Files.Files;
        var asked = files.Select(f => f.Path.ToUpperInvariant()).Concat(Enumerable.Range(0, 40).Select(i => $@"C:\missing\{i}.vhdx")).Take(40).ToArray();
        var log = new OperationLog();

        var existing = await new HostFileService(connection, log).GetExistingAsync(asked, CancellationToken.None);

        Assert.Equal(2, log.Count("Enumerate"));
        Assert.Equal(files.Count, existing.Count);
        Assert.All(files, f => Assert.Equal(f.Size, existing[f.Path.ToUpperInvariant()]));
        Assert.All(existing.Keys, k => Assert.Contains(k, asked));
        Assert.True(existing.ContainsKey(files[0].Path.ToLowerInvariant()));
        Assert.Empty(await new HostFileService(connection, log).GetExistingAsync([], CancellationToken.None));
        Assert.Equal(2, log.Count("Enumerate"));
    }

    [Fact]
    public async Task Delete_removes_a_file_no_active_domain_holds()
    {
        var (sim, connection) = await StorageSimulator.StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var path = ImageOf(sim.Host.Inventory, EnabledStates.Disabled);
        var service = new HostFileService(connection, null);

        await service.DeleteAsync(path, CancellationToken.None);

        Assert.False(sim.Host.Files.Exists(path));
        Assert.Empty(await service.GetExistingAsync([path], CancellationToken.None));
        var again = await Assert.ThrowsAsync<HvStorageException>(() => service.DeleteAsync(path, CancellationToken.None));
        Assert.Equal(StorageFailure.FileNotFound, again.Reason);
        Assert.Contains(path, again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_of_a_running_domains_disk_is_FileInUse_and_keeps_it()
    {
        var (sim, connection) = await StorageSimulator.StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var path = ImageOf(sim.Host.Inventory, EnabledStates.Enabled);

        var refused = await Assert.ThrowsAsync<HvStorageException>(() => new HostFileService(connection, null).DeleteAsync(path, CancellationToken.None));

        Assert.Equal(StorageFailure.FileInUse, refused.Reason);
        Assert.Equal(15u, refused.ReturnValue);
        Assert.NotNull(refused.RecommendedAction);
        Assert.True(sim.Host.Files.Exists(path));
    }

    [Theory]
    [InlineData(@"disk.vhdx")]
    [InlineData(@"C:disk.vhdx")]
    [InlineData(@"C:\VMs\")]
    [InlineData(@"C:\VMs\a?.vhdx")]
    public async Task A_path_that_is_not_absolute_is_refused_before_anything_is_sent(string path)
    {
        var (sim, connection) = await StorageSimulator.StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var log = new OperationLog();

        var refused = await Assert.ThrowsAsync<HvStorageException>(() => new HostFileService(connection, log).DeleteAsync(path, CancellationToken.None));

        Assert.Equal(StorageFailure.InvalidPath, refused.Reason);
        Assert.Empty(log.Actions);
    }

    [Fact]
    public async Task A_host_without_CIM_DataFile_is_ClassNotAvailable()
    {
        var (sim, connection) = await StorageSimulator.StartAsync();
        await using var _ = sim;
        using var __ = connection;
        sim.Faults.Add("wsman:CannotProcessFilter/Enumerate");

        var refused = await Assert.ThrowsAsync<HvStorageException>(() => new HostFileService(connection, null).GetExistingAsync([@"C:\ISO\a.iso"], CancellationToken.None));

        Assert.Equal(StorageFailure.ClassNotAvailable, refused.Reason);
        Assert.Contains("CIM_DataFile", refused.Message, StringComparison.Ordinal);
    }
}

