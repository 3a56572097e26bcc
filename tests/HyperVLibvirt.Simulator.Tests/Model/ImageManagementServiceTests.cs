using System.Globalization;
using System.Xml.Linq;
using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator.Tests.Model;

/// <summary>Msvm_ImageManagementService: CreateVirtualHardDisk makes a file through an Msvm_StorageJob, GetVirtualHardDiskSettingData reads a disk back.</summary>
public class ImageManagementServiceTests
{
    private static readonly KeyValuePair<string, string>[] Service = [new("CreationClassName", "Msvm_ImageManagementService")];

    private static string Disk(string path, ulong size, ushort format = 3, ushort type = 3, params (string Name, string Type, string Value)[] more) =>
        "<INSTANCE CLASSNAME=\"Msvm_VirtualHardDiskSettingData\">"
        + $"<PROPERTY NAME=\"Path\" TYPE=\"string\"><VALUE>{path}</VALUE></PROPERTY>"
        + $"<PROPERTY NAME=\"Format\" TYPE=\"uint16\"><VALUE>{format}</VALUE></PROPERTY>"
        + $"<PROPERTY NAME=\"Type\" TYPE=\"uint16\"><VALUE>{type}</VALUE></PROPERTY>"
        + $"<PROPERTY NAME=\"MaxInternalSize\" TYPE=\"uint64\"><VALUE>{size.ToString(CultureInfo.InvariantCulture)}</VALUE></PROPERTY>"
        + string.Concat(more.Select(p => $"<PROPERTY NAME=\"{p.Name}\" TYPE=\"{p.Type}\"><VALUE>{p.Value}</VALUE></PROPERTY>"))
        + "</INSTANCE>";

    private static MethodResult Create(SimulatedHost host, string instance) =>
        host.InvokeMethod(TestHosts.V2, "Msvm_ImageManagementService", Service, "CreateVirtualHardDisk", [new("VirtualDiskSettingData", instance)]);

    private static MethodResult Get(SimulatedHost host, string path) =>
        host.InvokeMethod(TestHosts.V2, "Msvm_ImageManagementService", Service, "GetVirtualHardDiskSettingData", [new("Path", path)]);

