using System.Net;
using System.Text.Json;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Lifecycle;
using HyperVLibvirt.Core.Management;
using HyperVLibvirt.Core.Snapshots;
using HyperVLibvirt.Core.Uris;
using HyperVLibvirt.Core.WsMan;
using HyperVLibvirt.Simulator;

namespace HyperVLibvirt.Core.Tests.Management;

/// <summary>
/// Snapshot changes of many domains run together: every domain's job starts without waiting for another's, the host's jobs,
/// fresh domain reads and snapshot trees are read together, one domain's changes keep their order, and one failure leaves the others alone.
/// </summary>
public sealed class SnapshotBatchTests : IDisposable
{
    private const string User = "admin";
    private const string Password = "Sim-SnapBatch-3390!";
    private const int Domains = 24;

    private readonly string _inventoryPath = Path.Combine(Path.GetTempPath(), "hvl-snapbatch-" + Guid.NewGuid().ToString("N") + ".json");

    public SnapshotBatchTests()
    {
        var vms = Enumerable.Range(1, Domains).Select(i => new { name = $"off{i:D2}", state = "off" });
        File.WriteAllText(_inventoryPath, JsonSerializer.Serialize(new { vms }));
    }

    public void Dispose() => File.Delete(_inventoryPath);

    private async Task<(SimulatorServer Sim, HvConnection Connection, List<HvDomain> Domains)> StartAsync()
    {
        var options = new SimulatorOptions { HttpPort = 0 };
        options.Host.InventoryPath = _inventoryPath;
        // Long enough that each job needs several polls (50, 150, 350, 750 ms ...), and that a second job on a VM started before the
        // first ended would be refused (Hyper-V runs one job at a time per VM).
        options.Host.JobDuration = TimeSpan.FromMilliseconds(400);
        options.Accounts.Add(new SimulatorAccount(User, Password));
        var sim = await SimulatorServer.StartAsync(options);
        var uri = LibvirtUri.Parse($"hyperv://{User}@127.0.0.1:{sim.HttpEndpoint!.Port}/?transport=http");
        var connection = await HvConnection.OpenAsync(uri, new NetworkCredential(User, Password), new WsManSettings(), null, CancellationToken.None);
        var domains = new List<HvDomain>();
        await foreach (var d in new DomainService(connection, null).GetDomainsAsync(new DomainFilter(), false))
        {
            domains.Add(d);
        }
        return (sim, connection, domains);
    }

    private static async Task<List<SnapshotChangeResult>> RunAsync(IReadOnlyList<SnapshotChange> changes, IWsManTrace? trace)
    {
        var results = new List<SnapshotChangeResult>();
        await foreach (var result in SnapshotBatch.RunAsync(changes, LifecycleBatch.DefaultThrottleLimit, trace))
        {
            results.Add(result);
        }
        return results;
    }

    private static SnapshotChange Checkpoint(HvConnection connection, HvDomain domain, string name) =>
        new(connection, domain.Uuid, domain, async (manager, token) => await manager.CreateAsync(domain, name, null, token));

    /// <summary>Counts the queries for jobs, for domains (by UUID) and for the host's snapshots.</summary>
    private sealed class QueryCounter : IWsManTrace
    {
        private int _jobQueries;
        private int _domainQueries;
        private int _snapshotQueries;

        public int JobQueries => Volatile.Read(ref _jobQueries);

        public int DomainQueries => Volatile.Read(ref _domainQueries);

        public int SnapshotQueries => Volatile.Read(ref _snapshotQueries);

        public bool WantsEnvelopes => true;

        public void Write(WsManTraceEvent traceEvent)
        {
            if (traceEvent.Kind != WsManTraceKind.RequestEnvelope || traceEvent.Envelope is not { } envelope)
            {
                return;
            }
            if (envelope.Contains("FROM Msvm_ConcreteJob", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _jobQueries);
            }
            else if (envelope.Contains("FROM Msvm_ComputerSystem", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _domainQueries);
            }
            else if (envelope.Contains("FROM Msvm_VirtualSystemSettingData WHERE VirtualSystemType", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _snapshotQueries);
            }
        }
    }

    [Fact]
    public async Task Every_domain_is_checkpointed_and_the_hosts_jobs_are_read_together()
    {
        var (sim, connection, domains) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        Assert.Equal(Domains, domains.Count);
        var counter = new QueryCounter();

        var results = await RunAsync(domains.Select(d => Checkpoint(connection, d, "batch")).ToArray(), counter);

        Assert.Equal(Domains, results.Count);
        Assert.All(results, r => Assert.Null(r.Error));
        Assert.All(results, r => Assert.Equal("batch", ((HvDomainSnapshot)r.Result!).Name));
        Assert.Equal(domains.Select(d => d.Uuid).Order(), results.Select(r => ((HvDomain)r.Change.Target).Uuid).Order());
        // Two jobs per domain (CreateSnapshot, then ModifySystemSettings for the name), each read several times; one query per job per
        // round would be at least four per job. The jobs outstanding at a time were read together.
        Assert.True(counter.JobQueries < Domains * 2, $"{counter.JobQueries} job queries for {Domains * 2} jobs");
        // Each domain is read afresh once and its tree read back twice (after the snapshot, after the name): one query each would
        // be 24 listings and 48 host-wide snapshot reads. Reads asked for while one is out share the next.
        Assert.True(counter.DomainQueries < Domains / 2, $"{counter.DomainQueries} domain queries for {Domains} domains");
        Assert.True(counter.SnapshotQueries < Domains, $"{counter.SnapshotQueries} snapshot reads for {Domains * 2} trees");
    }

    [Fact]
    public async Task One_domains_changes_run_in_order_and_a_failure_leaves_the_others_alone()
    {
        var (sim, connection, domains) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var first = domains[0];
        var second = domains[1];
        var gone = new HvDomain[] { domains[2] };
        var changes = new[]
        {
            // Two snapshots of one domain: run side by side, the second would meet the first's job and be refused (32775).
            Checkpoint(connection, first, "one"),
            Checkpoint(connection, first, "two"),
            new SnapshotChange(connection, gone[0].Uuid, gone[0], (_, _) => throw new HvHostException("this change fails")),
            Checkpoint(connection, second, "other"),
        };

        var results = await RunAsync(changes, null);

        Assert.Equal(4, results.Count);
        Assert.Equal("this change fails", Assert.Single(results, r => r.Error is not null).Error!.Message);
        var tree = await new SnapshotManagement(connection, null).ReadTreeAsync(first);
        Assert.Equal("one", tree.Single(s => s.Name == "two").Parent);
        Assert.True(tree.Single(s => s.Name == "two").IsCurrent);
        Assert.Single(await new SnapshotManagement(connection, null).ReadTreeAsync(second), s => s.Name == "other");
    }
}
