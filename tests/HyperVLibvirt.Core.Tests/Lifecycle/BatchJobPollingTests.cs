using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.Lifecycle;
using HyperVLibvirt.Core.Uris;
using HyperVLibvirt.Core.WsMan;
using HyperVLibvirt.Simulator;

namespace HyperVLibvirt.Core.Tests.Lifecycle;

/// <summary>
/// A batch on one host reads its jobs together: one query for the jobs outstanding at a time, not one per
/// job per poll; and waiting for jobs holds no operation slot.
/// </summary>
public sealed class BatchJobPollingTests : IDisposable
{
    private const string User = "admin";
    private const string Password = "Sim-BatchJobs-7713!";
    private const int Domains = 24;

    private readonly string _inventoryPath = Path.Combine(Path.GetTempPath(), "hvl-batchjobs-" + Guid.NewGuid().ToString("N") + ".json");

    public BatchJobPollingTests()
    {
        var vms = Enumerable.Range(1, Domains).Select(i => new { name = $"off{i:D2}", state = "off" });
        File.WriteAllText(_inventoryPath, JsonSerializer.Serialize(new { vms }));
    }

    public void Dispose() => File.Delete(_inventoryPath);

    /// <summary>Counts the Enumerate requests that ask for Msvm_ConcreteJob.</summary>
    private sealed class JobQueryCounter : IWsManTrace
    {
        private int _jobQueries;

        public int JobQueries => Volatile.Read(ref _jobQueries);

        public bool WantsEnvelopes => true;

        public void Write(WsManTraceEvent traceEvent)
        {
            if (traceEvent.Kind == WsManTraceKind.RequestEnvelope && traceEvent.Envelope is { } envelope
                && envelope.Contains("Msvm_ConcreteJob", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _jobQueries);
            }
        }
    }

    [Fact]
    public async Task A_batch_on_one_host_polls_its_jobs_with_far_fewer_queries_than_one_per_job_per_round()
    {
        var options = new SimulatorOptions { HttpPort = 0 };
        options.Host.InventoryPath = _inventoryPath;
        // Long enough that each job needs several polls (50, 150, 350, 750 ms ...): one query per job per
        // round would be at least 4 per job.
        options.Host.JobDuration = TimeSpan.FromMilliseconds(400);
        options.Accounts.Add(new SimulatorAccount(User, Password));
        await using var sim = await SimulatorServer.StartAsync(options);
        var uri = LibvirtUri.Parse($"hyperv://{User}@127.0.0.1:{sim.HttpEndpoint!.Port}/?transport=http");
        using var connection = await HvConnection.OpenAsync(uri, new NetworkCredential(User, Password), new WsManSettings(), null, CancellationToken.None);
        var domains = new List<HvDomain>();
        await foreach (var d in new DomainService(connection, null).GetDomainsAsync(new DomainFilter(), false))
        {
            domains.Add(d);
        }
        Assert.Equal(Domains, domains.Count);

        var counter = new JobQueryCounter();
        var events = Channel.CreateUnbounded<LifecycleEvent>();
        var statuses = 0;
        await LifecycleBatch.RunAsync(domains.Select(d => new LifecycleTarget(connection, d)).ToArray(), DomainOperation.Start,
            new StateChangeOptions { OnJobStatus = _ => Interlocked.Increment(ref statuses) }, LifecycleBatch.DefaultThrottleLimit, counter,
            events.Writer, CancellationToken.None);

        var all = new List<LifecycleEvent>();
        await foreach (var e in events.Reader.ReadAllAsync())
        {
            all.Add(e);
        }
        var succeeded = all.OfType<LifecycleSucceeded>().ToArray();
        Assert.Equal(Domains, succeeded.Length);
        Assert.All(succeeded, s => Assert.Equal("Running", s.Result.Domain.HyperVState));
        Assert.All(succeeded, s => Assert.NotNull(s.Result.JobInstanceId));
        Assert.Equal(Domains, all.OfType<LifecycleRequestSending>().Count());
        // Every job was read several times (Started, then at least one reading per poll) ...
        Assert.True(statuses >= Domains * 3, $"{statuses} job statuses for {Domains} jobs");
        // ... yet the host saw under two job queries per job (one per job per round would be at least four):
        // the jobs outstanding at a time were read together.
        Assert.True(counter.JobQueries < Domains * 2, $"{counter.JobQueries} job queries for {Domains} jobs");
    }

    [Fact]
    public async Task Reads_asked_for_while_a_query_is_out_go_together_into_the_next_one()
    {
        var queries = new List<string>();
        var firstQueryOut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstQueryMayEnd = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reads = new JobReads(async (wql, token) =>
        {
            lock (queries)
            {
                queries.Add(wql);
            }
            firstQueryOut.TrySetResult();
            await firstQueryMayEnd.Task.WaitAsync(token);
            // The host knows every job but 'gone'.
            return JobsIn(wql).Where(id => id != "gone").Select(Job).ToList();
        });

        var first = reads.ReadAsync("job-0", CancellationToken.None);
        await firstQueryOut.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var later = Enumerable.Range(1, 9).Select(i => reads.ReadAsync("job-" + i, CancellationToken.None)).Append(reads.ReadAsync("gone", CancellationToken.None))
            .ToArray();
        firstQueryMayEnd.SetResult();
        Assert.Equal("job-0", (await first)!.GetString("InstanceID"));
        var answers = await Task.WhenAll(later);

        Assert.Equal(2, queries.Count);
        Assert.Equal(["job-0"], JobsIn(queries[0]));
        Assert.Equal(10, JobsIn(queries[1]).Count);
        Assert.Equal(Enumerable.Range(1, 9).Select(i => "job-" + i), answers.Take(9).Select(a => a!.GetString("InstanceID")));
        Assert.Null(answers[^1]);
    }

    [Fact]
    public async Task A_failed_shared_query_fails_every_read_in_it_and_a_later_read_asks_again()
    {
        var calls = 0;
        var reads = new JobReads((wql, _) => Interlocked.Increment(ref calls) == 1
            ? Task.FromException<List<CimObject>>(new InvalidOperationException("host hiccup"))
            : Task.FromResult(JobsIn(wql).Select(Job).ToList()));
        await Assert.ThrowsAsync<InvalidOperationException>(() => reads.ReadAsync("a", CancellationToken.None));
        Assert.Equal("b", (await reads.ReadAsync("b", CancellationToken.None))!.GetString("InstanceID"));
    }

    [Fact]
    public void Many_jobs_are_asked_for_in_one_WQL_query()
    {
        Assert.Equal("SELECT * FROM Msvm_ConcreteJob WHERE InstanceID = 'a' OR InstanceID = 'it\\'s'",
            HyperVLibvirt.Core.HyperV.JobQuery.ByInstanceIds(["a", "it's"]));
    }

    private static List<string> JobsIn(string wql) =>
        wql.Split(" OR ").Select(part => part[(part.IndexOf('\'', StringComparison.Ordinal) + 1)..part.LastIndexOf('\'')]).ToList();

    private static CimObject Job(string instanceId) =>
        new("Msvm_ConcreteJob", null, [new CimProperty("InstanceID", CimValue.FromText(instanceId))]);
}