    private static CimInstance Job(SimulatedHost host, MethodResult result)
    {
        var reference = (CimReference)result.OutParameters.Single(p => p.Key == "Job").Value!;
        Assert.EndsWith("/Msvm_StorageJob", reference.ResourceUri, StringComparison.Ordinal);
        var id = reference.Selectors.Single(s => s.Key == "InstanceID").Value;
        Assert.Empty(host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM Msvm_ConcreteJob WHERE InstanceID = '{id}'").Instances);
        return host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM Msvm_StorageJob WHERE InstanceID = '{id}'").Instances.Single();
    }

    private static ulong Property(string settingData, string name) =>
        ulong.Parse(XElement.Parse(settingData).Elements("PROPERTY").Single(p => (string?)p.Attribute("NAME") == name).Element("VALUE")!.Value, CultureInfo.InvariantCulture);

    [Fact]
    public void TheHostHasOneImageManagementService()
    {
        var service = Assert.Single(TestHosts.Create().EnumerateInstances(TestHosts.V2, "Msvm_ImageManagementService"));
        Assert.Equal("vhdsvc", service["Name"]);
        Assert.Equal("HV-TEST01", service["SystemName"]);
    }

    [Fact]
    public void ADynamicVhdxIsMadeAtOnceAndReadBack()
    {
        var host = TestHosts.Create();
        const string path = @"D:\VMs\new.vhdx";
        var result = Create(host, Disk(path, 40UL << 30));

        Assert.Equal(4096u, result.ReturnValue);
        Assert.Equal((ushort)7, Convert.ToUInt16(Job(host, result)["JobState"], CultureInfo.InvariantCulture));
        var file = host.Files.Find(path)!;
        Assert.Equal(VirtualDiskType.Dynamic, file.Disk!.Type);
        Assert.True(file.Size < (64UL << 20));

        var read = Get(host, @"d:\vms\NEW.vhdx");
        Assert.Equal(0u, read.ReturnValue);
        var text = (string)read.OutParameters.Single(p => p.Key == "SettingData").Value!;
        Assert.Equal(40UL << 30, Property(text, "MaxInternalSize"));
        Assert.Equal(3UL, Property(text, "Format"));
        Assert.Equal(3UL, Property(text, "Type"));
        Assert.Equal(32UL << 20, Property(text, "BlockSize"));
    }

    [Fact]
    public void AFixedDiskRunsForTheJobDurationAndHoldsEveryBlock()
    {
        var clock = new ManualClock();
        var host = TestHosts.Create(clock: clock);
        var result = Create(host, Disk(@"D:\VMs\fixed.vhd", 1UL << 30, format: 2, type: 2));

        Assert.Equal(4096u, result.ReturnValue);
        Assert.NotEqual((ushort)7, Convert.ToUInt16(Job(host, result)["JobState"], CultureInfo.InvariantCulture));
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal((ushort)7, Convert.ToUInt16(Job(host, result)["JobState"], CultureInfo.InvariantCulture));
        Assert.Equal((1UL << 30) + 512, host.Files.Find(@"D:\VMs\fixed.vhd")!.Size);
    }

    [Fact]
    public void AnExistingPathFailsTheJobNamingTheFileAndKeepsIt()
    {
        var host = TestHosts.Create();
        var existing = host.Files.Files.First(f => f.Disk is not null);
        var result = Create(host, Disk(existing.Path.ToUpperInvariant(), 10UL << 30));

        Assert.Equal(4096u, result.ReturnValue);
        var job = Job(host, result);
        Assert.Equal((ushort)10, Convert.ToUInt16(job["JobState"], CultureInfo.InvariantCulture));
        Assert.Equal((ushort)32768, Convert.ToUInt16(job["ErrorCode"], CultureInfo.InvariantCulture));
        Assert.Contains(existing.Path, (string)job["ErrorDescription"]!, StringComparison.Ordinal);
        Assert.Equal(existing, host.Files.Find(existing.Path));
    }

    [Theory]
    [InlineData(@"D:\VMs\a.vhd", 10UL << 30, 3, 3)]          // VHDX format with a .vhd name
    [InlineData(@"D:\VMs\a.vhdx", 1UL << 20, 3, 3)]          // below 3 MiB
    [InlineData(@"D:\VMs\a.vhdx", (10UL << 30) + 1, 3, 3)]   // not whole sectors
    [InlineData(@"D:\VMs\a.vhd", 2041UL << 30, 2, 3)]        // beyond a VHD's 2040 GiB
    [InlineData(@"VMs\a.vhdx", 10UL << 30, 3, 3)]            // a relative path
    [InlineData(@"D:\VMs\a.vhdx", 10UL << 30, 5, 3)]         // no such format
    public void InputThatDescribesNoDiskIsAnInvalidParameterAndMakesNothing(string path, ulong size, ushort format, ushort type)
    {
        var host = TestHosts.Create();
        var before = host.Files.Version;
        var result = Create(host, Disk(path, size, format, type));
        Assert.Equal(32773u, result.ReturnValue);
        Assert.Empty(result.OutParameters);
        Assert.Equal(before, host.Files.Version);
    }

    [Fact]
    public void DifferencingDisksAndOddBlockSizesAreRefused()
    {
        var host = TestHosts.Create();
        Assert.Equal(32770u, Create(host, Disk(@"D:\VMs\child.vhdx", 10UL << 30, type: 4)).ReturnValue);
        Assert.Equal(32773u, Create(host, Disk(@"D:\VMs\odd.vhdx", 10UL << 30, more: ("BlockSize", "uint32", "3000000"))).ReturnValue);
        Assert.Equal(4096u, Create(host, Disk(@"D:\VMs\small-blocks.vhdx", 10UL << 30, more: ("BlockSize", "uint32", "1048576"))).ReturnValue);
        Assert.Equal(1u << 20, host.Files.Find(@"D:\VMs\small-blocks.vhdx")!.Disk!.BlockSize);
        Assert.Equal(CimErrorKind.InvalidParameter, Assert.Throws<CimException>(() => Create(host, "not xml")).Kind);
    }

    [Fact]
    public void SettingDataOfAMissingFileIsFileNotFoundAndOfAnIsoInvalid()
    {
        var host = TestHosts.Create();
        Assert.Equal(32779u, Get(host, @"D:\none.vhdx").ReturnValue);
        Assert.Equal(32773u, Get(host, HostFileStore.ExtraIsoImages[0]).ReturnValue);
    }
}
