using System.Globalization;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Lifecycle;

/// <summary>
/// Changes one domain's state through one session, as libvirt's hypervDomainCreate, hypervDomainShutdown,
/// hypervDomainDestroy, hypervDomainManagedSave, hypervDomainSuspend and hypervDomainResume
/// (src/hyperv/hyperv_driver.c) do: Msvm_ComputerSystem.RequestStateChange, or
/// Msvm_ShutdownComponent.InitiateShutdown, then the job. It calls only downward (domain service, session, WS-Man).
/// </summary>
public sealed class DomainLifecycle
{
    private const string ComputerSystemClass = "Msvm_ComputerSystem";
    private const string ShutdownComponentClass = "Msvm_ShutdownComponent";

    private readonly HvConnection _session;
    private readonly IWsManTrace? _trace;
    private readonly DomainService _domains;
    private readonly IOperationGate _gate;

    /// <summary>A service for <paramref name="session"/>, tracing to <paramref name="trace"/> (null: no trace).</summary>
    public DomainLifecycle(HvConnection session, IWsManTrace? trace)
        : this(session, trace, null)
    {
    }

    /// <summary>As above, sending every operation through <paramref name="gate"/> (null: straight through).</summary>
    internal DomainLifecycle(HvConnection session, IWsManTrace? trace, IOperationGate? gate)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _trace = trace;
        _domains = new DomainService(session, trace);
        _gate = gate ?? new DirectGate(_domains);
    }

    private string ComputerName => _session.ComputerName;

    private string Namespace => _session.Namespace;

    /// <summary>
    /// Carries out a lifecycle operation as libvirt does: reads the domain afresh, checks
    /// libvirt's precondition (nothing is sent when it fails), invokes RequestStateChange (or
    /// InitiateShutdown), waits for the job unless told not to, and reads the domain again.
    /// </summary>
    /// <exception cref="HvLifecycleException">Refused by the precondition, by the host's return code, or the domain is gone.</exception>
    /// <exception cref="HvJobException">The job failed, vanished, or outlasted <see cref="StateChangeOptions.Timeout"/>.</exception>
    public async Task<DomainStateChangeResult> ChangeStateAsync(HvDomain domain, DomainOperation operation, StateChangeOptions? options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (!DomainStateChange.IsStateChange(operation))
        {
            throw new ArgumentException($"{operation} is a snapshot operation; use SnapshotManagement.", nameof(operation));
        }
        if (domain.ConnectionId != _session.Id)
        {
            throw new ArgumentException($"Domain '{domain.Name}' was read through another connection than {_session.Uri}.", nameof(domain));
        }
        _session.ThrowIfClosed();
        options ??= new StateChangeOptions();
        var detailed = domain.IsDetailed;
        var current = await _gate.RunAsync(token => _domains.GetDomainAsync(domain.Uuid, detailed: false, token), cancellationToken).ConfigureAwait(false)
            ?? throw DomainGone(domain, operation);

        if (DomainStateChange.Check(operation, current.GetRecord()) is { } refusal)
        {
            throw new HvLifecycleException(refusal, operation, current.Name, current.Uuid,
                string.Create(CultureInfo.InvariantCulture,
                    $"Cannot {DomainStateChange.Verb(operation)} domain '{current.Name}' on {ComputerName}: " +
                    $"{DomainStateChange.LibvirtText(operation, refusal)} (it is {current.HyperVState}; {DomainStateChange.Requirement(refusal)}). Nothing was changed."));
        }

        var context = new JobContext(operation, DomainStateChange.MethodName(operation), current.Name, current.Uuid, ComputerName);
        CimObject output;
        try
        {
            output = operation == DomainOperation.Shutdown
                ? await _gate.RunAsync(token => InvokeShutdownAsync(current, options, token), cancellationToken).ConfigureAwait(false)
                : await _gate.RunAsync(token => InvokeRequestStateChangeAsync(current, DomainStateChange.RequestedState(operation, _session.WmiApi)!.Value, token),
                    cancellationToken).ConfigureAwait(false);
        }
        catch (WsManException e) when (MayHaveBeenApplied(e, context) is { } unsure)
        {
            throw unsure;
        }

        var jobId = ReadJobInstanceId(output, context);
        if (jobId is not null)
        {
            options.OnJobStatus?.Invoke(JobStatus.Started(jobId));
        }

        var completed = jobId is null && operation != DomainOperation.Shutdown;
        if (options.WaitForCompletion)
        {
            var waiter = new JobWaiter(_gate.ReadJobAsync, options.Backoff);
            if (jobId is not null)
            {
                await waiter.WaitAsync(jobId, context, options.Timeout, options.OnJobStatus, cancellationToken).ConfigureAwait(false);
            }
            else if (operation == DomainOperation.Shutdown)
            {
                // InitiateShutdown may return 0 and leave the rest to the guest: wait until the VM is off.
                await WaitForGuestShutdownAsync(waiter, current, context, options.Timeout, cancellationToken).ConfigureAwait(false);
            }
            completed = true;
        }

        var after = await _gate.RunAsync(token => _domains.GetDomainAsync(current.Uuid, detailed, token), cancellationToken).ConfigureAwait(false)
            ?? throw DomainGone(current, operation);
        return new DomainStateChangeResult(after, jobId, completed);
    }

    /// <summary>
    /// A connection lost or timed out after the request went out: the host may have acted on it, so "retry"
    /// alone would be wrong advice. The same exception type (and so the same error id), with a message that says so.
    /// </summary>
    private static WsManException? MayHaveBeenApplied(WsManException e, JobContext context)
    {
        var message = string.Create(CultureInfo.InvariantCulture,
            $"{e.Message} The {context.MethodName} request for domain '{context.DomainName}' may already have been applied by the host: " +
            $"check the domain with Get-HvDomain -Uuid {context.DomainUuid:D} before trying again.");
        return e switch
        {
            WsManConnectionException { Failure: WsManConnectionFailure.Reset } c => new WsManConnectionException(c.Failure, message, c.Host, c.Port, c),
            WsManTimeoutException { DuringConnect: false } t => new WsManTimeoutException(false, t.Timeout, message, t.Host, t.Port, t),
            _ => null,
        };
    }

    private Task<CimObject> InvokeRequestStateChangeAsync(HvDomain domain, ushort requestedState, CancellationToken cancellationToken)
    {
        // Exactly libvirt's call: selectors Name then CreationClassName, one input, no TimeoutPeriod.
        var selectors = new KeyValuePair<string, string>[]
        {
            new("Name", domain.GetRecord().UuidString),
            new("CreationClassName", ComputerSystemClass),
        };
        var parameters = new KeyValuePair<string, object?>[]
        {
            new("RequestedState", requestedState.ToString(CultureInfo.InvariantCulture)),
        };
        return _session.Client.InvokeAsync(WmiNamespace.ClassUri(Namespace, ComputerSystemClass), "RequestStateChange", selectors, parameters, _trace,
            cancellationToken);
    }

    private async Task<CimObject> InvokeShutdownAsync(HvDomain domain, StateChangeOptions options, CancellationToken cancellationToken)
    {
        var component = await _domains.FirstAsync(
            "SELECT * FROM " + ShutdownComponentClass + " WHERE SystemName = " + WqlEscape.Quoted(domain.GetRecord().UuidString), cancellationToken)
            .ConfigureAwait(false);
        if (component is null)
        {
            throw new HvLifecycleException(LifecycleFailure.NoShutdownComponent, DomainOperation.Shutdown, domain.Name, domain.Uuid,
                $"Cannot shut down domain '{domain.Name}' on {ComputerName}: it has no shutdown integration service " +
                $"(Could not get Msvm_ShutdownComponent for domain with UUID '{domain.GetRecord().UuidString}'). Nothing was changed.",
                recommendedAction: "Enable the guest's Shutdown integration service, or power the domain off with Stop-HvDomain -TurnOff.");
        }

        var selectors = new KeyValuePair<string, string>[]
        {
            new("CreationClassName", component.GetString("CreationClassName") ?? ShutdownComponentClass),
            new("DeviceID", component.GetString("DeviceID") ?? string.Empty),
            new("SystemCreationClassName", component.GetString("SystemCreationClassName") ?? ComputerSystemClass),
            new("SystemName", component.GetString("SystemName") ?? domain.GetRecord().UuidString),
        };
        var parameters = new KeyValuePair<string, object?>[]
        {
            new("Force", options.ForceShutdown ? "true" : "false"),
            new("Reason", options.ShutdownReason),
        };
        return await _session.Client.InvokeAsync(WmiNamespace.ClassUri(Namespace, ShutdownComponentClass), "InitiateShutdown", selectors, parameters,
            _trace, cancellationToken).ConfigureAwait(false);
    }

    // The job's InstanceID for a 4096, null for a 0; any other code is the host's refusal.
    private static string? ReadJobInstanceId(CimObject output, JobContext context)
    {
        var method = context.MethodName;
        if (output.GetUInt64("ReturnValue") is not { } returned)
        {
            throw new HvLifecycleException(LifecycleFailure.InvalidResponse, context.Operation, context.DomainName, context.DomainUuid,
                $"Could not {DomainStateChange.Verb(context.Operation)} domain '{context.DomainName}' on {context.ComputerName}: " +
                $"Could not lookup ReturnValue for {method} invocation.");
        }
        var code = returned > uint.MaxValue ? uint.MaxValue : (uint)returned;
        if (code == ReturnCodes.Completed)
        {
            return null;
        }
        if (code == ReturnCodes.TransitionStarted)
        {
            return output.GetReference("Job")?.GetSelector("InstanceID")
                ?? throw new HvLifecycleException(LifecycleFailure.InvalidResponse, context.Operation, context.DomainName, context.DomainUuid,
                    $"Could not {DomainStateChange.Verb(context.Operation)} domain '{context.DomainName}' on {context.ComputerName}: " +
                    $"Could not lookup InstanceID for {method} invocation. The change may still be under way; check it with Get-HvDomain.");
        }
        throw new HvLifecycleException(LifecycleFailure.StateChangeFailed, context.Operation, context.DomainName, context.DomainUuid,
            string.Create(CultureInfo.InvariantCulture,
                $"Could not {DomainStateChange.Verb(context.Operation)} domain '{context.DomainName}' on {context.ComputerName}: " +
                $"Invocation of {method} returned an error: {ReturnCodes.ToText(code)} ({code})"),
            code);
    }

    private async Task WaitForGuestShutdownAsync(JobWaiter waiter, HvDomain domain, JobContext context, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var off = await waiter.PollUntilAsync(
            token => _gate.RunAsync(t => _domains.GetDomainAsync(domain.Uuid, detailed: false, t), token),
            (now, _) => now is null || now.EnabledState == EnabledStates.Disabled,
            timeout, cancellationToken).ConfigureAwait(false);
        if (!off)
        {
            throw new HvJobException(JobFailure.TimedOut, context, null, null, timeout);
        }
    }

    private HvLifecycleException DomainGone(HvDomain domain, DomainOperation operation) =>
        new(LifecycleFailure.DomainNotFound, operation, domain.Name, domain.Uuid,
            $"Cannot {DomainStateChange.Verb(operation)} domain '{domain.Name}' on {ComputerName}: No domain with UUID {domain.GetRecord().UuidString}.");

    // Alone: every operation goes out at once, and each job is read by its own query.
    private sealed class DirectGate(DomainService domains) : IOperationGate
    {
        public Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken) => operation(cancellationToken);

        public Task<CimObject?> ReadJobAsync(string instanceId, CancellationToken cancellationToken) =>
            domains.FirstAsync(JobQuery.ByInstanceId(instanceId), cancellationToken);
    }
}
