using System.Globalization;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Lifecycle;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Management;

/// <summary>
/// Msvm_VirtualSystemManagementService's methods (ModifyResourceSettings, ModifySystemSettings, DestroySystem) as libvirt's
/// hypervInvokeMethod (src/hyperv/hyperv_wmi.c) calls them: the selector <c>CreationClassName</c> alone, settings as
/// embedded instances, systems as references; 0 is done, 4096 is a job to wait for, anything else is the host's refusal.
/// </summary>
internal sealed class SystemManagementMethods
{
    private const string ServiceClass = "Msvm_VirtualSystemManagementService";

    private readonly HvConnection _session;
    private readonly IWsManTrace? _trace;

    public SystemManagementMethods(HvConnection session, IWsManTrace? trace)
    {
        _session = session;
        _trace = trace;
    }

    /// <summary>Sends one method with one parameter of embedded instances and waits for its job, if it started one.</summary>
    public Task InvokeAsync(string method, string parameter, IReadOnlyList<EmbeddedInstance> instances, JobContext context, TimeSpan timeout,
        Action<JobStatus>? onJobStatus, CancellationToken cancellationToken) =>
        InvokeAsync(method, [new(parameter, instances.Count == 1 ? instances[0] : instances)], context, timeout, onJobStatus, cancellationToken);

    /// <summary>Sends one method and waits for its job, if it started one.</summary>
    /// <exception cref="HvSettingsException">No ReturnValue, a job without an InstanceID, or a refusal code.</exception>
    /// <exception cref="HvJobException">The job failed or outlasted <paramref name="timeout"/>.</exception>
    public async Task InvokeAsync(string method, IReadOnlyList<KeyValuePair<string, object?>> parameters, JobContext context, TimeSpan timeout,
        Action<JobStatus>? onJobStatus, CancellationToken cancellationToken)
    {
        var selectors = new KeyValuePair<string, string>[] { new("CreationClassName", ServiceClass) };
        var output = await _session.Client.InvokeAsync(WmiNamespace.ClassUri(_session.Namespace, ServiceClass), method, selectors,
            parameters, _trace, cancellationToken).ConfigureAwait(false);

        var what = $"{DomainStateChange.Verb(context.Operation)} domain '{context.DomainName}' on {context.ComputerName}";
        if (output.GetUInt64("ReturnValue") is not { } returned)
        {
            throw new HvSettingsException(SettingsFailure.InvalidResponse, context.DomainName, context.DomainUuid,
                $"Could not {what}: Could not get return value for {method} invocation.");
        }
        var code = returned > uint.MaxValue ? uint.MaxValue : (uint)returned;
        if (code == ReturnCodes.Completed)
        {
            return;
        }
        if (code != ReturnCodes.TransitionStarted)
        {
            throw new HvSettingsException(SettingsFailure.HostRefused, context.DomainName, context.DomainUuid,
                string.Create(CultureInfo.InvariantCulture, $"Could not {what}: Invocation of {method} returned an error: {ReturnCodes.ToText(code)} ({code})."),
                code, RecommendedAction(code));
        }

        var jobId = output.GetReference("Job")?.GetSelector("InstanceID")
            ?? throw new HvSettingsException(SettingsFailure.InvalidResponse, context.DomainName, context.DomainUuid,
                $"Could not {what}: Could not get instance ID for {method} invocation. The change may still be under way; check it with Get-HvDomain -Detailed.");
        onJobStatus?.Invoke(JobStatus.Started(jobId));
        var waiter = new JobWaiter(ReadJobAsync);
        await waiter.WaitAsync(jobId, context, timeout, onJobStatus, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CimObject?> ReadJobAsync(string instanceId, CancellationToken cancellationToken)
    {
        await foreach (var job in _session.QueryAsync(JobQuery.ByInstanceId(instanceId), null, _trace, cancellationToken).ConfigureAwait(false))
        {
            return job;
        }
        return null;
    }

    private static string? RecommendedAction(uint code) => code switch
    {
        32775 => "Stop the domain (Stop-HvDomain) and try again, or turn on dynamic memory for memory changes while it runs.",
        32774 => "Another operation is running on the domain; wait for it to finish and try again.",
        32773 => "Check the value against the host's limits (memory in 2 MiB steps, virtual processors up to the host's maximum).",
        _ => null,
    };
}
