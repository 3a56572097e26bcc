using System.Globalization;

namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// Msvm_VirtualSystemSnapshotService (Microsoft's class documentation for root/virtualization/v2): CreateSnapshot,
/// ApplySnapshot, DestroySnapshot and DestroySnapshotTree, each answering 4096 with a job, editing the VM's snapshot
/// tree at once (the job then only runs its course, so a query after the call already sees the new tree).
/// </summary>
/// <remarks>
/// Misuse answers as Hyper-V does: a reference to no snapshot (or to a VM that is not there) is WMI's "not found"
/// fault; an input that is missing or names another class is 32773 Invalid parameter; applying a snapshot while the VM
/// runs or pauses (Hyper-V wants it off or saved), or any call while another job works on the VM, is 32775 Invalid state.
/// </remarks>
public sealed partial class SimulatedHost
{
    private const string SnapshotServiceClass = "Msvm_VirtualSystemSnapshotService";

    // Msvm_VirtualSystemSnapshotService.CreateSnapshot's SnapshotType: 2 is a full snapshot, the only kind taken here.
    private const string FullSnapshot = "2";

    private MethodResult InvokeSnapshotService(HostNamespace ns, string methodName, IReadOnlyList<KeyValuePair<string, object?>> inputs)
    {
        if (ns.IsV1)
        {
            throw new CimException(CimErrorKind.InvalidMethod, $"The method '{methodName}' is not supported by {SnapshotServiceClass}.");
        }

        lock (_stateGate)
        {
            var tree = new SnapshotTreeEditor(ns, _publisher.SnapshotFactory(ns));
            return methodName.ToUpperInvariant() switch
            {
                "CREATESNAPSHOT" => CreateSnapshot(ns, tree, inputs),
                "APPLYSNAPSHOT" => ChangeSnapshots(ns, tree, inputs, "Snapshot", (vm, snapshot) =>
                    vm.State is EnabledStates.Disabled or EnabledStates.EnabledButOffline
                        ? tree.Apply(vm, snapshot) ? EnabledStates.EnabledButOffline : EnabledStates.Disabled
                        : null),
                "DESTROYSNAPSHOT" => ChangeSnapshots(ns, tree, inputs, "AffectedSnapshot", (vm, snapshot) =>
                {
                    tree.Destroy(vm, snapshot);
                    return vm.State;
                }),
                "DESTROYSNAPSHOTTREE" => ChangeSnapshots(ns, tree, inputs, "SnapshotSettingData", (vm, snapshot) =>
                {
                    tree.DestroyTree(vm, snapshot);
                    return vm.State;
                }),
                _ => throw new CimException(CimErrorKind.InvalidMethod, $"The method '{methodName}' is not supported by {SnapshotServiceClass}."),
            };
        }
    }

    // Caller holds _stateGate.
    private MethodResult CreateSnapshot(HostNamespace ns, SnapshotTreeEditor tree, IReadOnlyList<KeyValuePair<string, object?>> inputs)
    {
        if (InputText(inputs, "SnapshotType") is { } type && type.Trim() != FullSnapshot)
        {
            return new MethodResult(StateTransitions.InvalidParameter, []);
        }

        if (InputValues(inputs, "AffectedSystem") is not [CimReference affected] || !IsClass(affected, "Msvm_ComputerSystem"))
        {
            return new MethodResult(StateTransitions.InvalidParameter, []);
        }

        var name = affected.Selectors.FirstOrDefault(s => string.Equals(s.Key, "Name", StringComparison.OrdinalIgnoreCase)).Value;
        if (name is null || !_vms.TryGetValue(name.Trim(), out var vm))
        {
            throw new CimException(CimErrorKind.NotFound, "The virtual machine named by AffectedSystem does not exist.");
        }

        if (vm.ActiveJob is not null)
        {
            return new MethodResult(StateTransitions.InvalidState(false), []);
        }

        var now = Settings.Clock.GetUtcNow();
        // Hyper-V's default checkpoint name: "<VM name> - (<date> - <time>)", in the host's culture (en-US here).
        var snapshotName = vm.Spec.Name + " - (" + now.ToString("M/d/yyyy - h:mm:ss tt", CultureInfo.InvariantCulture) + ")";
        var created = tree.Create(vm, snapshotName, now, withMemory: vm.State != EnabledStates.Disabled);
        var job = StartJob(ns, vm, null, vm.State, vm.State);
        return new MethodResult(StateTransitions.JobStarted, [new("Job", job), new("ResultingSnapshot", InstanceKeys.ReferenceTo(created))]);
    }

    // Caller holds _stateGate. change edits the tree and gives the VM's state after the job, or null to refuse (Invalid state).
    private MethodResult ChangeSnapshots(HostNamespace ns, SnapshotTreeEditor tree, IReadOnlyList<KeyValuePair<string, object?>> inputs, string parameter,
        Func<VmRecord, CimInstance, ushort?> change)
    {
        if (InputValues(inputs, parameter) is not [CimReference reference] || !IsClass(reference, SystemSettingsClass))
        {
            return new MethodResult(StateTransitions.InvalidParameter, []);
        }

        var snapshot = tree.Find(reference);
        if (snapshot is null || !_vms.TryGetValue(((string)snapshot["VirtualSystemIdentifier"]!).ToLowerInvariant(), out var vm))
        {
            throw new CimException(CimErrorKind.NotFound, "The snapshot named by " + parameter + " does not exist.");
        }

        if (vm.ActiveJob is not null)
        {
            return new MethodResult(StateTransitions.InvalidState(false), []);
        }

        var during = vm.State;
        if (change(vm, snapshot) is not { } final)
        {
            return new MethodResult(StateTransitions.InvalidState(false), []);
        }

        return new MethodResult(StateTransitions.JobStarted, [new("Job", StartJob(ns, vm, null, during, final))]);
    }

    private static bool IsClass(CimReference reference, string className) =>
        string.Equals(reference.ResourceUri[(reference.ResourceUri.LastIndexOf('/') + 1)..], className, StringComparison.OrdinalIgnoreCase);
}
