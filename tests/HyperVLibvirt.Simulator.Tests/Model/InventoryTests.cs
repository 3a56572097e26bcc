using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator.Tests.Model;

public class InventoryTests
{
    [Fact]
    public void SameSeedSameVmsDifferentSeedDifferentIds()
    {
        var a = InventoryGenerator.Generate(50, 7);
        var b = InventoryGenerator.Generate(50, 7);
        var c = InventoryGenerator.Generate(50, 8);
        Assert.Equal(a, b);
        Assert.NotEqual(a.Select(v => v.Id), c.Select(v => v.Id));
        Assert.Equal(50, a.Select(v => v.Name).Distinct().Count());
        Assert.Equal(50, a.Select(v => v.Id).Distinct().Count());
        var hostA = TestHosts.Create(vms: 20, seed: 3);
        var hostB = TestHosts.Create(vms: 20, seed: 3);
        Assert.Equal(
            TestHosts.Vms(hostA).Select(v => (v["Name"], v["ElementName"], v["EnabledState"], v["ProcessID"])),
            TestHosts.Vms(hostB).Select(v => (v["Name"], v["ElementName"], v["EnabledState"], v["ProcessID"])));
    }

    [Fact]
    public void TwoVmsMayShareANameWhenTheirIdsDiffer()
    {
        var vms = InventoryFile.Parse(
            "[{\"name\": \"web\", \"id\": \"11111111-1111-4111-8111-111111111111\"}," +
            " {\"name\": \"web\", \"id\": \"22222222-2222-4222-8222-222222222222\"}]", "test.json");
        Assert.Equal(2, vms.Count);
        Assert.All(vms, v => Assert.Equal("web", v.Name));
        Assert.NotEqual(vms[0].Id, vms[1].Id);
    }

    [Fact]
    public void GeneratedStatesCoverEverythingWhenAskedAndSmallHostsHaveRunningAndOff()
    {
        var states = InventoryGenerator.Generate(EnabledStates.V2States.Count, 1, allStates: true).Select(v => v.State).ToHashSet();
        Assert.True(states.SetEquals(EnabledStates.V2States));
        var v1 = InventoryGenerator.Generate(EnabledStates.V1States.Count, 1, v1States: true, allStates: true).Select(v => v.State).ToHashSet();
        Assert.True(v1.SetEquals(EnabledStates.V1States));
        Assert.Equal([EnabledStates.Enabled, EnabledStates.Disabled], InventoryGenerator.Generate(2, 5).Select(v => v.State));
        Assert.Empty(TestHosts.Vms(TestHosts.Create(vms: 0)));
    }

    [Fact]
    public void ActiveVmsHaveUniqueProcessIds()
    {
        var vms = TestHosts.Vms(TestHosts.Create(vms: 200));
        var pids = vms.Where(v => v["ProcessID"] is not null).Select(v => (ulong)v["ProcessID"]!).ToArray();
        Assert.NotEmpty(pids);
        Assert.Equal(pids.Length, pids.Distinct().Count());
        Assert.All(vms.Where(v => (ulong)v["EnabledState"]! is 3 or 6), v => Assert.Null(v["ProcessID"]));
    }

    [Fact]
    public void JsonInventoryLoads()
    {
        var path = Path.Combine(Path.GetTempPath(), $"inventory-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            {
              "vms": [
                { "name": "web-01", "id": "5C6A8A50-6F3E-4D5B-9C1A-0B1E2D3C4F51", "state": "running", "vcpus": 4, "memoryMB": 4096, "maxMemoryMB": 8192, "autostart": true, "processId": 4242, "notes": "front end" },
                { "name": "db-01", "state": 3, "vcpus": 2, "memoryMB": 2048, "integrationServices": false },
                { "name": "old", "state": 32769 }
              ]
            }
            """);
        try
        {
            var host = TestHosts.Create(inventory: path);
            var web = TestHosts.Vm(host, "web-01");
            Assert.Equal("5c6a8a50-6f3e-4d5b-9c1a-0b1e2d3c4f51", web["Name"]);
            Assert.Equal(4242UL, web["ProcessID"]);
            var vssd = host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_VirtualSystemSettingData WHERE ElementName = 'web-01'").Instances.Single();
            Assert.Equal(4UL, vssd["AutomaticStartupAction"]);
            Assert.Equal(["front end"], (IReadOnlyList<object>)vssd["Notes"]!);
            Assert.True((bool)host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_MemorySettingData WHERE Limit = 8192").Instances.Single()["DynamicMemoryEnabled"]!);
            Assert.Equal(6UL, TestHosts.Vm(host, "old")["EnabledState"]);
            Assert.Equal(2, host.EnumerateInstances(TestHosts.V2, "Msvm_ShutdownComponent").Count); // db-01 has no integration services
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("{\"machines\": []}", "\"vms\"")]
    [InlineData("[{\"id\": \"5c6a8a50-6f3e-4d5b-9c1a-0b1e2d3c4f51\"}]", "\"name\" is required")]
    [InlineData("[{\"name\": \"a\", \"state\": \"flying\"}]", "\"state\"")]
    [InlineData("[{\"name\": \"a\", \"id\": \"nope\"}]", "not a GUID")]
    [InlineData("[{\"name\": \"a\"}, {\"name\": \"a\"}]", "duplicate id")]
    [InlineData("[{\"name\": \"a\", \"vcpus\": -1}]", "\"vcpus\"")]
    [InlineData("[{\"name\": \"a\", \"memoryMB\": 4096, \"maxMemoryMB\": 1024}]", "maxMemoryMB")]
    [InlineData("[{\"name\": \"a\", \"colour\": \"red\"}]", "unknown field")]
    public void BadInventoryGivesAClearError(string json, string expected)
    {
        var ex = Assert.Throws<InventoryException>(() => InventoryFile.Parse(json, "test.json"));
        Assert.Contains(expected, ex.Message);
        Assert.StartsWith("test.json", ex.Message);
    }

    [Fact]
    public void MissingInventoryFileNamesThePath()
    {
        var ex = Assert.Throws<InventoryException>(() => TestHosts.Create(inventory: "/nonexistent/inventory.json"));
        Assert.Contains("/nonexistent/inventory.json", ex.Message);
    }
}
