using System.Net;
using System.Net.Sockets;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Tests.HyperV;
using HyperVLibvirt.Core.Tests.Lifecycle;
using HyperVLibvirt.Core.Uris;
using HyperVLibvirt.Core.WsMan;
using HyperVLibvirt.Simulator;

namespace HyperVLibvirt.Core.Tests.Domains;

/// <summary>Waiting for states, heartbeats and addresses, against the in-process simulator on virtual time.</summary>
public sealed class DomainWaiterTests : IDisposable
{
    private const string User = "admin";
    private const string Password = "Sim-Wait-4410!";
    private const string Inventory = """
        { "vms": [
          { "name": "run1", "state": "running" },
          { "name": "run2", "state": "running" },
          { "name": "bare", "state": "running", "integrationServices": false },
          { "name": "off1", "state": "off" }
        ] }
        """;

    private readonly string _inventoryPath = Path.Combine(Path.GetTempPath(), "hvl-wait-" + Guid.NewGuid().ToString("N") + ".json");

    public DomainWaiterTests() => File.WriteAllText(_inventoryPath, Inventory);

    public void Dispose() => File.Delete(_inventoryPath);

    private sealed class CountingTrace : IWsManTrace
    {
        private readonly List<string> _actions = [];

        public bool WantsEnvelopes => false;

        public int Count(string action)
        {
            lock (_actions)
            {
                return _actions.Count(a => a == action);
            }
        }

        public void Write(WsManTraceEvent traceEvent)
        {
            if (traceEvent.Kind == WsManTraceKind.Operation)
            {
                lock (_actions)
                {
                    _actions.Add(traceEvent.Action);
                }
            }
        }
    }

    private async Task<(SimulatorServer Sim, HvConnection Connection)> StartAsync()
    {
        var options = new SimulatorOptions { HttpPort = 0 };
        options.Host.InventoryPath = _inventoryPath;
        options.Host.JobDuration = TimeSpan.FromMilliseconds(20);
        options.Accounts.Add(new SimulatorAccount(User, Password));
        var sim = await SimulatorServer.StartAsync(options);
        var uri = LibvirtUri.Parse($"hyperv://{User}@127.0.0.1:{sim.HttpEndpoint!.Port}/?transport=http");
        var connection = await HvConnection.OpenAsync(uri, new NetworkCredential(User, Password), new WsManSettings(), null, CancellationToken.None);
        return (sim, connection);
    }

    private static async Task<IReadOnlyList<HvDomain>> DomainsAsync(HvConnection connection, params string[] names)
    {
        var found = new List<HvDomain>();
        await foreach (var d in new DomainService(connection, null).GetDomainsAsync(new DomainFilter { ExactNames = names }, false))
        {
            found.Add(d);
        }
        return found;
    }

    private static async Task<List<WaitEvent>> RunAsync(DomainWaiter waiter, HvConnection connection, IReadOnlyList<HvDomain> domains, WaitCondition condition)
    {
        var events = new List<WaitEvent>();
        await foreach (var e in waiter.WaitAsync([(connection, domains)], condition))
        {
            events.Add(e);
        }
        return events;
    }

