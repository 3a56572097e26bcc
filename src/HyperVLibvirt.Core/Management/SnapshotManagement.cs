using System.Globalization;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Lifecycle;
using HyperVLibvirt.Core.Snapshots;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Management;

/// <summary>
/// Takes, applies and destroys snapshots (Hyper-V checkpoints) through Msvm_VirtualSystemSnapshotService
/// (Microsoft's class documentation for root/virtualization/v2): CreateSnapshot with SnapshotType 2 (a full snapshot),
/// ApplySnapshot, DestroySnapshot and DestroySnapshotTree, each a job. libvirt's Hyper-V driver has none of these;
/// the results are read back through <see cref="SnapshotService"/>, so they are the objects Get-HvDomainSnapshot writes.
/// </summary>
public sealed class SnapshotManagement
{
    private const string ServiceClass = "Msvm_VirtualSystemSnapshotService";
    private const string ComputerSystemClass = "Msvm_ComputerSystem";
    private const string SettingsClass = "Msvm_VirtualSystemSettingData";
    private const string ManagementServiceClass = "Msvm_VirtualSystemManagementService";

    // CreateSnapshot's SnapshotType: 2 is a full snapshot (a standard checkpoint, with memory when the VM runs).
    private const string FullSnapshot = "2";

    private readonly HvConnection _session;
    private readonly ServiceMethod _service;
    private readonly ServiceMethod _management;
    private readonly DomainService _domains;
    private readonly SnapshotService _snapshots;
    private readonly IOperationGate? _gate;
    private readonly SnapshotHostReads? _reads;

    /// <summary>A service for <paramref name="session"/>, tracing to <paramref name="trace"/> (null: no trace).</summary>
    public SnapshotManagement(HvConnection session, IWsManTrace? trace)
        : this(session, trace, null)
    {
    }

    /// <summary>
    /// As above, sending every operation through <paramref name="gate"/> (a <see cref="SnapshotBatch"/>'s host lane; null: straight out)
    /// and reading domains and trees through <paramref name="reads"/>, which the host's other changes share (null: a read of its own each).
    /// </summary>
    internal SnapshotManagement(HvConnection session, IWsManTrace? trace, IOperationGate? gate, SnapshotHostReads? reads = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _gate = gate;
        _reads = reads;
        _service = new ServiceMethod(session, trace, ServiceClass, Refusal, gate);
        _management = new ServiceMethod(session, trace, ManagementServiceClass, Refusal, gate);
        _domains = new DomainService(session, trace);
        _snapshots = new SnapshotService(session, trace);
    }

    /// <summary>
    /// Takes a full snapshot of <paramref name="domain"/>; Hyper-V names it (<c>&lt;VM&gt; - (&lt;date&gt; - &lt;time&gt;)</c>) and makes it
    /// current. Returns it read back once the job is done, or null when not waiting.
    /// </summary>
    /// <exception cref="HvLifecycleException">The domain is gone, or the host refused.</exception>
    /// <exception cref="HvJobException">The job failed or outlasted the timeout.</exception>
    public Task<HvDomainSnapshot?> CreateAsync(HvDomain domain, StateChangeOptions? options, CancellationToken cancellationToken = default) =>
        CreateAsync(domain, null, options, cancellationToken);

