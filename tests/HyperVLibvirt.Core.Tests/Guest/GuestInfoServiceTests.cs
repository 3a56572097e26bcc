using System.Net;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.Guest;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Tests.HyperV;
using HyperVLibvirt.Core.Uris;
using HyperVLibvirt.Core.WsMan;
using HyperVLibvirt.Simulator;

namespace HyperVLibvirt.Core.Tests.Guest;

/// <summary>Guest information: the join of a domain and its data exchange component, and a host read end to end.</summary>
public sealed class GuestInfoServiceTests : IDisposable
{
    private const string User = "admin";
    private const string Password = "Sim-Guest-7731!";
    private const string Inventory = """
        { "vms": [
          { "name": "run1", "state": "running" },
          { "name": "run2", "state": "running" },
          { "name": "bare", "state": "running", "integrationServices": false },
          { "name": "off1", "state": "off" },
          { "name": "paused1", "state": "paused" }
        ] }
        """;

    private static readonly Guid Vm = Guid.Parse("5c6a8a50-6f3e-4d5b-9c1a-0b1e2d3c4f51");

    private readonly string _inventoryPath = Path.Combine(Path.GetTempPath(), "hvl-guest-" + Guid.NewGuid().ToString("N") + ".json");

    public GuestInfoServiceTests() => File.WriteAllText(_inventoryPath, Inventory);

    public void Dispose() => File.Delete(_inventoryPath);

    private static HvDomain Domain(ushort enabledState) =>
        new(DomainRecord.FromComputerSystem(Cim.ComputerSystem(Vm.ToString(), "web", enabledState, processId: enabledState == 3 ? null : 100u)), Guid.Empty, "hv1");

    private static CimObject Component(params string[] items) =>
        new("Msvm_KvpExchangeComponent", null,
        [
            new CimProperty("SystemName", CimValue.FromText(Vm.ToString())),
            new CimProperty("GuestIntrinsicExchangeItems", CimValue.FromArray(items.Select(CimValue.FromText).ToArray())),
        ]);

    private static string Item(string name, string data) =>
        $"<INSTANCE CLASSNAME=\"Msvm_KvpExchangeDataItem\"><PROPERTY NAME=\"Data\" TYPE=\"string\"><VALUE>{data}</VALUE></PROPERTY>"
        + $"<PROPERTY NAME=\"Name\" TYPE=\"string\"><VALUE>{name}</VALUE></PROPERTY></INSTANCE>";

    [Fact]
    public void A_running_guest_with_items_gives_its_os_host_name_and_addresses()
    {
        var read = GuestInfoService.Join(Domain(2), Component(
            Item("OSName", "Windows Server 2022 Datacenter"), Item("OSVersion", "10.0.20348"), Item("OSBuildNumber", "20348"),
            Item("FullyQualifiedDomainName", "web.corp.example"), Item("ProcessorArchitecture", "9"),
            Item("NetworkAddressIPv4", "192.0.2.10;192.0.2.11"), Item("NetworkAddressIPv6", "2001:db8::10")));

        var info = Assert.IsType<HvDomainGuestInfo>(read.Info);
        Assert.Null(read.Unavailable);
        Assert.Equal("web", info.Domain);
        Assert.Equal("Windows Server 2022 Datacenter", info.OSName);
        Assert.Equal("10.0.20348", info.OSVersion);
        Assert.Equal("web.corp.example", info.HostName);
        Assert.Equal("x86_64", info.Architecture);
        Assert.Equal(new[] { "192.0.2.10", "192.0.2.11" }, info.GetIPv4Addresses());
        Assert.Equal(new[] { "2001:db8::10" }, info.GetIPv6Addresses());
        Assert.Equal("192.0.2.10; 192.0.2.11; 2001:db8::10", info.IPAddresses);
        Assert.Equal(
            new[] { "os.name", "os.version", "os.kernel-release", "os.machine", "hostname" },
            info.GetLibvirtFields().Select(f => f.Key));
    }

    [Fact]
    public void Libvirt_fields_leave_out_what_the_guest_did_not_send()
    {
        var info = GuestInfoService.Join(Domain(2), Component(Item("OSName", "Ubuntu"))).Info!;

        Assert.Equal(new[] { new KeyValuePair<string, string>("os.name", "Ubuntu") }, info.GetLibvirtFields());
        Assert.Null(info.HostName);
        Assert.Empty(info.GetIPv4Addresses());
        Assert.Null(info.IPAddresses);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(32768)]
    [InlineData(32769)]
    public void A_domain_that_is_not_running_has_no_guest_to_ask(ushort enabledState)
    {
        var read = GuestInfoService.Join(Domain(enabledState), Component(Item("OSName", "stale")));

        Assert.Null(read.Info);
        Assert.Equal(GuestInfoUnavailability.DomainNotRunning, read.Unavailable);
        Assert.Contains("Start-HvDomain", read.Message);
    }