    [Fact]
    public async Task A_running_guest_with_integration_services_has_an_ok_heartbeat_at_the_first_poll()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var trace = new CountingTrace();
        var clock = new InstantTimeProvider();
        var events = await RunAsync(new DomainWaiter(trace, new WaitOptions { Clock = clock }), connection, await DomainsAsync(connection, "run1", "run2"),
            new WaitCondition { Heartbeat = true });
        Assert.Equal(["run1", "run2"], events.Where(e => e.Kind == WaitEventKind.Reached).Select(e => e.Domain!.Name).Order());
        Assert.Equal(1, trace.Count(SummaryRequest.MethodName));
        Assert.Empty(clock.Sleeps);
    }

    [Fact]
    public async Task A_guest_without_integration_services_ends_its_wait_at_once()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var clock = new InstantTimeProvider();
        var events = await RunAsync(new DomainWaiter(null, new WaitOptions { Clock = clock }), connection, await DomainsAsync(connection, "bare"),
            new WaitCondition { Heartbeat = true });
        var failure = Assert.IsType<HvWaitException>(Assert.Single(events, e => e.Kind == WaitEventKind.Failed).Error);
        Assert.Equal(WaitFailure.NoIntegrationServices, failure.Reason);
        Assert.Contains("integration services", failure.Message);
        Assert.Empty(clock.Sleeps);
    }

    [Fact]
    public async Task An_off_domain_has_no_guest_to_wait_for_after_two_polls()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var clock = new InstantTimeProvider();
        var events = await RunAsync(new DomainWaiter(null, new WaitOptions { Clock = clock }), connection, await DomainsAsync(connection, "off1"),
            new WaitCondition { Heartbeat = true });
        var failure = Assert.IsType<HvWaitException>(Assert.Single(events, e => e.Kind == WaitEventKind.Failed).Error);
        Assert.Equal(WaitFailure.NotRunning, failure.Reason);
        Assert.Contains("Start-HvDomain 'off1'", failure.RecommendedAction);
        Assert.Equal([WaitOptions.FirstPollDelay], clock.Sleeps);
    }

    [Fact]
    public async Task A_state_never_reached_times_out_after_backed_off_polls()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var clock = new InstantTimeProvider();
        var trace = new CountingTrace();
        var events = await RunAsync(new DomainWaiter(trace, new WaitOptions { Clock = clock, Timeout = TimeSpan.FromSeconds(10) }), connection,
            await DomainsAsync(connection, "run1"), new WaitCondition { State = HvDomainState.Shutoff });
        var failure = Assert.IsType<HvWaitException>(Assert.Single(events, e => e.Kind == WaitEventKind.Failed).Error);
        Assert.Equal(WaitFailure.TimedOut, failure.Reason);
        Assert.Contains("last seen: Running", failure.Message);
        Assert.Equal([0.5, 1, 2, 2, 2, 2, 0.5], clock.Sleeps.Select(s => s.TotalSeconds));
        Assert.Equal(8, trace.Count("Enumerate"));
        Assert.Equal(8, events.Count(e => e.Kind == WaitEventKind.Progress));
    }

    [Fact]
    public async Task A_started_domain_is_read_again_when_it_gets_there()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var off = await DomainsAsync(connection, "off1");
        await new Core.Lifecycle.DomainLifecycle(connection, null).ChangeStateAsync(off[0], Core.Lifecycle.DomainOperation.Start,
            new Core.Lifecycle.StateChangeOptions { WaitForCompletion = false }, CancellationToken.None);
        var events = new List<WaitEvent>();
        await foreach (var e in new DomainWaiter(null, new WaitOptions { ReadReached = true, Timeout = TimeSpan.FromSeconds(30) })
                           .WaitAsync([(connection, off)], new WaitCondition { State = HvDomainState.Running }))
        {
            events.Add(e);
        }
        var reached = Assert.Single(events, e => e.Kind == WaitEventKind.Reached).Domain!;
        Assert.Equal("Running", reached.HyperVState);
        Assert.NotNull(reached.GetSummary());
        Assert.Equal("Shutoff", off[0].State);
    }

    [Fact]
    public async Task A_domain_the_host_no_longer_has_ends_its_state_wait()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var ghost = new HvDomain(DomainRecord.FromComputerSystem(Cim.ComputerSystem(Guid.NewGuid().ToString(), "ghost", 2, 4000, 1000)), connection.Id,
            connection.ComputerName);
        var events = await RunAsync(new DomainWaiter(null, new WaitOptions { Clock = new InstantTimeProvider() }), connection, [ghost],
            new WaitCondition { State = HvDomainState.Running });
        Assert.Equal(WaitFailure.Deleted, Assert.IsType<HvWaitException>(Assert.Single(events, e => e.Kind == WaitEventKind.Failed).Error).Reason);
    }

    [Fact]
    public void Polls_back_off_to_two_seconds()
    {
        Assert.Equal([0.5, 1, 2, 2, 2, 2], Enumerable.Range(0, 6).Select(r => WaitOptions.PollDelay(r).TotalSeconds));
    }

    [Theory]
    [InlineData("192.0.2.10", null, true)]
    [InlineData("169.254.3.4", null, false)]
    [InlineData("fe80::1", null, false)]
    [InlineData("2001:db8::1", AddressFamily.InterNetworkV6, true)]
    [InlineData("192.0.2.10", AddressFamily.InterNetworkV6, false)]
    public void An_address_wait_ignores_link_local_addresses_and_other_families(string address, AddressFamily? family, bool accepted)
    {
        var ip = IPAddress.Parse(address);
        var condition = new WaitCondition { IPAddress = true, Family = family };
        Assert.Equal(accepted, condition.Accepts(new GuestAddress(address, ip.AddressFamily, null, "DHCP")));
    }

    [Fact]
    public void A_condition_asks_for_exactly_one_thing()
    {
        Assert.Throws<ArgumentException>(() => new WaitCondition().Validate());
        Assert.Throws<ArgumentException>(() => new WaitCondition { Heartbeat = true, IPAddress = true }.Validate());
        Assert.Throws<ArgumentException>(() => new WaitCondition { Heartbeat = true, Family = AddressFamily.InterNetwork }.Validate());
        new WaitCondition { IPAddress = true, Family = AddressFamily.InterNetworkV6 }.Validate();
    }
}
