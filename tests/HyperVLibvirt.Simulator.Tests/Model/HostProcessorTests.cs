using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator.Tests.Model;

/// <summary>
/// The host facts libvirt's nodeinfo, hostname, maxvcpus and vcpuinfo read: the processor association,
/// the processor definitions and the per-VP performance counters.
/// </summary>
public class HostProcessorTests
{
    private const string CountersClass = "Win32_PerfRawData_HvStats_HyperVHypervisorVirtualProcessor";

    [Fact]
    public void AssociatorsOfTheComputerSystemReturnEverySocketAsLibvirtAsks()
    {
        var host = TestHosts.Create();
        var cs = host.ExecuteQuery(TestHosts.Cimv2, "SELECT * FROM Win32_ComputerSystem ").Instances.Single();
        var cpus = host.ExecuteQuery(TestHosts.Cimv2,
            $"ASSOCIATORS OF {{Win32_ComputerSystem.Name='{cs["Name"]}'}} WHERE AssocClass = Win32_ComputerSystemProcessor ResultClass = Win32_Processor").Instances;
        Assert.Equal(2, cpus.Count);
        Assert.Equal(["CPU0", "CPU1"], cpus.Select(c => (string)c["DeviceID"]!));
        var logical = cpus.Sum(c => (long)(ulong)c["NumberOfLogicalProcessors"]!);
        Assert.Equal((long)(ulong)cs["NumberOfLogicalProcessors"]!, logical);
        Assert.Contains("(R)", (string)cpus[0]["Name"]!);
        Assert.Contains(" @ ", (string)cpus[0]["Name"]!);
        Assert.Equal("HV-TEST01", cs["DNSHostName"]);
    }

    [Theory]
    [InlineData("ws2019", 32UL)]
    [InlineData("ws2008r2", 4UL)]
    [InlineData("ws2025", 32UL)]
    public void TheMaximumDefinitionHoldsTheMostVcpusAVmMayHave(string profile, ulong expected)
    {
        var host = TestHosts.Create(profile);
        var ns = profile.StartsWith("ws2008", StringComparison.Ordinal) ? TestHosts.V1 : TestHosts.V2;
        var maximum = host.ExecuteQuery(ns, "SELECT * FROM Msvm_ProcessorSettingData WHERE InstanceID LIKE 'Microsoft:Definition%Maximum'").Instances.Single();
        Assert.Equal(expected, maximum["VirtualQuantity"]);
        Assert.Equal(@"Microsoft:Definition\B637F346-6A6E-4DEC-AF52-BD70CB80A21D\Maximum", maximum["InstanceID"]);
    }

    [Fact]
    public void DefinitionsComeAfterTheVmsOwnSettingsAndNeverAttachToAVm()
    {
        var host = TestHosts.Create(vms: 3);
        var all = host.EnumerateInstances(TestHosts.V2, "Msvm_ProcessorSettingData");
        Assert.Equal(3 + 4, all.Count);
        Assert.StartsWith("Microsoft:Definition", (string)all[3]["InstanceID"]!);
        Assert.DoesNotContain("Definition", (string)all[0]["InstanceID"]!);
    }

    [Fact]
    public void EveryVpOfARunningVmHasARowNamedAsHyperVNamesIt()
    {
        var host = TestHosts.Create();
        var running = TestHosts.Vms(host).Where(v => (ulong)v["EnabledState"]! == 2).ToArray();
        Assert.NotEmpty(running);
        var rows = host.ExecuteQuery(TestHosts.Cimv2, $"SELECT * FROM {CountersClass}").Instances;
        foreach (var vm in running)
        {
            var spec = host.Inventory.Single(s => s.Id == Guid.Parse((string)vm["Name"]!));
            for (var vp = 0; vp < spec.VirtualProcessors; vp++)
            {
                Assert.Single(rows, r => (string)r["Name"]! == $"{spec.Name}:Hv VP {vp}");
            }
            Assert.DoesNotContain(rows, r => (string)r["Name"]! == $"{spec.Name}:Hv VP {spec.VirtualProcessors}");
        }
        Assert.Single(rows, r => (string)r["Name"]! == "_Total");
    }

    [Fact]
    public void StoppedVmsHaveNoRows()
    {
        var host = TestHosts.Create();
        var off = host.Inventory.First(s => s.State == EnabledStates.Disabled);
        var rows = host.ExecuteQuery(TestHosts.Cimv2, $"SELECT * FROM {CountersClass} WHERE Name = '{off.Name}:Hv VP 0'").Instances;
        Assert.Empty(rows);
    }

    [Fact]
    public void RunTimeGrowsWithTheClock()
    {
        var clock = new ManualClock();
        var host = TestHosts.Create(clock: clock);
        var vm = host.Inventory.First(s => s.State == EnabledStates.Enabled);
        var wql = $"SELECT * FROM {CountersClass} WHERE Name = '{vm.Name}:Hv VP 0'";
        var before = (ulong)host.ExecuteQuery(TestHosts.Cimv2, wql).Instances.Single()["PercentTotalRunTime"]!;
        clock.Advance(TimeSpan.FromMinutes(10));
        var after = host.ExecuteQuery(TestHosts.Cimv2, wql).Instances.Single();
        Assert.True((ulong)after["PercentTotalRunTime"]! > before);
        // At most the whole ten minutes (in 100 ns ticks) more, as one VP cannot run longer than wall time.
        Assert.True((ulong)after["PercentTotalRunTime"]! - before <= (ulong)TimeSpan.FromMinutes(10).Ticks);
        Assert.Equal(10_000_000UL, after["Frequency_Sys100NS"]);
    }

    [Fact]
    public void APausedVmsRunTimeStandsStill()
    {
        var clock = new ManualClock();
        var host = TestHosts.Create(clock: clock);
        var paused = host.Inventory.First(s => s.State == EnabledStates.Quiesce);
        var wql = $"SELECT * FROM {CountersClass} WHERE Name = '{paused.Name}:Hv VP 0'";
        var before = host.ExecuteQuery(TestHosts.Cimv2, wql).Instances.Single()["PercentTotalRunTime"];
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(before, host.ExecuteQuery(TestHosts.Cimv2, wql).Instances.Single()["PercentTotalRunTime"]);
    }

    [Fact]
    public void DuplicateVmNamesGetNumberedInstances()
    {
        var path = Path.Combine(Path.GetTempPath(), $"inventory-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            { "vms": [
                { "name": "web", "id": "0A000000-0000-4000-8000-000000000001", "state": "running", "vcpus": 1 },
                { "name": "web", "id": "0B000000-0000-4000-8000-000000000002", "state": "running", "vcpus": 1 }
            ] }
            """);
        try
        {
            var host = TestHosts.Create(inventory: path);
            var names = host.ExecuteQuery(TestHosts.Cimv2, $"SELECT Name FROM {CountersClass}").Instances.Select(r => (string)r["Name"]!).ToArray();
            Assert.Equal(["web:Hv VP 0", "web#1:Hv VP 0", "_Total"], names);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