    /// <summary>
    /// Takes a full snapshot of <paramref name="domain"/> and, when <paramref name="name"/> is given, names it as Hyper-V's
    /// Checkpoint-VM -SnapshotName does: ModifySystemSettings with the snapshot's InstanceID and the new ElementName, once the
    /// snapshot exists. Returns it read back once done, or null when not waiting (only without a name: renaming needs the snapshot).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, or given while the options do not wait.</exception>
    /// <exception cref="HvLifecycleException">The domain is gone, the host refused, or the rename failed (SnapshotRenameFailed: the snapshot
    /// exists with its default name).</exception>
    /// <exception cref="HvJobException">The job failed or outlasted the timeout.</exception>
    public async Task<HvDomainSnapshot?> CreateAsync(HvDomain domain, string? name, StateChangeOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domain);
        options ??= new StateChangeOptions();
        if (name is not null)
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            if (!options.WaitForCompletion)
            {
                throw new ArgumentException("A snapshot can be named only once it exists: wait for CreateSnapshot's job.", nameof(options));
            }
        }
        var current = await ReadDomainAsync(domain.Uuid, domain.Name, DomainOperation.CreateSnapshot, cancellationToken).ConfigureAwait(false);
        var context = Context(DomainOperation.CreateSnapshot, "CreateSnapshot", current);
        var affected = new EndpointReference(WmiNamespace.ClassUri(_session.Namespace, ComputerSystemClass),
            [new("CreationClassName", ComputerSystemClass), new("Name", current.GetRecord().UuidString)]);
        var (output, completed) = await _service.InvokeAsync("CreateSnapshot",
            [new("AffectedSystem", affected), new("SnapshotType", FullSnapshot)], context, options, cancellationToken).ConfigureAwait(false);
        if (!completed)
        {
            return null;
        }
        // Hyper-V may leave ResultingSnapshot empty when it answers with a job; the new snapshot is then the VM's current one.
        var created = output.GetReference("ResultingSnapshot")?.GetSelector("InstanceID");
        var tree = await ReadTreeAsync(current, cancellationToken).ConfigureAwait(false);
        var snapshot = Created(tree, created);
        if (name is null)
        {
            return snapshot;
        }
        await RenameAsync(current, snapshot, name, options, cancellationToken).ConfigureAwait(false);
        return Created(await ReadTreeAsync(current, cancellationToken).ConfigureAwait(false), snapshot!.InstanceId);
    }

    private static HvDomainSnapshot? Created(IReadOnlyList<HvDomainSnapshot> tree, string? instanceId) =>
        tree.FirstOrDefault(s => instanceId is not null && string.Equals(s.InstanceId, instanceId, StringComparison.OrdinalIgnoreCase))
        ?? tree.FirstOrDefault(s => s.IsCurrent);

    // Hyper-V's Checkpoint-VM -SnapshotName renames the new snapshot through Msvm_VirtualSystemManagementService.ModifySystemSettings
    // (Microsoft's class documentation): an embedded Msvm_VirtualSystemSettingData with the snapshot's InstanceID and ElementName.
    // The snapshot exists whatever happens here, so every failure says so and names it.
    private async Task RenameAsync(HvDomain domain, HvDomainSnapshot? snapshot, string name, StateChangeOptions options, CancellationToken cancellationToken)
    {
        if (snapshot is null)
        {
            throw RenameFailure(domain, null, name, "the new snapshot was not found when read back.", null);
        }
        var settings = new EmbeddedInstance(SettingsClass).Add("InstanceID", snapshot.InstanceId).Add("ElementName", name);
        try
        {
            await _management.InvokeAsync("ModifySystemSettings", [new("SystemSettings", settings)],
                Context(DomainOperation.CreateSnapshot, "ModifySystemSettings", domain), options, cancellationToken).ConfigureAwait(false);
        }
        catch (HvLifecycleException refused)
        {
            var detail = refused.ReturnValue is { } code
                ? string.Create(CultureInfo.InvariantCulture, $"ModifySystemSettings returned {ReturnCodes.ToText(code)} ({code}).")
                : "ModifySystemSettings gave no usable answer.";
            throw RenameFailure(domain, snapshot, name, detail, refused.ReturnValue);
        }
        catch (HvJobException job)
        {
            throw RenameFailure(domain, snapshot, name, job.Message, job.ErrorCode);
        }
        catch (WsManException wsman)
        {
            throw RenameFailure(domain, snapshot, name, wsman.Message, null);
        }
    }

    private HvLifecycleException RenameFailure(HvDomain domain, HvDomainSnapshot? snapshot, string name, string detail, uint? returnValue)
    {
        var which = snapshot is null ? "The snapshot" : $"Snapshot '{snapshot.Name}' ({snapshot.InstanceId})";
        return new HvLifecycleException(LifecycleFailure.SnapshotRenameFailed, DomainOperation.CreateSnapshot, domain.Name, domain.Uuid,
            $"{which} of domain '{domain.Name}' on {_session.ComputerName} was taken but could not be named '{name}': {detail} " +
            "The snapshot exists with its default name.", returnValue,
            recommendedAction: $"Run Get-HvDomainSnapshot -DomainName '{domain.Name}' to see it; rename it in Hyper-V Manager, or remove it with " +
            "Remove-HvDomainSnapshot and checkpoint again.");
    }

    /// <summary>
    /// Reverts the snapshot's domain to it (ApplySnapshot). Hyper-V applies a snapshot only to a VM that is off or saved;
    /// a running or paused one is refused here, before anything is sent. Returns the domain read back afterwards
    /// (saved when the snapshot holds memory, else off).
    /// </summary>
    /// <exception cref="HvLifecycleException">The domain runs (DomainAlreadyActive), the domain or snapshot is gone, or the host refused.</exception>
    /// <exception cref="HvJobException">The job failed or outlasted the timeout.</exception>
    public async Task<HvDomain> RevertAsync(HvDomainSnapshot snapshot, StateChangeOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        options ??= new StateChangeOptions();
        var domain = await ReadDomainAsync(snapshot.DomainUuid, snapshot.Domain, DomainOperation.RevertSnapshot, cancellationToken).ConfigureAwait(false);
        if (DomainStateChange.Check(DomainOperation.RevertSnapshot, domain.GetRecord()) is { } refusal)
        {
            throw new HvLifecycleException(refusal, DomainOperation.RevertSnapshot, domain.Name, domain.Uuid,
                $"Cannot revert domain '{domain.Name}' on {_session.ComputerName} to snapshot '{snapshot.Name}': it is {domain.HyperVState}, " +
                "and Hyper-V applies a snapshot only to a domain that is off or saved. Nothing was changed.",
                recommendedAction: $"Stop the domain first (Stop-HvDomain -Name '{domain.Name}', or Stop-HvDomain -Save), then revert.");
        }
        await DestroyOrApplyAsync(DomainOperation.RevertSnapshot, "ApplySnapshot", "Snapshot", snapshot, domain, options, cancellationToken).ConfigureAwait(false);
        return await ReadDomainAsync(domain.Uuid, domain.Name, DomainOperation.RevertSnapshot, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes the snapshot (DestroySnapshot: its children take its parent), or with <paramref name="includeChildren"/> it and
    /// every snapshot below it (DestroySnapshotTree). Returns whether the job is known to be done.
    /// </summary>
    /// <exception cref="HvLifecycleException">The domain or snapshot is gone, or the host refused.</exception>
    /// <exception cref="HvJobException">The job failed or outlasted the timeout.</exception>
    public async Task<bool> RemoveAsync(HvDomainSnapshot snapshot, bool includeChildren, StateChangeOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        options ??= new StateChangeOptions();
        var operation = includeChildren ? DomainOperation.DeleteSnapshotTree : DomainOperation.DeleteSnapshot;
        var domain = await ReadDomainAsync(snapshot.DomainUuid, snapshot.Domain, operation, cancellationToken).ConfigureAwait(false);
        return includeChildren
            ? await DestroyOrApplyAsync(operation, "DestroySnapshotTree", "SnapshotSettingData", snapshot, domain, options, cancellationToken).ConfigureAwait(false)
            : await DestroyOrApplyAsync(operation, "DestroySnapshot", "AffectedSnapshot", snapshot, domain, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The domain's snapshots as Get-HvDomainSnapshot reads them (tree order), for reading a change back.</summary>
    public async Task<IReadOnlyList<HvDomainSnapshot>> ReadTreeAsync(HvDomain domain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (_reads is not null)
        {
            return await _reads.ReadTreeAsync(domain, cancellationToken).ConfigureAwait(false);
        }
        var read = await RunAsync(token => _snapshots.GetSnapshotsAsync([domain], token), cancellationToken).ConfigureAwait(false);
        return read.Count == 0 ? [] : read[0].Snapshots;
    }

    /// <summary>The snapshot's domain read afresh (null when it is gone), for reading a change back.</summary>
    public Task<HvDomain?> ReadDomainAsync(HvDomainSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return ReadDomainAsync(snapshot.DomainUuid, cancellationToken);
    }

    private Task<HvDomain?> ReadDomainAsync(Guid uuid, CancellationToken cancellationToken) =>
        _reads is not null
            ? _reads.ReadDomainAsync(uuid, cancellationToken)
            : RunAsync(token => _domains.GetDomainAsync(uuid, detailed: false, token), cancellationToken);

    // One WS-Man operation (or a short fixed sequence), admitted by the batch's host lane when there is one.
    private Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken) =>
        _gate is null ? operation(cancellationToken) : _gate.RunAsync(operation, cancellationToken);

    private async Task<bool> DestroyOrApplyAsync(DomainOperation operation, string method, string parameter, HvDomainSnapshot snapshot, HvDomain domain,
        StateChangeOptions options, CancellationToken cancellationToken)
    {
        var reference = new EndpointReference(WmiNamespace.ClassUri(_session.Namespace, SettingsClass), [new("InstanceID", snapshot.InstanceId)]);
        try
        {
            var (_, completed) = await _service.InvokeAsync(method, [new(parameter, reference)], Context(operation, method, domain), options, cancellationToken)
                .ConfigureAwait(false);
            return completed;
        }
        // The snapshot is the method's one reference, so WMI's "not found" from inside the method is about it. Any other fault,
        // DestinationUnreachable included (the service not reached), surfaces as the fault it is.
        catch (WsManFaultException fault) when (MissingReferenceFault.Matches(fault.Fault))
        {
            throw new HvLifecycleException(LifecycleFailure.SnapshotNotFound, operation, domain.Name, domain.Uuid,
                $"Could not {DomainStateChange.Verb(operation)} domain '{domain.Name}' on {_session.ComputerName}: snapshot '{snapshot.Name}' " +
                $"({snapshot.InstanceId}) is no longer on the host. Nothing was changed.",
                recommendedAction: $"Run Get-HvDomainSnapshot -DomainName '{domain.Name}' to see its snapshots now.");
        }
    }

    private async Task<HvDomain> ReadDomainAsync(Guid uuid, string name, DomainOperation operation, CancellationToken cancellationToken)
    {
        _session.ThrowIfClosed();
        if (_session.WmiApi != WmiApi.V2)
        {
            throw new HvHostException($"{_session.ComputerName} offers only the root/virtualization (v1) WMI namespace of Windows Server 2008 and 2008 R2; " +
                "snapshots are managed through root/virtualization/v2 (Windows Server 2012 and later). Use Hyper-V Manager on that host.");
        }
        return await ReadDomainAsync(uuid, cancellationToken).ConfigureAwait(false)
            ?? throw new HvLifecycleException(LifecycleFailure.DomainNotFound, operation, name, uuid,
                $"Cannot {DomainStateChange.Verb(operation)} domain '{name}' on {_session.ComputerName}: No domain with UUID {uuid:D}.");
    }

    // A snapshot service's failure as the lifecycle's refusal (InvalidResponse or StateChangeFailed), as the snapshot cmdlets report it.
    private static HvLifecycleException Refusal(ServiceMethodFailure failure)
    {
        var (reason, detail) = failure.Fault switch
        {
            ServiceMethodFault.NoReturnValue => (LifecycleFailure.InvalidResponse, $"Could not lookup ReturnValue for {failure.Method} invocation."),
            ServiceMethodFault.NoJobInstance => (LifecycleFailure.InvalidResponse, $"Could not lookup InstanceID for {failure.Method} invocation."),
            _ => (LifecycleFailure.StateChangeFailed, string.Create(CultureInfo.InvariantCulture,
                $"Invocation of {failure.Method} returned an error: {ReturnCodes.ToText(failure.ReturnValue ?? 0)} ({failure.ReturnValue})")),
        };
        var context = failure.Context;
        return new HvLifecycleException(reason, context.Operation, context.DomainName, context.DomainUuid,
            $"Could not {DomainStateChange.Verb(context.Operation)} domain '{context.DomainName}' on {context.ComputerName}: {detail}", failure.ReturnValue);
    }

    private JobContext Context(DomainOperation operation, string method, HvDomain domain) =>
        new(operation, method, domain.Name, domain.Uuid, _session.ComputerName);
}
