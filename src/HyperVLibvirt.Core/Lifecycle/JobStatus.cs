using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Lifecycle;

/// <summary>One reading of a Msvm_ConcreteJob.</summary>
/// <param name="InstanceId">The job's InstanceID.</param>
/// <param name="JobState">The job's JobState (see <see cref="JobStates"/>).</param>
/// <param name="PercentComplete">How far the job says it is, 0–100, when reported.</param>
/// <param name="ErrorCode">The job's ErrorCode, when reported (non-zero on failure).</param>
/// <param name="ErrorDescription">The job's ErrorDescription, when reported.</param>
/// <param name="Elapsed">How long we have been waiting for it.</param>
public readonly record struct JobStatus(string InstanceId, ushort JobState, int? PercentComplete, ushort? ErrorCode, string? ErrorDescription,
    TimeSpan Elapsed)
{
    /// <summary>The job is still going (New, Starting, Running, Shutting down).</summary>
    public bool IsRunning => JobStates.IsRunning(JobState);

    /// <summary>The status of a job just started, before its first poll.</summary>
    public static JobStatus Started(string instanceId) => new(instanceId, JobStates.New, 0, null, null, TimeSpan.Zero);

    /// <summary>Reads a Msvm_ConcreteJob instance.</summary>
    public static JobStatus FromJob(string instanceId, CimObject job, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(job);
        var state = job.GetUInt64("JobState") is { } s && s <= ushort.MaxValue ? (ushort)s : (ushort)0;
        var percent = job.GetUInt64("PercentComplete") is { } p ? (int)Math.Min(p, 100) : (int?)null;
        var code = job.GetUInt64("ErrorCode") is { } c && c <= ushort.MaxValue ? (ushort)c : (ushort?)null;
        var description = job.GetString("ErrorDescription");
        return new JobStatus(instanceId, state, percent, code, string.IsNullOrWhiteSpace(description) ? null : description, elapsed);
    }
}
