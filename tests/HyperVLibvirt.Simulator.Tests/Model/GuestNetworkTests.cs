using System.Globalization;
using HyperVLibvirt.Simulator.Model;
using HyperVLibvirt.Simulator.Wire;

namespace HyperVLibvirt.Simulator.Tests.Model;

/// <summary>Msvm_GuestNetworkAdapterConfiguration and the guest's boot timing.</summary>
public class GuestNetworkTests
{
    private static SimulatedHost Host(ManualClock clock, GuestBootTiming timing, string? inventory = null) =>
        new(new HostSettings
        {
            Clock = clock,
            JobDuration = TimeSpan.FromSeconds(2),
            GuestBoot = timing,
            ComputerName = "HV-TEST01",
            InventoryPath = inventory,
        });

    private static IReadOnlyList<CimInstance> Configurations(SimulatedHost host, CimInstance vm) =>
        host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM Msvm_GuestNetworkAdapterConfiguration WHERE InstanceID LIKE 'Microsoft:GuestNetwork\\\\{((string)vm["Name"]!).ToUpperInvariant()}%'").Instances;

    private static IReadOnlyList<object>? Addresses(CimInstance configuration) => configuration["IPAddresses"] as IReadOnlyList<object>;

    private static void Request(SimulatedHost host, CimInstance vm, ulong state) =>
        Assert.Equal(4096u, host.InvokeMethod(TestHosts.V2, "Msvm_ComputerSystem", TestHosts.VmSelectors(vm), "RequestStateChange", [new("RequestedState", state.ToString(CultureInfo.InvariantCulture))]).ReturnValue);

    [Fact]
    public void OneConfigurationPerAdapterAddressesOnlyOnRunningVmsWithConnectedAdapters()
    {
        var host = Host(new ManualClock(), GuestBootTiming.Default);
        foreach (var vm in TestHosts.Vms(host))
        {
            var spec = host.Inventory.Single(s => s.Id.ToString("D") == (string)vm["Name"]!);
            var layout = VmDeviceLayout.For(spec, HostNetwork.ConnectableNames(HostNetwork.For("HV-TEST01")));
            var configurations = Configurations(host, vm);
            Assert.Equal(layout.Nics.Count, configurations.Count);
            foreach (var nic in layout.Nics)
            {
                var configuration = configurations.Single(c => ((string)c["InstanceID"]!).EndsWith(nic.Id.ToString("D").ToUpperInvariant(), StringComparison.Ordinal));
                var expected = (ulong)vm["EnabledState"]! == 2 && spec.IntegrationServices && nic.SwitchName is not null;
                Assert.Equal(expected, Addresses(configuration) is not null);
                Assert.Equal(expected ? 4098UL : 0UL, configuration["ProtocolIFType"]);
            }
        }

        var running = host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_GuestNetworkAdapterConfiguration").Instances.Where(c => Addresses(c) is not null).ToArray();
        Assert.NotEmpty(running);
        foreach (var configuration in running)
        {
            var addresses = Addresses(configuration)!;
            Assert.Equal(addresses.Count, ((IReadOnlyList<object>)configuration["Subnets"]!).Count);
            Assert.Equal(addresses.Count, ((IReadOnlyList<object>)configuration["IPAddressOrigins"]!).Count);
            Assert.Contains(addresses, a => System.Net.IPAddress.Parse((string)a).AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
            Assert.Contains(addresses, a => ((string)a).StartsWith("fe80::", StringComparison.Ordinal) && System.Net.IPAddress.TryParse((string)a, out _));
        }
    }

    [Fact]
    public void AddressesFollowTheSwitchAndTheMac()
    {
        var host = Host(new ManualClock(), GuestBootTiming.Default);
        var vm = TestHosts.Vm(host, "vm-005");
        var configuration = Configurations(host, vm).Single();
        // vm-005 is on the Default Switch (NAT, DHCP): 172.27.80.0/20, link-local from 00155D07FDB1.
        Assert.Equal(true, configuration["DHCPEnabled"]);
        Assert.Equal(["255.255.240.0", "/64"], ((IReadOnlyList<object>)configuration["Subnets"]!).Cast<string>());
        Assert.StartsWith("172.27.", (string)Addresses(configuration)![0]);
        Assert.Equal("fe80::215:5dff:fe07:fdb1", Addresses(configuration)![1]);
        Assert.Equal(["172.27.80.1"], ((IReadOnlyList<object>)configuration["DefaultGateways"]!).Cast<string>());
        Assert.Equal([3UL, 4UL], ((IReadOnlyList<object>)configuration["IPAddressOrigins"]!).Cast<ulong>());
    }

    [Fact]
    public void AfterAStartHeartbeatComesFirstThenAddresses()
    {
        var clock = new ManualClock();
        var host = Host(clock, new GuestBootTiming(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(8)));
        var vm = TestHosts.Vm(host, "vm-002"); // off, integration services, on the Isolated switch
        Assert.Null(Addresses(Configurations(host, vm).Single()));
        Request(host, vm, 2);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2UL, TestHosts.Vm(host, "vm-002")["EnabledState"]);
        var record = host.VmForTests("vm-002");
        Assert.Equal(GuestHeartbeat.NoContact, GuestState.HeartbeatOf(record, clock.GetUtcNow(), host.Settings.GuestBoot));
        Assert.Null(Addresses(Configurations(host, vm).Single()));

        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(GuestHeartbeat.Ok, GuestState.HeartbeatOf(record, clock.GetUtcNow(), host.Settings.GuestBoot));
        Assert.Null(Addresses(Configurations(host, vm).Single()));

        clock.Advance(TimeSpan.FromSeconds(5));
        var configuration = Configurations(host, vm).Single();
        // A private switch has no DHCP: a static address and no gateway.
        Assert.Equal(false, configuration["DHCPEnabled"]);
        Assert.StartsWith("10.10.0.", (string)Addresses(configuration)![0]);
        Assert.Null(configuration["DefaultGateways"]);

        Request(host, vm, 3);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(Addresses(Configurations(host, vm).Single()));
        Assert.Equal(GuestHeartbeat.None, GuestState.HeartbeatOf(record, clock.GetUtcNow(), host.Settings.GuestBoot));
    }

