using System.Globalization;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Lifecycle;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Tests.Lifecycle;

/// <summary>The job waiter against scripted Msvm_ConcreteJob readings, in virtual time.</summary>
public sealed class JobWaiterTests
{
    private const string JobId = "9AEFD414-3B77-4E18-A477-733FBB00F2BF";
    private static readonly JobContext Context = new(DomainOperation.TurnOff, "RequestStateChange", "web1",
        Guid.Parse("6fa34e5b-a584-4f4a-ba0e-a09ce3c1176c"), "hv01");

    private static CimObject Job(ushort state, int percent = 0, ushort errorCode = 0, string? description = null)
    {
        var properties = new List<CimProperty>
        {
            new("InstanceID", CimValue.FromText(JobId)),
            new("JobState", CimValue.FromText(state.ToString(CultureInfo.InvariantCulture))),
            new("PercentComplete", CimValue.FromText(percent.ToString(CultureInfo.InvariantCulture))),
            new("ErrorCode", CimValue.FromText(errorCode.ToString(CultureInfo.InvariantCulture))),
        };
        if (description is not null)
        {
            properties.Add(new("ErrorDescription", CimValue.FromText(description)));
        }
        return new CimObject("Msvm_ConcreteJob", null, properties);
    }

    // Returns the readings in order, then the last one forever; counts the reads.
    private sealed class Script(params CimObject?[] readings)
    {
        public int Reads;

        public Task<CimObject?> ReadAsync(string instanceId, CancellationToken cancellationToken)
        {
            Assert.Equal(JobId, instanceId);
            cancellationToken.ThrowIfCancellationRequested();
            var index = Math.Min(Interlocked.Increment(ref Reads) - 1, readings.Length - 1);
            return Task.FromResult(readings[index]);
        }
    }

    [Fact]
    public async Task Completes_and_reports_every_reading()
    {
        var script = new Script(Job(JobStates.Starting), Job(JobStates.Running, 40), Job(JobStates.Running, 80), Job(JobStates.Completed, 100));
        var clock = new InstantTimeProvider();
        var seen = new List<JobStatus>();
        var status = await new JobWaiter(script.ReadAsync, clock: clock).WaitAsync(JobId, Context, TimeSpan.FromMinutes(5), seen.Add, CancellationToken.None);
        Assert.Equal(JobStates.Completed, status.JobState);
        Assert.Equal([0, 40, 80, 100], seen.Select(s => s.PercentComplete ?? -1));
        Assert.Equal(4, script.Reads);
    }

    [Theory]
    [InlineData(JobStates.Terminated)]
    [InlineData(JobStates.Killed)]
    [InlineData(JobStates.Exception)]
    [InlineData(JobStates.Service)]
    public async Task Error_states_fail_with_the_jobs_code_and_description(ushort state)
    {
        var script = new Script(Job(JobStates.Running, 10), Job(state, 50, 32768, "The virtual machine could not be turned off."));
        var waiter = new JobWaiter(script.ReadAsync, clock: new InstantTimeProvider());
        var error = await Assert.ThrowsAsync<HvJobException>(() => waiter.WaitAsync(JobId, Context, TimeSpan.FromMinutes(5), null, CancellationToken.None));
        Assert.Equal(JobFailure.Failed, error.Failure);
        Assert.Equal((ushort)32768, error.ErrorCode);
        Assert.Equal("The virtual machine could not be turned off.", error.ErrorDescription);
        Assert.Equal(JobId, error.JobInstanceId);
        Assert.Contains("The virtual machine could not be turned off.", error.Message);
        Assert.Contains("ErrorCode 32768", error.Message);
        Assert.Contains("web1", error.Message);
    }

    [Fact]
    public async Task Unknown_state_fails_as_libvirt_does()
    {
        var script = new Script(Job(JobStates.Suspended));
        var waiter = new JobWaiter(script.ReadAsync, clock: new InstantTimeProvider());
        var error = await Assert.ThrowsAsync<HvJobException>(() => waiter.WaitAsync(JobId, Context, TimeSpan.FromMinutes(5), null, CancellationToken.None));
        Assert.Equal(JobFailure.StateUnknown, error.Failure);
        Assert.Contains("unknown state", error.Message);
    }

