using System.Globalization;
using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Core.Lifecycle;

/// <summary>
/// A Hyper-V job that failed, could not be read, or outlasted the wait. Unlike libvirt, it
/// carries the job's ErrorCode and ErrorDescription, and a timeout says the job is still
/// running on the host and how to find it.
/// </summary>
public sealed class HvJobException : HvHostException
{
    /// <summary>Creates the exception; the message is built from the parts.</summary>
    public HvJobException(JobFailure failure, JobContext context, string? jobInstanceId, JobStatus? lastStatus, TimeSpan? timeout = null)
        : base(BuildMessage(failure, context, jobInstanceId, lastStatus, timeout))
    {
        Failure = failure;
        Context = context;
        JobInstanceId = jobInstanceId;
        LastStatus = lastStatus;
        Timeout = timeout;
    }

    /// <summary>How the wait ended.</summary>
    public JobFailure Failure { get; }

    /// <summary>The operation, method and domain.</summary>
    public JobContext Context { get; }

    /// <summary>The job's InstanceID; null when the operation has no job (a guest shutdown that returned 0).</summary>
    public string? JobInstanceId { get; }

    /// <summary>The job as last read, when it was read at all.</summary>
    public JobStatus? LastStatus { get; }

    /// <summary>The job's ErrorCode, when it failed.</summary>
    public ushort? ErrorCode => LastStatus?.ErrorCode;

    /// <summary>The job's ErrorDescription, when it failed.</summary>
    public string? ErrorDescription => LastStatus?.ErrorDescription;

    /// <summary>The wait's bound, for <see cref="JobFailure.TimedOut"/>.</summary>
    public TimeSpan? Timeout { get; }

    /// <summary>What the user can do next.</summary>
    public string? RecommendedAction => Failure switch
    {
        JobFailure.TimedOut when JobInstanceId is not null =>
            $"The job was not cancelled and may still finish. Check the domain with Get-HvDomain -Uuid {Context.DomainUuid:D}, " +
            $"or the job on the host with the WQL query: {JobQuery.ByInstanceId(JobInstanceId)}. Use a larger -TimeoutSec to wait longer.",
        JobFailure.TimedOut =>
            $"Check the domain with Get-HvDomain -Uuid {Context.DomainUuid:D}; use -TurnOff if the guest does not respond.",
        JobFailure.Failed => "See the host's Hyper-V-VMMS event log for details.",
        _ => null,
    };

    private static string BuildMessage(JobFailure failure, JobContext context, string? jobInstanceId, JobStatus? status, TimeSpan? timeout)
    {
        var what = $"{DomainStateChange.Verb(context.Operation)} domain '{context.DomainName}' on {context.ComputerName}";
        var job = jobInstanceId is null ? context.MethodName + " request" : $"{context.MethodName} job {jobInstanceId}";
        switch (failure)
        {
            case JobFailure.Failed:
                var state = status is { } s ? $"{JobStates.Name(s.JobState)} ({s.JobState.ToString(CultureInfo.InvariantCulture)})" : "an error state";
                var description = status?.ErrorDescription ?? "the host gave no description";
                var code = status?.ErrorCode is { } c ? $" (ErrorCode {c.ToString(CultureInfo.InvariantCulture)})" : string.Empty;
                return $"Could not {what}: the {job} ended in state {state}: {description}{code}.";
            case JobFailure.TimedOut:
                var seconds = (timeout ?? TimeSpan.Zero).TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
                if (jobInstanceId is null)
                {
                    return $"Gave up waiting after {seconds} s to {what}: the guest has not finished shutting down. The request stays with the guest.";
                }
                var percent = status?.PercentComplete is { } p ? $", {p.ToString(CultureInfo.InvariantCulture)}% done" : string.Empty;
                return $"Gave up waiting after {seconds} s to {what}: the {context.MethodName} job is still running on the host " +
                    $"(job InstanceID {jobInstanceId}{percent}). It has not been reported as done.";
            case JobFailure.StateUnknown:
                var unknown = status is { } u ? JobStates.Name(u.JobState) : "unknown";
                return $"Could not {what}: the {job} is in an unknown state ({unknown}).";
            default:
                return $"Could not {what}: the {job} was not found on the host (Could not lookup Msvm_ConcreteJob for {context.MethodName} invocation).";
        }
    }
}
