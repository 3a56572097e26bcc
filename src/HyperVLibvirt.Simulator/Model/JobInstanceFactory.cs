namespace HyperVLibvirt.Simulator.Model;

/// <summary>Builds Msvm_ConcreteJob snapshots and the Msvm_AffectedJobElement linking a job to its VM.</summary>
internal sealed class JobInstanceFactory
{
    /// <summary>Running (libvirt keeps polling).</summary>
    public const ushort JobRunning = 4;
    /// <summary>Starting.</summary>
    public const ushort JobStarting = 3;
    /// <summary>Completed.</summary>
    public const ushort JobCompleted = 7;
    /// <summary>Exception (failed).</summary>
    public const ushort JobException = 10;
    /// <summary>The ErrorCode of a failed job ("Failed").</summary>
    public const ushort FailedErrorCode = 32768;

    private readonly HostLanguage _language;

    public JobInstanceFactory(HostLanguage language) => _language = language;

    public CimInstance Job(HostNamespace ns, JobRecord job, DateTimeOffset now, TimeSpan lifetimeAfterCompletion)
    {
        var j = ns.New(job.ClassName);
        var elapsed = (job.Finished ?? now) - job.Started;
        var failed = job.Finished is not null && job.Failure is not null;
        var state = job.Finished is not null ? (failed ? JobException : JobCompleted) : elapsed <= TimeSpan.Zero ? JobStarting : JobRunning;
        j["InstanceID"] = job.InstanceId;
        j["Caption"] = _language.JobCaption;
        j["Description"] = _language.JobDescription;
        j["ElementName"] = _language.JobCaption;
        j["Name"] = _language.JobCaption;
        j["JobState"] = CimValues.UInt(state);
        j["PercentComplete"] = CimValues.UInt(Percent(job, now));
        j["JobStatus"] = state switch
        {
            JobCompleted => "Job completed successfully",
            JobException => "Job failed",
            _ => "Job is running",
        };
        j["ErrorCode"] = CimValues.UInt(failed ? FailedErrorCode : 0u);
        j["ErrorDescription"] = failed ? job.Failure : null;
        j["ErrorSummaryDescription"] = failed ? job.Failure : null;
        j["TimeSubmitted"] = job.Started;
        j["StartTime"] = job.Started;
        j["ElapsedTime"] = elapsed < TimeSpan.Zero ? TimeSpan.Zero : elapsed;
        j["TimeOfLastStateChange"] = job.Finished ?? job.Started;
        j["TimeBeforeRemoval"] = lifetimeAfterCompletion;
        j["JobRunTimes"] = CimValues.UInt(1);
        j["LocalOrUtcTime"] = CimValues.UInt(2);
        j["Priority"] = CimValues.UInt(0);
        j["DeleteOnCompletion"] = CimValues.True;
        j["Cancellable"] = CimValues.False;
        j["JobType"] = CimValues.UInt(2);
        j["HealthState"] = CimValues.UInt(failed ? 20u : 5u);
        j["OperationalStatus"] = CimValues.UIntArray(failed ? 6u : 2u);
        j["Status"] = failed ? "Error" : "OK";
        j["RecoveryAction"] = CimValues.UInt(2);
        return j;
    }

    public static ushort Percent(JobRecord job, DateTimeOffset now)
    {
        if (job.Finished is not null)
        {
            return 100;
        }

        if (job.Duration <= TimeSpan.Zero)
        {
            return 0;
        }

        var fraction = (now - job.Started) / job.Duration;
        return (ushort)Math.Clamp((int)(fraction * 100), 0, 99);
    }

    public CimInstance AffectedJobElement(HostNamespace ns, CimReference affected, CimReference job)
    {
        var a = ns.New("Msvm_AffectedJobElement");
        a["AffectedElement"] = affected;
        a["AffectingElement"] = job;
        a["ElementEffects"] = CimValues.UIntArray(0);
        return a;
    }
}
