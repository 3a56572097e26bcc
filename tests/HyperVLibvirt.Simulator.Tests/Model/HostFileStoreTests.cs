using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator.Tests.Model;

/// <summary>The host's files: every image the VMs use exists, with sizes of its kind, and paths compare as on NTFS.</summary>
public class HostFileStoreTests
{
    private static IEnumerable<string> ImagePaths(SimulatedHost host) =>
        host.EnumerateInstances(TestHosts.V2, "Msvm_StorageAllocationSettingData")
            .Select(s => s["HostResource"]).OfType<IReadOnlyList<object>>().Select(h => (string)h[0]);

    [Fact]
    public void EveryImageAVmUsesExists()
    {
        var host = TestHosts.Create();
        var paths = ImagePaths(host).ToArray();
        Assert.Contains(paths, p => p.EndsWith(".vhdx", StringComparison.Ordinal));
        Assert.Contains(paths, p => p.EndsWith(".iso", StringComparison.Ordinal));
        Assert.All(paths, p => Assert.True(host.Files.Exists(p), p));
        Assert.All(HostFileStore.ExtraIsoImages, p => Assert.True(host.Files.Exists(p), p));
    }

    [Fact]
    public void SizesFollowTheKindOfFile()
    {
        var host = TestHosts.Create();
        var vhdx = host.Files.Files.First(f => f.Path.EndsWith(".vhdx", StringComparison.Ordinal));
        Assert.NotNull(vhdx.Disk);
        Assert.Equal(VirtualDiskFormat.Vhdx, vhdx.Disk!.Format);
        Assert.Equal(VirtualDiskType.Dynamic, vhdx.Disk.Type);
        Assert.InRange(vhdx.Size, 4UL << 20, vhdx.Disk.MaxInternalSize);
        Assert.Equal(0UL, vhdx.Disk.MaxInternalSize % (1 << 20));

        var iso = host.Files.Files.First(f => f.Path.EndsWith(".iso", StringComparison.Ordinal));
        Assert.Null(iso.Disk);
        Assert.Equal(0UL, iso.Size % 2048);
        Assert.InRange(iso.Size, 512UL << 20, 6UL << 30);
        Assert.Equal(HostFileStore.FloppyImageSize, HostFileStore.Plausible(@"D:\VMs\boot.vfd").Size);

        // The same path always has the same size.
        Assert.Equal(vhdx, HostFileStore.Plausible(vhdx.Path));
    }

    [Fact]
    public void PathsCompareWithoutCaseAndAddNeverReplaces()
    {
        var store = new HostFileStore();
        Assert.True(store.Add(@"C:\ISO\Setup.iso", 4096));
        Assert.True(store.Exists(@"c:\iso\SETUP.ISO"));
        Assert.False(store.Add(@"C:\ISO\SETUP.iso", 1));
        Assert.Equal(4096UL, store.Find(@"c:\iso\setup.iso")!.Size);
        Assert.Equal(@"C:\ISO\Setup.iso", store.Find(@"c:\iso\setup.iso")!.Path);
        Assert.True(store.Remove(@"c:\ISO\setup.iso"));
        Assert.False(store.Exists(@"C:\ISO\Setup.iso"));
        Assert.False(store.Remove(@"C:\ISO\Setup.iso"));
    }

    [Fact]
    public void ANewDiskFileHoldsHeadersOnlyWhenDynamicAndEveryBlockWhenFixed()
    {
        var dynamic = HostFileStore.NewDisk(VirtualDiskFormat.Vhdx, VirtualDiskType.Dynamic, 10UL << 30);
        var fixedDisk = HostFileStore.NewDisk(VirtualDiskFormat.Vhdx, VirtualDiskType.Fixed, 10UL << 30);
        Assert.Equal(32u << 20, dynamic.BlockSize);
        Assert.Equal(0u, fixedDisk.BlockSize);
        Assert.True(HostFileStore.NewFileSize(dynamic) < (64UL << 20));
        Assert.True(HostFileStore.NewFileSize(fixedDisk) > (10UL << 30));
        Assert.Equal((10UL << 30) + 512, HostFileStore.NewFileSize(HostFileStore.NewDisk(VirtualDiskFormat.Vhd, VirtualDiskType.Fixed, 10UL << 30)));
    }
}
