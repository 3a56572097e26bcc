namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// Jobs that fail without touching anything, for the per-method fault rules (<c>--fault job:NAME@N</c>): the method
/// answers 4096 and a job that is over by the first poll with JobState 10 (Exception), ErrorCode 32768 (Failed) and an
/// ErrorDescription that says it was simulated. No VM, setting or device changes.
/// </summary>
public sealed partial class SimulatedHost
{
    /// <summary>
    /// Answers an Invoke of <paramref name="methodName"/> on a class with 4096 and a failed job, changing nothing else.
    /// Throws <see cref="CimException"/> when the namespace or class does not exist, or the namespace has no jobs.
    /// </summary>
    public MethodResult StartFailedJob(string wmiNamespace, string className, string methodName)
    {
        var ns = Namespace(wmiNamespace);
        var cimClass = QueryExecutor.TableOf(ns, className).Class;
        if (ns.Table("Msvm_ConcreteJob") is null)
        {
            // root/cimv2's methods (Win32) answer at once; they have no job to fail.
            throw new CimException(CimErrorKind.InvalidMethod, $"{cimClass.Name}.{methodName} in {ns.Name} starts no job that could fail.");
        }

        AdvanceJobs();
        lock (_stateGate)
        {
            var now = Settings.Clock.GetUtcNow();
            var failure = $"{cimClass.Name}.{methodName} failed (simulated failure).";
            var job = new JobRecord(Guid.NewGuid().ToString("D").ToUpperInvariant(), null, ns.Name, 0, 0, now, TimeSpan.Zero, failure);
            _jobs.Add(job);
            Volatile.Write(ref _jobCount, _jobs.Count);
            var jobInstance = _jobFactory.Job(ns, job, now, CompletedJobLifetime);
            ns.Required("Msvm_ConcreteJob").Add(jobInstance);
            AdvanceJobsLocked(now);
            return new MethodResult(StateTransitions.JobStarted, [new("Job", InstanceKeys.ReferenceTo(jobInstance))]);
        }
    }
}
