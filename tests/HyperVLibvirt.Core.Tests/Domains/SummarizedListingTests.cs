using System.Net;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Uris;
using HyperVLibvirt.Core.WsMan;
using HyperVLibvirt.Simulator;

namespace HyperVLibvirt.Core.Tests.Domains;

/// <summary>Get-VM's columns for whole hosts, end to end against the in-process simulator.</summary>
public sealed class SummarizedListingTests
{
    private const string User = "admin";
    private const string Password = "Sim-Summary-7713!";

    private sealed class CountingTrace : IWsManTrace
    {
        private readonly List<string> _actions = [];

        public bool WantsEnvelopes => false;

        public IReadOnlyList<string> Actions { get { lock (_actions) { return _actions.ToArray(); } } }

        public void Write(WsManTraceEvent traceEvent)
        {
            if (traceEvent.Kind == WsManTraceKind.Operation)
            {
                lock (_actions) { _actions.Add(traceEvent.Action); }
            }
        }
    }

    private static async Task<(SimulatorServer Sim, HvConnection Connection)> StartAsync(Action<SimulatorOptions> configure)
    {
        var options = new SimulatorOptions { HttpPort = 0 };
        options.Accounts.Add(new SimulatorAccount(User, Password));
        configure(options);
        var sim = await SimulatorServer.StartAsync(options);
        var uri = LibvirtUri.Parse($"hyperv://{User}@127.0.0.1:{sim.HttpEndpoint!.Port}/?transport=http");
        var connection = await HvConnection.OpenAsync(uri, new NetworkCredential(User, Password), new WsManSettings(), null, CancellationToken.None);
        return (sim, connection);
    }

    private static async Task<List<HvDomain>> ListAsync(HvConnection connection, IWsManTrace? trace, DomainFilter? filter = null)
    {
        var domains = new List<HvDomain>();
        await foreach (var d in new DomainService(connection, trace).GetSummarizedDomainsAsync(filter ?? new DomainFilter(), false, null))
        {
            domains.Add(d);
        }
        return domains;
    }

    [Fact]
    public async Task A_250_vm_host_costs_three_invokes_and_every_domain_gets_its_columns_in_listing_order()
    {
        var (sim, connection) = await StartAsync(o => o.Host.VmCount = 250);
        await using var _ = sim;
        using var __ = connection;
        var trace = new CountingTrace();
        var domains = await ListAsync(connection, trace);
        Assert.Equal(250, domains.Count);
        Assert.Equal(3, trace.Actions.Count(a => a == SummaryRequest.MethodName));
        Assert.All(domains, d => Assert.NotNull(d.GetSummary()));
        Assert.All(domains, d => Assert.Equal("9.0", d.Version));
        var plain = new List<Guid>();
        await foreach (var d in new DomainService(connection, null).GetDomainsAsync(new DomainFilter(), false))
        {
            plain.Add(d.Uuid);
        }
        Assert.Equal(plain, domains.Select(d => d.Uuid)); // calls run side by side, domains keep the listing's order
    }

    [Fact]
    public async Task Values_follow_each_vms_state()
    {
        var inventory = Path.Combine(Path.GetTempPath(), "hvl-summary-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(inventory, """
            { "vms": [
              { "name": "run", "state": "running", "memoryMB": 2048 },
              { "name": "bare", "state": "running", "integrationServices": false },
              { "name": "off", "state": "off" },
              { "name": "paused", "state": "paused", "memoryMB": 512 },
              { "name": "saved", "state": "saved" }
            ] }
            """);
        try
        {
            var (sim, connection) = await StartAsync(o => o.Host.InventoryPath = inventory);
            await using var _ = sim;
            using var __ = connection;
            var byName = (await ListAsync(connection, null)).ToDictionary(d => d.Name);
            Assert.InRange(byName["run"].CPUUsage!.Value, 1, 40);
            Assert.Equal(2048UL * 1024 * 1024, byName["run"].MemoryAssigned);
            Assert.Equal(nameof(HeartbeatStatus.OkApplicationsUnknown), byName["run"].Heartbeat);
            Assert.Null(byName["bare"].Heartbeat); // no guest service answers at all
            Assert.Equal(0, byName["off"].CPUUsage);
            Assert.Equal(0UL, byName["off"].MemoryAssigned);
            Assert.Null(byName["off"].Heartbeat);
            Assert.Equal("00:00:00", byName["off"].Uptime);
            Assert.Equal(0, byName["paused"].CPUUsage);
            Assert.Equal(512UL * 1024 * 1024, byName["paused"].MemoryAssigned);
            Assert.Equal(0UL, byName["saved"].MemoryAssigned);
            Assert.Equal("Operating normally", byName["saved"].Status);
        }
        finally
        {
            File.Delete(inventory);
        }
    }

    [Fact]
    public async Task A_filtered_listing_asks_only_about_the_domains_it_returns()
    {
        var (sim, connection) = await StartAsync(o => o.Host.VmCount = 8);
        await using var _ = sim;
        using var __ = connection;
        var domains = await ListAsync(connection, null, new DomainFilter { ExactNames = ["vm-002"] });
        var only = Assert.Single(domains);
        Assert.Equal(only.Uuid, only.GetSummary()!.Uuid);
    }
}
