using System.Globalization;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Lifecycle;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Management;

/// <summary>
/// Invokes a method on one of the host's Hyper-V services (a class with one instance, such as
/// Msvm_VirtualSystemSnapshotService), waits for the job it starts, and maps its return code, as libvirt's
/// hypervInvokeMethod (src/hyperv/hyperv_wmi.c) does: 0 is done, 4096 is a job to wait for, anything else is the
/// host's refusal. Unlike libvirt, the wait has a bound and reports progress (<see cref="JobWaiter"/>).
/// </summary>
internal sealed class ServiceJob
{
    private readonly HvConnection _session;
    private readonly IWsManTrace? _trace;
    private readonly string _serviceClass;
    private IReadOnlyList<KeyValuePair<string, string>>? _selectors;

    public ServiceJob(HvConnection session, IWsManTrace? trace, string serviceClass)
    {
        _session = session;
        _trace = trace;
        _serviceClass = serviceClass;
    }

    /// <summary>
    /// Invokes <paramref name="method"/> and, when the host answers 4096 and the options say to wait, waits for the job.
    /// Returns the method's output and whether the work is known to be done.
    /// </summary>
    /// <exception cref="HvClassNotFoundException">The host has no such service.</exception>
    /// <exception cref="HvLifecycleException">The host refused (its return code), or its answer lacked what is needed.</exception>
    /// <exception cref="HvJobException">The job failed, vanished, or outlasted the options' timeout.</exception>
    public async Task<(CimObject Output, bool Completed)> RunAsync(string method, IReadOnlyList<KeyValuePair<string, object?>> parameters,
        JobContext context, StateChangeOptions options, CancellationToken cancellationToken)
    {
        var selectors = _selectors ??= await FindServiceAsync(cancellationToken).ConfigureAwait(false);
        var output = await _session.Client.InvokeAsync(WmiNamespace.ClassUri(_session.Namespace, _serviceClass), method, selectors, parameters, _trace,
            cancellationToken).ConfigureAwait(false);
        if (output.GetUInt64("ReturnValue") is not { } returned)
        {
            throw Refusal(LifecycleFailure.InvalidResponse, context, $"Could not lookup ReturnValue for {method} invocation.", null);
        }
        var code = returned > uint.MaxValue ? uint.MaxValue : (uint)returned;
        if (code == ReturnCodes.Completed)
        {
            return (output, true);
        }
        if (code != ReturnCodes.TransitionStarted)
        {
            throw Refusal(LifecycleFailure.StateChangeFailed, context,
                string.Create(CultureInfo.InvariantCulture, $"Invocation of {method} returned an error: {ReturnCodes.ToText(code)} ({code})"), code);
        }
        var jobId = output.GetReference("Job")?.GetSelector("InstanceID")
            ?? throw Refusal(LifecycleFailure.InvalidResponse, context, $"Could not lookup InstanceID for {method} invocation.", null);
        options.OnJobStatus?.Invoke(JobStatus.Started(jobId));
        if (!options.WaitForCompletion)
        {
            return (output, false);
        }
        var waiter = new JobWaiter(ReadJobAsync, options.Backoff);
        await waiter.WaitAsync(jobId, context, options.Timeout, options.OnJobStatus, cancellationToken).ConfigureAwait(false);
        return (output, true);
    }

    private async Task<IReadOnlyList<KeyValuePair<string, string>>> FindServiceAsync(CancellationToken cancellationToken)
    {
        CimObject? service = null;
        try
        {
            await foreach (var item in _session.QueryAsync("SELECT * FROM " + _serviceClass, null, _trace, cancellationToken).ConfigureAwait(false))
            {
                service ??= item;
            }
        }
        catch (WsManFaultException fault) when (fault.WsManCode == WsManFaultException.CodeCannotProcessFilter || fault.Subcode == "n:CannotProcessFilter")
        {
            throw NoService(fault);
        }
        if (service is null)
        {
            throw NoService(null);
        }
        // The keys of a CIM_Service (Microsoft's class documentation), in the order Hyper-V lists them.
        return
        [
            new("CreationClassName", service.GetString("CreationClassName") ?? _serviceClass),
            new("Name", service.GetString("Name") ?? string.Empty),
            new("SystemCreationClassName", service.GetString("SystemCreationClassName") ?? "Msvm_ComputerSystem"),
            new("SystemName", service.GetString("SystemName") ?? _session.ComputerName),
        ];
    }

    private HvClassNotFoundException NoService(Exception? inner) =>
        new(_session.ComputerName, _serviceClass, _session.Namespace,
            "Check that the host's Hyper-V role is complete (Get-WindowsFeature Hyper-V on the host).", inner);

    private async Task<CimObject?> ReadJobAsync(string instanceId, CancellationToken cancellationToken)
    {
        await foreach (var job in _session.QueryAsync(JobQuery.ByInstanceId(instanceId), null, _trace, cancellationToken).ConfigureAwait(false))
        {
            return job;
        }
        return null;
    }

    private static HvLifecycleException Refusal(LifecycleFailure failure, JobContext context, string detail, uint? code) =>
        new(failure, context.Operation, context.DomainName, context.DomainUuid,
            $"Could not {DomainStateChange.Verb(context.Operation)} domain '{context.DomainName}' on {context.ComputerName}: {detail}", code);
}
