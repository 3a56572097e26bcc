using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Lifecycle;

/// <summary>
/// Waits for a Hyper-V job: reads it at once, then again after each backoff delay, until it
/// completes, fails, reaches an unknown state or the wait's time is up. Unlike libvirt it has a
/// bound, reports progress and can be cancelled; neither a timeout nor a cancellation touches
/// the job on the host.
/// </summary>
public sealed class JobWaiter
{
    private readonly Func<string, CancellationToken, Task<CimObject?>> _readJob;
    private readonly TimeProvider _clock;

    /// <summary>Creates a waiter.</summary>
    /// <param name="readJob">Reads the Msvm_ConcreteJob with an InstanceID; null when the host has no such job.</param>
    /// <param name="backoff">The polling delays; <see cref="JobPollBackoff.Default"/> when null.</param>
    /// <param name="clock">The clock for delays and the timeout; the system clock when null.</param>
    public JobWaiter(Func<string, CancellationToken, Task<CimObject?>> readJob, JobPollBackoff? backoff = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(readJob);
        _readJob = readJob;
        Backoff = backoff ?? JobPollBackoff.Default;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>The polling delays.</summary>
    public JobPollBackoff Backoff { get; }

    /// <summary>
    /// Waits for the job to complete and returns its last status. Every reading goes to
    /// <paramref name="onPoll"/> (on the calling task's thread).
    /// </summary>
    /// <exception cref="HvJobException">The job failed (with its ErrorCode and ErrorDescription), is in an unknown state, vanished, or outlasted <paramref name="timeout"/>.</exception>
    /// <exception cref="OperationCanceledException">The wait was cancelled; the job goes on.</exception>
    public async Task<JobStatus> WaitAsync(string instanceId, JobContext context, TimeSpan timeout, Action<JobStatus>? onPoll,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentNullException.ThrowIfNull(context);
        JobStatus? last = null;
        var outcome = await PollUntilAsync(async token =>
        {
            var job = await _readJob(instanceId, token).ConfigureAwait(false);
            return job;
        }, (job, elapsed) =>
        {
            if (job is null)
            {
                throw new HvJobException(JobFailure.NotFound, context, instanceId, last);
            }
            var status = JobStatus.FromJob(instanceId, job, elapsed);
            last = status;
            onPoll?.Invoke(status);
            if (JobStates.IsCompleted(status.JobState))
            {
                return true;
            }
            if (JobStates.IsError(status.JobState))
            {
                throw new HvJobException(JobFailure.Failed, context, instanceId, status);
            }
            return status.IsRunning ? false : throw new HvJobException(JobFailure.StateUnknown, context, instanceId, status);
        }, timeout, cancellationToken).ConfigureAwait(false);

        return outcome ? last!.Value : throw new HvJobException(JobFailure.TimedOut, context, instanceId, last, timeout);
    }

    /// <summary>
    /// Reads something until <paramref name="isDone"/> says so (true) or <paramref name="timeout"/>
    /// passes (false), with this waiter's backoff. <paramref name="isDone"/> gets the time waited
    /// so far and may throw to end the wait.
    /// </summary>
    public async Task<bool> PollUntilAsync<T>(Func<CancellationToken, Task<T>> read, Func<T, TimeSpan, bool> isDone, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(isDone);
        var started = _clock.GetTimestamp();
        var delay = TimeSpan.Zero;
        while (true)
        {
            var value = await read(cancellationToken).ConfigureAwait(false);
            var elapsed = _clock.GetElapsedTime(started);
            if (isDone(value, elapsed))
            {
                return true;
            }
            var remaining = timeout - elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                return false;
            }
            // The last sleep is cut short so the final reading happens at the deadline, not after it.
            delay = Backoff.Next(delay);
            await Task.Delay(delay < remaining ? delay : remaining, _clock, cancellationToken).ConfigureAwait(false);
        }
    }
}
