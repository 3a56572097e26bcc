using System.Collections.Concurrent;
using System.Net;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Snapshots;
using HyperVLibvirt.Core.Uris;
using HyperVLibvirt.Core.WsMan;
using HyperVLibvirt.Simulator;

namespace HyperVLibvirt.Core.Tests.Snapshots;

/// <summary>Snapshots of a simulated host end to end: the round trips, the trees, and that listings still see only realized settings.</summary>
public sealed class SnapshotServiceTests
{
    private const string User = "admin";
    private const string Password = "Sim-Snapshots-3317!";

    private static async Task<(SimulatorServer Sim, HvConnection Connection)> StartAsync(string profile = "ws2019", int vms = 8)
    {
        var options = new SimulatorOptions { HttpPort = 0 };
        options.Host.Profile = profile;
        options.Host.VmCount = vms;
        options.Accounts.Add(new SimulatorAccount(User, Password));
        var sim = await SimulatorServer.StartAsync(options);
        var uri = LibvirtUri.Parse($"hyperv://{User}@127.0.0.1:{sim.HttpEndpoint!.Port}/?transport=http");
        var connection = await HvConnection.OpenAsync(uri, new NetworkCredential(User, Password), new WsManSettings(), null, CancellationToken.None);
        return (sim, connection);
    }

    [Fact]
    public async Task A_whole_host_costs_three_queries_and_every_domain_gets_its_tree()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var trace = new OperationCounter();

        var results = new List<(HvDomain Domain, IReadOnlyList<HvDomainSnapshot> Snapshots)>();
        await foreach (var result in new SnapshotService(connection, trace).GetSnapshotsAsync(new DomainFilter(), null))
        {
            results.Add(result);
        }

        Assert.Equal(3, trace.Enumerations);
        Assert.Equal(8, results.Count);
        Assert.Contains(results, r => r.Snapshots.Count == 0);
        Assert.Contains(results, r => r.Snapshots.Any(s => s.Children > 1));
        Assert.All(results.Where(r => r.Snapshots.Count > 0), r =>
        {
            Assert.Single(r.Snapshots, s => s.IsCurrent);
            Assert.Single(r.Snapshots, s => s.Parent is null);
            Assert.All(r.Snapshots, s => Assert.Equal(r.Domain.Name, s.Domain));
        });
    }

    [Fact]
    public async Task Detailed_listings_still_read_only_the_realized_settings()
    {
        var (sim, connection) = await StartAsync(vms: 20);
        await using var _ = sim;
        using var __ = connection;
        var service = new DomainService(connection, null);

        // More than a handful of domains: the batched path, which fetches every VSSD of the class.
        var batched = new List<HvDomain>();
        await foreach (var d in service.GetDomainsAsync(new DomainFilter(), detailed: true))
        {
            batched.Add(d);
        }
        var snapshots = new List<HvDomainSnapshot>();
        await foreach (var (_, tree) in new SnapshotService(connection, null).GetSnapshotsAsync(new DomainFilter(), null))
        {
            snapshots.AddRange(tree);
        }

        Assert.NotEmpty(snapshots);
        var withSnapshots = batched.First(d => snapshots.Any(s => s.DomainUuid == d.Uuid));
        Assert.Equal(SettingsInstanceId.ForRealizedSystem(withSnapshots.Uuid), withSnapshots.GetDetail()!.SystemSettingsInstanceId);
        // One domain: libvirt's per-VM association through Msvm_SettingsDefineState, which must not reach a snapshot.
        var single = await service.GetDomainAsync(withSnapshots.Uuid, detailed: true, CancellationToken.None);
        Assert.Equal(SettingsInstanceId.ForRealizedSystem(withSnapshots.Uuid), single!.GetDetail()!.SystemSettingsInstanceId);
        Assert.Equal(withSnapshots.VCpus, single.VCpus);
    }

    [Fact]
    public async Task A_v1_host_says_snapshots_are_read_on_v2_only()
    {
        var (sim, connection) = await StartAsync(profile: "ws2008r2");
        await using var _ = sim;
        using var __ = connection;

        var error = await Assert.ThrowsAsync<HvHostException>(async () =>
        {
            await foreach (var __ in new SnapshotService(connection, null).GetSnapshotsAsync(new DomainFilter(), null))
            {
            }
        });
        Assert.Contains("root/virtualization/v2", error.Message);
    }

    [Fact]
    public async Task Domains_already_listed_cost_two_queries_and_keep_the_order_given()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var listed = new List<HvDomain>();
        await foreach (var domain in new DomainService(connection, null).GetDomainsAsync(new DomainFilter(), detailed: false))
        {
            listed.Add(domain);
        }
        var some = listed.Take(3).Reverse().ToArray();
        var trace = new OperationCounter();

        var results = await new SnapshotService(connection, trace).GetSnapshotsAsync(some);

        Assert.Equal(2, trace.Enumerations);
        Assert.Equal(some.Select(d => d.Uuid), results.Select(r => r.Domain.Uuid));
        Assert.All(results, r => Assert.All(r.Snapshots, s => Assert.Equal(r.Domain.Uuid, s.DomainUuid)));
        Assert.Empty(await new SnapshotService(connection, trace).GetSnapshotsAsync([]));
        Assert.Equal(2, trace.Enumerations);
    }

    private sealed class OperationCounter : IWsManTrace
    {
        private readonly ConcurrentQueue<WsManTraceEvent> _events = new();

        public bool WantsEnvelopes => false;

        public int Enumerations => _events.Count(e => e.Kind == WsManTraceKind.Operation && e.Action.EndsWith("Enumerate", StringComparison.Ordinal));

        public void Write(WsManTraceEvent traceEvent) => _events.Enqueue(traceEvent);
    }
}
