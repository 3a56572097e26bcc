using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator.Tests.Model;

/// <summary>root/cimv2's CIM_DataFile over the host's files: the query the client sends for sizes, and Delete.</summary>
public class DataFileTests
{
    private static MethodResult Delete(SimulatedHost host, string path) =>
        host.InvokeMethod(TestHosts.Cimv2, "CIM_DataFile", [new("Name", path)], "Delete", []);

    private static string ImageOf(SimulatedHost host, ushort state, string extension) =>
        host.Inventory.Where(v => v.State == state)
            .SelectMany(v => VmDeviceLayout.For(v, []).Drives)
            .Select(d => d.Path).OfType<string>().First(p => p.EndsWith(extension, StringComparison.Ordinal));

    [Fact]
    public void TheSizeQueryAnswersEachExistingPathInLowerCase()
    {
        var host = TestHosts.Create();
        var vhdx = host.Files.Files.First(f => f.Path.EndsWith(".vhdx", StringComparison.Ordinal));
        var iso = HostFileStore.ExtraIsoImages[0];
        var wql = "SELECT Name, FileSize FROM CIM_DataFile WHERE Name = '" + vhdx.Path.ToUpperInvariant().Replace(@"\", @"\\", StringComparison.Ordinal)
            + "' OR Name = '" + iso.Replace(@"\", @"\\", StringComparison.Ordinal) + @"' OR Name = 'C:\\nothing\\here.vhdx'";

        var result = host.ExecuteQuery(TestHosts.Cimv2, wql);

        Assert.Equal(["FileSize", "Name"], result.SelectedProperties!.Order(StringComparer.Ordinal));
        Assert.Equal(2, result.Instances.Count);
        var disk = result.Instances.Single(i => ((string)i["Name"]!).EndsWith(".vhdx", StringComparison.Ordinal));
        Assert.Equal(vhdx.Path.ToLowerInvariant(), disk["Name"]);
        Assert.Equal(vhdx.Size, Convert.ToUInt64(disk["FileSize"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("vhdx", disk["Extension"]);
        Assert.Equal("c:", disk["Drive"]);
        Assert.Equal(@"\programdata\microsoft\windows\virtual hard disks\", disk["Path"]);
    }

    [Fact]
    public void DeleteRemovesTheFileOfAnOffVm()
    {
        var host = TestHosts.Create();
        var path = ImageOf(host, EnabledStates.Disabled, ".vhdx");
        Assert.Single(host.ExecuteQuery(TestHosts.Cimv2, $"SELECT * FROM CIM_DataFile WHERE Name = '{path.Replace(@"\", @"\\", StringComparison.Ordinal)}'").Instances);

        Assert.Equal(0u, Delete(host, path).ReturnValue);

        Assert.False(host.Files.Exists(path));
        Assert.Empty(host.ExecuteQuery(TestHosts.Cimv2, $"SELECT * FROM CIM_DataFile WHERE Name = '{path.Replace(@"\", @"\\", StringComparison.Ordinal)}'").Instances);
        var gone = Assert.Throws<CimException>(() => Delete(host, path));
        Assert.Equal(CimErrorKind.NotFound, gone.Kind);
    }

    [Fact]
    public void AFileARunningVmHoldsIsASharingViolationAndStays()
    {
        var host = TestHosts.Create();
        var path = ImageOf(host, EnabledStates.Enabled, ".vhdx");

        Assert.Equal(15u, Delete(host, path).ReturnValue);
        Assert.True(host.Files.Exists(path));
    }

    [Fact]
    public void AFileAddedToTheStoreIsSeenByTheNextQuery()
    {
        var host = TestHosts.Create();
        Assert.Empty(host.ExecuteQuery(TestHosts.Cimv2, @"SELECT * FROM CIM_DataFile WHERE Name = 'D:\\New.iso'").Instances);
        host.Files.Add(@"D:\New.iso", 2048);
        var file = Assert.Single(host.ExecuteQuery(TestHosts.Cimv2, @"SELECT * FROM CIM_DataFile WHERE Name = 'd:\\new.iso'").Instances);
        Assert.Equal(@"d:\new.iso", file["Name"]);
        Assert.Equal(@"d:\new.iso", host.GetInstance(TestHosts.Cimv2, "CIM_DataFile", [new("Name", @"D:\NEW.ISO")])["Name"]);
    }
}