    [Fact]
    public void ImmediateTimingReportsAddressesWhenTheVmRuns()
    {
        var clock = new ManualClock();
        var host = Host(clock, GuestBootTiming.Immediate);
        var vm = TestHosts.Vm(host, "vm-002");
        Request(host, vm, 2);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.NotNull(Addresses(Configurations(host, vm).Single()));
    }

    [Fact]
    public void NoAddressesWithoutIntegrationServices()
    {
        var path = Path.Combine(Path.GetTempPath(), "guest-net-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, """{ "vms": [ { "name": "bare", "state": "running", "integrationServices": false }, { "name": "full", "state": "running" } ] }""");
        try
        {
            var host = Host(new ManualClock(), GuestBootTiming.Immediate, path);
            var bare = Configurations(host, TestHosts.Vm(host, "bare"));
            var full = Configurations(host, TestHosts.Vm(host, "full"));
            Assert.All(bare, c => Assert.Null(Addresses(c)));
            Assert.Equal(GuestHeartbeat.None, GuestState.HeartbeatOf(host.VmForTests("bare"), DateTimeOffset.UtcNow, GuestBootTiming.Immediate));
            Assert.Equal(
                VmDeviceLayout.For(host.Inventory[1], HostNetwork.ConnectableNames(HostNetwork.For("HV-TEST01"))).Nics.Any(n => n.SwitchName is not null),
                full.Any(c => Addresses(c) is not null));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void CommandLineSetsTheGuestBootTiming()
    {
        static GuestBootTiming Parse(string value) => CommandLine.Parse(["--user", "a", "--password", "p", "--guest-boot-ms", value], _ => null).Options.Host.GuestBoot;
        Assert.Equal(GuestBootTiming.Immediate, Parse("0"));
        Assert.Equal(new GuestBootTiming(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)), Parse("1000,5000"));
        Assert.Equal(TimeSpan.FromSeconds(2), Parse("2000").AddressDelay);
        Assert.Contains("HEARTBEAT_MS", Assert.Throws<FormatException>(() => Parse("1,2,3")).Message);
        Assert.Throws<FormatException>(() => Parse("soon"));
        Assert.Equal(GuestBootTiming.Default, new HostSettings().GuestBoot);
    }
}
