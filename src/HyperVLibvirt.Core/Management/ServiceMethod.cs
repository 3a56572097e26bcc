using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Lifecycle;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Management;

/// <summary>
/// Invokes a method of one of the host's Hyper-V services (Msvm_VirtualSystemManagementService,
/// Msvm_VirtualSystemSnapshotService), maps its return code and waits for the job it starts, as libvirt's
/// hypervInvokeMethod (src/hyperv/hyperv_wmi.c) does: 0 is done, 4096 is a job to wait for, anything else is the
/// host's refusal. Unlike libvirt, the wait has a bound and reports progress (<see cref="JobWaiter"/>).
/// What a failure becomes is the caller's: it passes a callback that turns a <see cref="ServiceMethodFailure"/>
/// into its own exception; a failed job is always an <see cref="HvJobException"/>.
/// </summary>
/// <remarks>
/// The service is addressed by the selector <c>CreationClassName</c> alone, as libvirt addresses
/// Msvm_VirtualSystemManagementService (MSVM_VIRTUALSYSTEMMANAGEMENTSERVICE_SELECTOR in src/hyperv/hyperv_wmi.h, used by
/// hypervDomainUndefineFlags, hypervDomainSetMemoryFlags and others in src/hyperv/hyperv_driver.c). Microsoft's class
/// documentation keys a CIM_Service by CreationClassName, Name, SystemCreationClassName and SystemName, but each of these
/// services has exactly one instance per host, and WMI's WS-Management provider accepts a partial key that names exactly
/// one instance. Sending libvirt's form saves the query that would look the full key up, and is the form libvirt has
/// sent to real hosts since its driver began.
/// </remarks>
internal sealed class ServiceMethod
{
    private readonly HvConnection _session;
    private readonly IWsManTrace? _trace;
    private readonly string _serviceClass;
    private readonly Func<ServiceMethodFailure, Exception> _failure;
    private readonly IOperationGate? _gate;

    /// <summary>
    /// A caller of <paramref name="serviceClass"/>'s methods whose failures <paramref name="failure"/> turns into exceptions. With a
    /// <paramref name="gate"/> (a batch's host lane) the invoke waits for the host to admit it and the job is read with the host's other
    /// jobs; without one both go straight out.
    /// </summary>
    public ServiceMethod(HvConnection session, IWsManTrace? trace, string serviceClass, Func<ServiceMethodFailure, Exception> failure,
        IOperationGate? gate = null)
    {
        _session = session;
        _trace = trace;
        _serviceClass = serviceClass;
        _failure = failure;
        _gate = gate;
    }

    /// <summary>
    /// Invokes <paramref name="method"/> and, when the host answers 4096 and <paramref name="options"/> say to wait, waits for
    /// the job. Returns the method's output and whether the work is known to be done.
    /// </summary>
    /// <exception cref="Exception">What the failure callback made of no ReturnValue, a refusal, or a job without an InstanceID.</exception>
    /// <exception cref="HvJobException">The job failed, vanished, or outlasted the options' timeout.</exception>
    public async Task<(CimObject Output, bool Completed)> InvokeAsync(string method, IReadOnlyList<KeyValuePair<string, object?>> parameters,
        JobContext context, StateChangeOptions options, CancellationToken cancellationToken)
    {
        var selectors = new KeyValuePair<string, string>[] { new("CreationClassName", _serviceClass) };
        var uri = WmiNamespace.ClassUri(_session.Namespace, _serviceClass);
        var output = _gate is null
            ? await _session.Client.InvokeAsync(uri, method, selectors, parameters, _trace, cancellationToken).ConfigureAwait(false)
            : await _gate.RunAsync(token => _session.Client.InvokeAsync(uri, method, selectors, parameters, _trace, token), cancellationToken).ConfigureAwait(false);
        if (output.GetUInt64("ReturnValue") is not { } returned)
        {
            throw _failure(new ServiceMethodFailure(ServiceMethodFault.NoReturnValue, method, null, context));
        }
        var code = returned > uint.MaxValue ? uint.MaxValue : (uint)returned;
        if (code == ReturnCodes.Completed)
        {
            return (output, true);
        }
        if (code != ReturnCodes.TransitionStarted)
        {
            throw _failure(new ServiceMethodFailure(ServiceMethodFault.Refused, method, code, context));
        }
        var jobReference = output.GetReference("Job");
        var jobId = jobReference?.GetSelector("InstanceID")
            ?? throw _failure(new ServiceMethodFailure(ServiceMethodFault.NoJobInstance, method, null, context));
        var jobClass = JobClassOf(jobReference!);
        options.OnJobStatus?.Invoke(JobStatus.Started(jobId));
        if (!options.WaitForCompletion)
        {
            return (output, false);
        }
        // A batch's gate shares one host's job polls, which read Msvm_ConcreteJob; any other job class is read on its own.
        Func<string, CancellationToken, Task<CimObject?>> readJob = _gate is not null && jobClass == JobQuery.ConcreteJobClass
            ? _gate.ReadJobAsync
            : (id, ct) => ReadJobAsync(jobClass, id, ct);
        var waiter = new JobWaiter(readJob, options.Backoff);
        await waiter.WaitAsync(jobId, context, options.Timeout, options.OnJobStatus, cancellationToken).ConfigureAwait(false);
        return (output, true);
    }

    // The job is read from the class its reference names: Msvm_ImageManagementService's methods start an Msvm_StorageJob,
    // a sibling of Msvm_ConcreteJob under CIM_ConcreteJob (Microsoft's Msvm_StorageJob page) that a query on
    // Msvm_ConcreteJob does not return. A reference without a plain class name falls back to Msvm_ConcreteJob.
    internal static string JobClassOf(EndpointReference reference)
    {
        var slash = reference.ResourceUri.LastIndexOf('/');
        var name = slash >= 0 ? reference.ResourceUri[(slash + 1)..] : string.Empty;
        return name.Length > 0 && name.EndsWith("Job", StringComparison.Ordinal) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? name
            : JobQuery.ConcreteJobClass;
    }

    private async Task<CimObject?> ReadJobAsync(string jobClass, string instanceId, CancellationToken cancellationToken)
    {
        await foreach (var job in _session.QueryAsync(JobQuery.ByInstanceId(instanceId, jobClass), null, _trace, cancellationToken).ConfigureAwait(false))
        {
            return job;
        }
        return null;
    }
}