    [Fact]
    public async Task A_missing_job_fails_with_libvirts_lookup_text()
    {
        var script = new Script((CimObject?)null);
        var waiter = new JobWaiter(script.ReadAsync, clock: new InstantTimeProvider());
        var error = await Assert.ThrowsAsync<HvJobException>(() => waiter.WaitAsync(JobId, Context, TimeSpan.FromMinutes(5), null, CancellationToken.None));
        Assert.Equal(JobFailure.NotFound, error.Failure);
        Assert.Contains("Could not lookup Msvm_ConcreteJob for RequestStateChange invocation", error.Message);
    }

    [Fact]
    public async Task Times_out_saying_the_job_still_runs_and_how_to_find_it()
    {
        var script = new Script(Job(JobStates.Running, 42));
        var clock = new InstantTimeProvider();
        var waiter = new JobWaiter(script.ReadAsync, clock: clock);
        var error = await Assert.ThrowsAsync<HvJobException>(() => waiter.WaitAsync(JobId, Context, TimeSpan.FromSeconds(3), null, CancellationToken.None));
        Assert.Equal(JobFailure.TimedOut, error.Failure);
        Assert.Equal(JobId, error.JobInstanceId);
        Assert.Contains("still running on the host", error.Message);
        Assert.Contains(JobId, error.Message);
        Assert.Contains("42% done", error.Message);
        Assert.Contains(JobQuery.ByInstanceId(JobId), error.RecommendedAction);
        Assert.Contains("Get-HvDomain -Uuid 6fa34e5b-a584-4f4a-ba0e-a09ce3c1176c", error.RecommendedAction);
        // 50+100+200+400+800+1000 ms, then the last sleep is cut to the 450 ms left; a final reading at the deadline.
        Assert.Equal(new[] { 50, 100, 200, 400, 800, 1000, 450 }, clock.Sleeps.Select(s => (int)s.TotalMilliseconds));
        Assert.Equal(8, script.Reads);
    }

    [Fact]
    public async Task Time_spent_reading_counts_against_the_timeout()
    {
        var clock = new InstantTimeProvider();
        var reads = 0;
        var waiter = new JobWaiter((_, _) =>
        {
            reads++;
            clock.Advance(TimeSpan.FromSeconds(2)); // a slow host
            return Task.FromResult<CimObject?>(Job(JobStates.Running));
        }, clock: clock);
        await Assert.ThrowsAsync<HvJobException>(() => waiter.WaitAsync(JobId, Context, TimeSpan.FromSeconds(3), null, CancellationToken.None));
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task Cancellation_stops_waiting()
    {
        using var cancel = new CancellationTokenSource();
        var reads = 0;
        var waiter = new JobWaiter((_, _) =>
        {
            if (++reads == 3)
            {
                cancel.Cancel();
            }
            return Task.FromResult<CimObject?>(Job(JobStates.Running));
        }, clock: new InstantTimeProvider());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter.WaitAsync(JobId, Context, TimeSpan.FromMinutes(5), null, cancel.Token));
        Assert.Equal(3, reads);
    }

    [Fact]
    public void Backoff_doubles_from_50_ms_and_never_exceeds_1_s()
    {
        var delays = JobPollBackoff.Default.Delays(50).ToArray();
        Assert.Equal(new[] { 50, 100, 200, 400, 800, 1000, 1000 }, delays.Take(7).Select(d => (int)d.TotalMilliseconds));
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task A_long_wait_polls_about_once_a_second()
    {
        var script = new Script(Job(JobStates.Running));
        var clock = new InstantTimeProvider();
        await Assert.ThrowsAsync<HvJobException>(() =>
            new JobWaiter(script.ReadAsync, clock: clock).WaitAsync(JobId, Context, TimeSpan.FromMinutes(5), null, CancellationToken.None));
        // 7 readings over the 2.55 s ramp-up, 297 a second apart, one at the deadline: bounded, not libvirt's 3000.
        Assert.Equal(305, script.Reads);
        Assert.All(clock.Sleeps, s => Assert.True(s <= TimeSpan.FromSeconds(1)));
    }
}
