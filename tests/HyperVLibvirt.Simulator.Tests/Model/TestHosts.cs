using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator.Tests.Model;

/// <summary>Builds hosts for tests.</summary>
internal static class TestHosts
{
    public const string V2 = "root/virtualization/v2";
    public const string V1 = "root/virtualization";
    public const string Cimv2 = "root/cimv2";

    public static SimulatedHost Create(string profile = "ws2019", int vms = 8, string language = "en-US", ManualClock? clock = null, int seed = 1, string? inventory = null, bool allStates = false) =>
        new(new HostSettings
        {
            Profile = profile,
            VmCount = vms,
            Language = language,
            Seed = seed,
            AllStates = allStates,
            Clock = clock ?? new ManualClock(),
            JobDuration = TimeSpan.FromSeconds(2),
            InventoryPath = inventory,
            ComputerName = "HV-TEST01",
        });

    public static IReadOnlyList<CimInstance> Vms(SimulatedHost host, string ns = V2) =>
        host.ExecuteQuery(ns, "SELECT * FROM Msvm_ComputerSystem WHERE Name != __SERVER ").Instances;

    public static CimInstance Vm(SimulatedHost host, string name, string ns = V2) =>
        host.ExecuteQuery(ns, $"SELECT * FROM Msvm_ComputerSystem WHERE Name != __SERVER AND ElementName = '{name}' ").Instances.Single();

    public static KeyValuePair<string, string>[] VmSelectors(CimInstance vm) =>
        [new("Name", (string)vm["Name"]!), new("CreationClassName", "Msvm_ComputerSystem")];
}
