using HyperVLibvirt.Core.Node;
using HyperVLibvirt.Core.Tests.HyperV;

namespace HyperVLibvirt.Core.Tests.Node;

/// <summary>virsh nodeinfo, hostname, maxvcpus and freecell mapped from the instances, as hypervNodeGetInfo and friends map them.</summary>
public sealed class NodeInfoTests
{
    private static readonly Guid Session = Guid.NewGuid();

    // Values of the Windows Server 2012 Win32_ComputerSystem and Win32_OperatingSystem captures.
    private static readonly Core.WsMan.CimObject ComputerSystem = Cim.Object("Win32_ComputerSystem",
        ("DNSHostName", "AMAZONA-SDFU7B1"), ("Name", "AMAZONA-SDFU7B1"), ("TotalPhysicalMemory", "644468736"), ("NumberOfLogicalProcessors", "32"));

    private static readonly Core.WsMan.CimObject OperatingSystem = Cim.Object("Win32_OperatingSystem", ("FreePhysicalMemory", "43588"));

    private static Core.WsMan.CimObject Socket(string id) => Cim.Object("Win32_Processor",
        ("DeviceID", id), ("Name", "Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz"), ("MaxClockSpeed", "2401"), ("NumberOfCores", "8"), ("NumberOfLogicalProcessors", "16"));

    private static NodeInfo Read(params Core.WsMan.CimObject[] processors) => NodeInfo.Create("hv01", Session, ComputerSystem, processors,
        Cim.Object("Win32_ComputerSystemProduct", ("UUID", "4C4C4544-0042-3510-8052-B4C04F4E3732")), OperatingSystem,
        Cim.Object("Msvm_ProcessorSettingData", ("VirtualQuantity", "240")));

    [Fact]
    public void CountsSocketsCoresAndThreadsAsLibvirt()
    {
        var info = Read(Socket("CPU0"), Socket("CPU1"));
        Assert.Equal(2, info.Sockets);
        Assert.Equal(8u, info.CoresPerSocket);
        Assert.Equal(2u, info.ThreadsPerCore);
        Assert.Equal(16u, info.Cpus); // sockets × cores: libvirt leaves threads out
        Assert.Equal(32u, info.LogicalProcessors);
        Assert.Equal(1, info.Nodes);
        Assert.Equal(2401u, info.CpuMHz);
        Assert.Equal("Intel Xeon Gold 6148 CPU", info.CpuModel);
    }

    [Fact]
    public void MapsMemoryHostNameUuidAndMaximum()
    {
        var info = Read(Socket("CPU0"));
        Assert.Equal(644468736UL / 1024, info.MemoryKiB);
        Assert.Equal(644468736UL, info.Memory);
        Assert.Equal(43588UL * 1024, info.FreeMemory);
        Assert.Equal("AMAZONA-SDFU7B1", info.HostName);
        Assert.Equal(Guid.Parse("4c4c4544-0042-3510-8052-b4c04f4e3732"), info.Uuid);
        Assert.Equal(240UL, info.MaxVcpus);
        Assert.Equal(Session, info.ConnectionId);
        Assert.False(info.CpuModelTooLongForLibvirt);
    }

    [Fact]
    public void MissingFactsAreNullInsteadOfFailing()
    {
        var info = NodeInfo.Create("hv01", Session, ComputerSystem, [], null, null, null);
        Assert.Equal(0, info.Sockets);
        Assert.Null(info.CpuModel);
        Assert.Null(info.ThreadsPerCore);
        Assert.Null(info.Cpus);
        Assert.Null(info.Uuid);
        Assert.Null(info.FreeMemory);
        Assert.Null(info.MaxVcpus);
    }

    [Fact]
    public void ZeroCoresLeavesThreadsUnknownWhereLibvirtWouldDivideByZero()
    {
        var socket = Cim.Object("Win32_Processor", ("Name", "x"), ("NumberOfCores", "0"), ("NumberOfLogicalProcessors", "4"));
        Assert.Null(NodeInfo.Create("hv01", Session, ComputerSystem, [socket], null, null, null).ThreadsPerCore);
    }

    [Fact]
    public void KeepsAModelLibvirtWouldRefuseAndSaysSo()
    {
        var socket = Cim.Object("Win32_Processor", ("Name", "Intel(R) Xeon(R) Platinum 8380HL Processor Extra Long @ 2.90GHz"), ("NumberOfCores", "28"));
        var info = NodeInfo.Create("hv01", Session, ComputerSystem, [socket], null, null, null);
        Assert.Equal("Intel Xeon Platinum 8380HL Processor Extra Long", info.CpuModel);
        Assert.True(info.CpuModelTooLongForLibvirt);
    }

    [Fact]
    public void DropsTheTrailingSpaceOfPaddedNamesButJudgesLibvirtsLimitWithIt()
    {
        var socket = Cim.Object("Win32_Processor", ("Name", "AMD EPYC 7452 32-Core Processor                "), ("NumberOfCores", "32"));
        var info = NodeInfo.Create("hv01", Session, ComputerSystem, [socket], null, null, null);
        Assert.Equal("AMD EPYC 7452 32-Core Processor", info.CpuModel);
        // libvirt's "AMD EPYC 7452 32-Core Processor " is 32 bytes: its nodeinfo fails on this host.
        Assert.True(info.CpuModelTooLongForLibvirt);
    }
}
