namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// Msvm_VirtualSystemManagementService.DestroySystem, as libvirt's hypervDomainUndefineFlags (src/hyperv/hyperv_driver.c)
/// calls it: the EPR parameter <c>AffectedSystem</c> names a VM's Msvm_ComputerSystem. A VM that is off or saved is
/// removed with everything that names it (settings, devices, snapshots, associations, jobs), answered with 0; an active
/// VM or one with a job running is refused with 32775 (invalid state), a reference to no VM with 32773, as Microsoft's
/// DestroySystem page lists the codes.
/// </summary>
public sealed partial class SimulatedHost
{
    private MethodResult DestroySystem(HostNamespace ns, IReadOnlyList<KeyValuePair<string, object?>> inputs)
    {
        if (Input(inputs, "AffectedSystem") is not CimReference affected
            || !affected.ResourceUri.EndsWith("/Msvm_ComputerSystem", StringComparison.OrdinalIgnoreCase)
            || affected.Selectors.FirstOrDefault(s => string.Equals(s.Key, "Name", StringComparison.OrdinalIgnoreCase)).Value is not { } name)
        {
            return new MethodResult(StateTransitions.InvalidParameter, []);
        }

        lock (_stateGate)
        {
            if (!_vms.TryGetValue(name, out var vm))
            {
                return new MethodResult(StateTransitions.InvalidParameter, []);
            }

            if (vm.ActiveJob is not null || (vm.State != EnabledStates.Disabled && vm.State != EnabledStates.EnabledButOffline))
            {
                return new MethodResult(StateTransitions.InvalidStateV2, []);
            }

            foreach (var each in _namespaces.Values.Where(n => n.IsVirtualization))
            {
                RemoveEverythingOf(each, vm);
                _publisher.DevicesOf(each)?.Forget(vm);
            }

            _vms.Remove(vm.Name);
            _guestBoots.RemoveAll(b => b.Vm == vm);
            Volatile.Write(ref _guestBootCount, _guestBoots.Count);
            for (var i = _jobs.Count - 1; i >= 0; i--)
            {
                if (_jobs[i].Vm == vm)
                {
                    _jobs.RemoveAt(i);
                }
            }

            Volatile.Write(ref _jobCount, _jobs.Count);
            return new MethodResult(StateTransitions.Completed, [new("Job", null)]);
        }
    }

    // Every instance that names the VM or one of its snapshots (by GUID, in any value or reference) goes.
    private static void RemoveEverythingOf(HostNamespace ns, VmRecord vm)
    {
        ns.LoadDeferred();
        var ids = new List<string> { vm.Name };
        if (ns.Table("Msvm_VirtualSystemSettingData") is { } settings)
        {
            foreach (var s in settings.Items)
            {
                if (Names(s, [vm.Name]) && s["InstanceID"] is string id && id.StartsWith("Microsoft:", StringComparison.OrdinalIgnoreCase))
                {
                    ids.Add(id["Microsoft:".Length..].Split('\\')[0]);
                }
            }
        }

        foreach (var table in ns.Tables.ToArray())
        {
            foreach (var instance in table.Items.Where(i => Names(i, ids)).ToArray())
            {
                if (Enumerable.Range(0, instance.Class.Properties.Count).Any(p => instance.GetValue(p) is CimReference))
                {
                    ns.RemoveAssociation(instance);
                }
                else
                {
                    table.Remove(instance);
                }
            }
        }
    }

    private static bool Names(CimInstance instance, IReadOnlyList<string> ids)
    {
        for (var i = 0; i < instance.Class.Properties.Count; i++)
        {
            var found = instance.GetValue(i) switch
            {
                string text => Contains(text, ids),
                CimReference reference => reference.Selectors.Any(s => Contains(s.Value, ids)),
                IReadOnlyList<object> items => items.Any(item => item is string text && Contains(text, ids)),
                _ => false,
            };
            if (found)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Contains(string text, IReadOnlyList<string> ids) =>
        ids.Any(id => text.Contains(id, StringComparison.OrdinalIgnoreCase));
}
