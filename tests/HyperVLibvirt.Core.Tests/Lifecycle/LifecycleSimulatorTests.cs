using System.Net;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.Uris;
using HyperVLibvirt.Core.WsMan;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Lifecycle;
using HyperVLibvirt.Simulator;

namespace HyperVLibvirt.Core.Tests.Lifecycle;

/// <summary>Lifecycle operations end to end against the in-process simulator.</summary>
public sealed class LifecycleSimulatorTests : IDisposable
{
    private const string User = "admin";
    private const string Password = "Sim-Lifecycle-5521!";
    private const string Inventory = """
        { "vms": [
          { "name": "run1", "state": "running" },
          { "name": "run2", "state": "running" },
          { "name": "bare", "state": "running", "integrationServices": false },
          { "name": "off1", "state": "off" },
          { "name": "saved1", "state": "saved" },
          { "name": "paused1", "state": "paused" },
          { "name": "doomed", "state": "running", "failJobs": true }
        ] }
        """;

    private readonly string _inventoryPath = Path.Combine(Path.GetTempPath(), "hvl-lifecycle-" + Guid.NewGuid().ToString("N") + ".json");

    public LifecycleSimulatorTests() => File.WriteAllText(_inventoryPath, Inventory);

    public void Dispose() => File.Delete(_inventoryPath);

    private async Task<(SimulatorServer Sim, HvConnection Connection)> StartAsync(string profile = "ws2019", int jobMs = 50)
    {
        var options = new SimulatorOptions { HttpPort = 0 };
        options.Host.Profile = profile;
        options.Host.InventoryPath = _inventoryPath;
        options.Host.JobDuration = TimeSpan.FromMilliseconds(jobMs);
        options.Accounts.Add(new SimulatorAccount(User, Password));
        var sim = await SimulatorServer.StartAsync(options);
        var uri = LibvirtUri.Parse($"hyperv://{User}@127.0.0.1:{sim.HttpEndpoint!.Port}/?transport=http");
        var connection = await HvConnection.OpenAsync(uri, new NetworkCredential(User, Password), new WsManSettings(), null, CancellationToken.None);
        return (sim, connection);
    }

    private static async Task<HvDomain> DomainAsync(HvConnection connection, string name)
    {
        await foreach (var d in new DomainService(connection, null).GetDomainsAsync(new DomainFilter { ExactNames = [name] }, false))
        {
            return d;
        }
        throw new InvalidOperationException("no " + name);
    }

    private static async Task<int> JobCountAsync(HvConnection connection)
    {
        var count = 0;
        await foreach (var _ in connection.QueryAsync("SELECT * FROM Msvm_ConcreteJob", null, null, CancellationToken.None))
        {
            count++;
        }
        return count;
    }