    [Fact]
    public void A_running_domain_without_items_or_component_is_a_guest_not_reporting()
    {
        Assert.Equal(GuestInfoUnavailability.GuestNotReporting, GuestInfoService.Join(Domain(2), Component()).Unavailable);
        Assert.Equal(GuestInfoUnavailability.GuestNotReporting, GuestInfoService.Join(Domain(2), null).Unavailable);
        Assert.Contains("Key-Value Pair Exchange", GuestInfoService.Join(Domain(2), null).Message);
    }

    [Fact]
    public async Task A_whole_host_costs_two_queries_and_every_domain_gets_an_outcome()
    {
        var options = new SimulatorOptions { HttpPort = 0 };
        options.Host.InventoryPath = _inventoryPath;
        options.Accounts.Add(new SimulatorAccount(User, Password));
        await using var sim = await SimulatorServer.StartAsync(options);
        var uri = LibvirtUri.Parse($"hyperv://{User}@127.0.0.1:{sim.HttpEndpoint!.Port}/?transport=http");
        using var connection = await HvConnection.OpenAsync(uri, new NetworkCredential(User, Password), new WsManSettings(), null, CancellationToken.None);
        var trace = new EnumerationCounter();

        var reads = new List<GuestInfoRead>();
        await foreach (var read in new GuestInfoService(connection, trace).GetGuestInfoAsync(new DomainFilter(), null))
        {
            reads.Add(read);
        }

        Assert.Equal(2, trace.Enumerations);
        var byName = reads.ToDictionary(r => r.Domain.Name);
        Assert.Equal(5, byName.Count);
        Assert.Equal("run1.corp.example", byName["run1"].Info!.HostName);
        Assert.NotNull(byName["run2"].Info!.OSName);
        Assert.Equal(GuestInfoUnavailability.GuestNotReporting, byName["bare"].Unavailable);
        Assert.Equal(GuestInfoUnavailability.DomainNotRunning, byName["off1"].Unavailable);
        Assert.Equal(GuestInfoUnavailability.DomainNotRunning, byName["paused1"].Unavailable);
    }

    [Fact]
    public async Task A_host_without_running_domains_is_not_asked_for_components()
    {
        var options = new SimulatorOptions { HttpPort = 0 };
        options.Host.InventoryPath = _inventoryPath;
        options.Accounts.Add(new SimulatorAccount(User, Password));
        await using var sim = await SimulatorServer.StartAsync(options);
        var uri = LibvirtUri.Parse($"hyperv://{User}@127.0.0.1:{sim.HttpEndpoint!.Port}/?transport=http");
        using var connection = await HvConnection.OpenAsync(uri, new NetworkCredential(User, Password), new WsManSettings(), null, CancellationToken.None);
        var trace = new EnumerationCounter();

        var reads = new List<GuestInfoRead>();
        await foreach (var read in new GuestInfoService(connection, trace).GetGuestInfoAsync(new DomainFilter { ExactNames = ["off1"] }, null))
        {
            reads.Add(read);
        }

        Assert.Equal(1, trace.Enumerations);
        Assert.Equal(GuestInfoUnavailability.DomainNotRunning, Assert.Single(reads).Unavailable);
    }

    [Fact]
    public async Task Domains_already_listed_cost_one_query_and_keep_the_order_given()
    {
        var options = new SimulatorOptions { HttpPort = 0 };
        options.Host.InventoryPath = _inventoryPath;
        options.Accounts.Add(new SimulatorAccount(User, Password));
        await using var sim = await SimulatorServer.StartAsync(options);
        var uri = LibvirtUri.Parse($"hyperv://{User}@127.0.0.1:{sim.HttpEndpoint!.Port}/?transport=http");
        using var connection = await HvConnection.OpenAsync(uri, new NetworkCredential(User, Password), new WsManSettings(), null, CancellationToken.None);
        var listed = new List<HvDomain>();
        await foreach (var domain in new DomainService(connection, null).GetDomainsAsync(new DomainFilter { ExactNames = ["run2", "off1", "run1"] }, detailed: false))
        {
            listed.Add(domain);
        }
        listed.Reverse();
        var trace = new EnumerationCounter();

        var reads = await new GuestInfoService(connection, trace).GetGuestInfoAsync(listed);

        Assert.Equal(1, trace.Enumerations);
        Assert.Equal(listed.Select(d => d.Name), reads.Select(r => r.Domain.Name));
        Assert.NotNull(reads.Single(r => r.Domain.Name == "run1").Info);
        Assert.Equal(GuestInfoUnavailability.DomainNotRunning, reads.Single(r => r.Domain.Name == "off1").Unavailable);
        Assert.Empty(await new GuestInfoService(connection, trace).GetGuestInfoAsync([]));
        Assert.Equal(1, trace.Enumerations);
    }
}