    [Fact]
    public async Task Start_waits_for_the_job_and_returns_the_domain_read_again()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var seen = new List<JobStatus>();
        var result = await new DomainLifecycle(connection, null).ChangeStateAsync(await DomainAsync(connection, "off1"), DomainOperation.Start,
            new StateChangeOptions { OnJobStatus = s => { lock (seen) { seen.Add(s); } } }, CancellationToken.None);
        Assert.True(result.Completed);
        Assert.NotNull(result.JobInstanceId);
        Assert.Equal("Running", result.Domain.HyperVState);
        Assert.Equal(HvDomainState.Running, result.Domain.GetState());
        Assert.Equal(JobStates.New, seen[0].JobState);
        Assert.Equal(JobStates.Completed, seen[^1].JobState);
        Assert.All(seen, s => Assert.Equal(result.JobInstanceId, s.InstanceId));
    }

    [Fact]
    public async Task A_refused_precondition_sends_nothing_and_changes_nothing()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var error = await Assert.ThrowsAsync<HvLifecycleException>(() =>
            new DomainLifecycle(connection, null).ChangeStateAsync(DomainAsync(connection, "run1").Result, DomainOperation.Start, null, CancellationToken.None));
        Assert.Equal(LifecycleFailure.DomainAlreadyActive, error.Reason);
        Assert.Contains("Domain is already active or is in state transition", error.Message);
        Assert.Equal(0, await JobCountAsync(connection));
        Assert.Equal("Running", (await DomainAsync(connection, "run1")).HyperVState);
    }

    [Fact]
    public async Task The_precondition_is_checked_against_a_fresh_read()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var stale = await DomainAsync(connection, "run2");
        await new DomainLifecycle(connection, null).ChangeStateAsync(stale, DomainOperation.TurnOff, null, CancellationToken.None);
        // The stale object still says Running; the host says Off.
        var error = await Assert.ThrowsAsync<HvLifecycleException>(() =>
            new DomainLifecycle(connection, null).ChangeStateAsync(stale, DomainOperation.Suspend, null, CancellationToken.None));
        Assert.Equal(LifecycleFailure.DomainNotRunning, error.Reason);
    }

    [Fact]
    public async Task A_failing_job_reports_its_error_code_and_description()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        sim.Host.FailNextJob("The virtual disk is on fire.");
        var error = await Assert.ThrowsAsync<HvJobException>(() =>
            new DomainLifecycle(connection, null).ChangeStateAsync(DomainAsync(connection, "run1").Result, DomainOperation.TurnOff, null, CancellationToken.None));
        Assert.Equal(JobFailure.Failed, error.Failure);
        Assert.Equal("The virtual disk is on fire.", error.ErrorDescription);
        Assert.Equal((ushort)32768, error.ErrorCode);
        Assert.Equal("Running", (await DomainAsync(connection, "run1")).HyperVState);
    }

    [Theory]
    [InlineData("ws2008r2", DomainOperation.Suspend, "run1", 32768)]
    [InlineData("ws2008r2", DomainOperation.Save, "run1", 32769)]
    [InlineData("ws2019", DomainOperation.Suspend, "run1", 9)]
    [InlineData("ws2019", DomainOperation.Save, "run1", 6)]
    [InlineData("ws2008r2", DomainOperation.Resume, "paused1", 2)]
    [InlineData("ws2008r2", DomainOperation.RemoveManagedSave, "saved1", 3)]
    [InlineData("ws2019", DomainOperation.RemoveManagedSave, "saved1", 3)]
    [InlineData("ws2019", DomainOperation.Reboot, "run1", 2)]
    [InlineData("ws2019", DomainOperation.Reset, "run1", 2)]
    public async Task Each_generation_gets_its_own_requested_state(string profile, DomainOperation operation, string name, int expectedState)
    {
        var (sim, connection) = await StartAsync(profile);
        await using var _ = sim;
        using var __ = connection;
        var result = await new DomainLifecycle(connection, null).ChangeStateAsync(await DomainAsync(connection, name), operation, null, CancellationToken.None);
        Assert.Equal((ushort)expectedState, result.Domain.EnabledState);
    }

    [Fact]
    public async Task A_timeout_leaves_the_job_running_and_says_so()
    {
        var (sim, connection) = await StartAsync(jobMs: 60_000);
        await using var _ = sim;
        using var __ = connection;
        var error = await Assert.ThrowsAsync<HvJobException>(() => new DomainLifecycle(connection, null).ChangeStateAsync(DomainAsync(connection, "off1").Result,
            DomainOperation.Start, new StateChangeOptions { Timeout = TimeSpan.FromMilliseconds(300) }, CancellationToken.None));
        Assert.Equal(JobFailure.TimedOut, error.Failure);
        Assert.NotNull(error.JobInstanceId);
        Assert.True((await DomainAsync(connection, "off1")).InTransition);
    }

    [Fact]
    public async Task Without_waiting_the_domain_is_returned_mid_change()
    {
        var (sim, connection) = await StartAsync(jobMs: 60_000);
        await using var _ = sim;
        using var __ = connection;
        var result = await new DomainLifecycle(connection, null).ChangeStateAsync(await DomainAsync(connection, "off1"), DomainOperation.Start,
            new StateChangeOptions { WaitForCompletion = false }, CancellationToken.None);
        Assert.False(result.Completed);
        Assert.NotNull(result.JobInstanceId);
        Assert.True(result.Domain.InTransition);
    }

    [Fact]
    public async Task Cancelling_the_wait_leaves_the_job_to_the_host()
    {
        var (sim, connection) = await StartAsync(jobMs: 60_000);
        await using var _ = sim;
        using var __ = connection;
        using var cancel = new CancellationTokenSource();
        string? started = null;
        var options = new StateChangeOptions
        {
            OnJobStatus = s =>
            {
                started ??= s.InstanceId;
                cancel.Cancel();
            },
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new DomainLifecycle(connection, null).ChangeStateAsync(DomainAsync(connection, "off1").Result, DomainOperation.Start, options, cancel.Token));
        Assert.NotNull(started);
        Assert.Equal(1, await JobCountAsync(connection));
    }

    [Fact]
    public async Task Graceful_shutdown_uses_the_shutdown_component_and_waits_until_off()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var result = await new DomainLifecycle(connection, null).ChangeStateAsync(await DomainAsync(connection, "run1"), DomainOperation.Shutdown,
            new StateChangeOptions { ForceShutdown = true, ShutdownReason = "test" }, CancellationToken.None);
        Assert.Equal("Off", result.Domain.HyperVState);
    }

    [Fact]
    public async Task Graceful_shutdown_without_integration_services_suggests_turning_off()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var error = await Assert.ThrowsAsync<HvLifecycleException>(() =>
            new DomainLifecycle(connection, null).ChangeStateAsync(DomainAsync(connection, "bare").Result, DomainOperation.Shutdown, null, CancellationToken.None));
        Assert.Equal(LifecycleFailure.NoShutdownComponent, error.Reason);
        Assert.Contains("-TurnOff", error.RecommendedAction);
        Assert.Equal("Running", (await DomainAsync(connection, "bare")).HyperVState);
    }

    [Fact]
    public async Task A_batch_runs_every_domain_and_one_failure_does_not_stop_the_others()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var targets = new[] { await DomainAsync(connection, "run1"), await DomainAsync(connection, "run2"), await DomainAsync(connection, "doomed"),
            await DomainAsync(connection, "off1") }.Select(d => new LifecycleTarget(connection, d)).ToArray();
        var events = System.Threading.Channels.Channel.CreateUnbounded<LifecycleEvent>();
        await LifecycleBatch.RunAsync(targets, DomainOperation.TurnOff, new StateChangeOptions(), 2, null, events.Writer, CancellationToken.None);
        var all = new List<LifecycleEvent>();
        await foreach (var e in events.Reader.ReadAllAsync())
        {
            all.Add(e);
        }
        Assert.Equal(["run1", "run2"], all.OfType<LifecycleSucceeded>().Select(s => s.Target.Name).Order());
        var failures = all.OfType<LifecycleFailed>().ToDictionary(f => f.Target.Name, f => f.Error);
        Assert.IsType<HvJobException>(failures["doomed"]);
        Assert.Equal(LifecycleFailure.DomainNotActive, Assert.IsType<HvLifecycleException>(failures["off1"]).Reason);
        var tracker = new UnfinishedWork();
        all.ForEach(tracker.Observe);
        Assert.Empty(tracker.Items);
    }

    [Theory]
    [InlineData("ws2019")]
    [InlineData("ws2008r2")]
    public async Task A_listing_fetches_only_the_listed_properties_and_builds_the_same_records(string profile)
    {
        var (sim, connection) = await StartAsync(profile);
        await using var _ = sim;
        using var __ = connection;
        var plain = new List<HvDomain>();
        await foreach (var d in new DomainService(connection, null).GetDomainsAsync(new DomainFilter(), detailed: false))
        {
            plain.Add(d);
        }
        var full = new Dictionary<Guid, HvDomain>();
        await foreach (var d in new DomainService(connection, null).GetDomainsAsync(new DomainFilter(), detailed: true))
        {
            full.Add(d.Uuid, d);
        }
        Assert.Equal(7, plain.Count);
        Assert.Equal(7, full.Count);
        foreach (var d in plain)
        {
            // w:XmlFragment items: exactly the asked-for properties, typed as the queried class.
            Assert.Equal("Msvm_ComputerSystem", d.GetRecord().ComputerSystem.ClassName);
            Assert.Equal(DomainRecord.ListedProperties.Order(StringComparer.Ordinal),
                d.GetRecord().ComputerSystem.Properties.Select(p => p.Name).Order(StringComparer.Ordinal));
            var whole = full[d.Uuid];
            Assert.True(whole.GetRecord().ComputerSystem.Properties.Count > DomainRecord.ListedProperties.Count);
            Assert.Equal(whole.Name, d.Name);
            Assert.Equal(whole.GetState(), d.GetState());
            Assert.Equal(whole.EnabledState, d.EnabledState);
            Assert.Equal(whole.Id, d.Id);
            Assert.Equal(whole.Uptime, d.Uptime);
            Assert.Equal(whole.GetRecord().HealthState, d.GetRecord().HealthState);
            Assert.Equal(whole.HasManagedSave, d.HasManagedSave);
        }
        Assert.Contains(plain, d => d.Id is not null);
        Assert.Contains(plain, d => d.GetRecord().HealthState is not null);
    }
}
