namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// Msvm_VirtualSystemManagementService.AddResourceSettings and RemoveResourceSettings (v2), as libvirt's hyperv_driver.c
/// attaches storage, controllers and network adapters: <c>AffectedConfiguration</c> is a reference to a VM's realized
/// Msvm_VirtualSystemSettingData, <c>ResourceSettings</c> embedded device settings (add) or references to them
/// (remove). Every change of a call is checked before any is made (<see cref="DeviceEditor"/> has the rules); the call
/// answers 4096 with a job complete by the first poll, and AddResourceSettings one reference per input in
/// <c>ResultingResourceSettings</c>. An image file the host does not have fails the JOB (JobState 10, ErrorCode 32768,
/// an ErrorDescription naming the file) and changes nothing, as a real host reports a missing file from the job.
/// </summary>
public sealed partial class SimulatedHost
{
    private MethodResult AddResourceSettings(HostNamespace ns, IReadOnlyList<KeyValuePair<string, object?>> inputs)
    {
        var instances = Many(Input(inputs, "ResourceSettings")).Select(t => EmbeddedInstanceText.Parse("ResourceSettings", t)).ToArray();
        if (instances.Length == 0 || Input(inputs, "AffectedConfiguration") is not CimReference affected
            || !affected.ResourceUri.EndsWith("/Msvm_VirtualSystemSettingData", StringComparison.OrdinalIgnoreCase))
        {
            return new MethodResult(StateTransitions.InvalidParameter, []);
        }

        ns.LoadDeferred();
        lock (_stateGate)
        {
            var instanceId = affected.Selectors.FirstOrDefault(s => string.Equals(s.Key, "InstanceID", StringComparison.OrdinalIgnoreCase)).Value;
            if (FindSetting(ns, "Msvm_VirtualSystemSettingData", instanceId) is not var (vm, _) || DeviceEditorFor(ns, vm) is not { } editor)
            {
                return new MethodResult(StateTransitions.InvalidParameter, []);
            }

            if (vm.ActiveJob is not null)
            {
                return new MethodResult(SettingsSystemInUse, []);
            }

            if (vm.State == EnabledStates.EnabledButOffline)
            {
                // A saved VM's hardware is fixed until its saved state is started or deleted.
                return new MethodResult(StateTransitions.InvalidStateV2, []);
            }

            var resulting = new List<object>(instances.Length);
            foreach (var instance in instances)
            {
                var (code, className, id) = editor.Add(instance);
                if (code != StateTransitions.Completed)
                {
                    return new MethodResult(code, []);
                }

                resulting.Add(new CimReference(ns.Required(className!).Class.ResourceUri, [new("InstanceID", id!)]));
            }

            var now = Settings.Clock.GetUtcNow();
            if (editor.MissingFile is { } missing)
            {
                var failure = $"Failed to add the image '{missing}': the host has no such file (simulated failure).";
                return new MethodResult(StateTransitions.JobStarted, [new("Job", StartSettingsJob(ns, vm, now, failure)), new("ResultingResourceSettings", null)]);
            }

            ApplyLayout(ns, vm, editor.Layout, now);
            return new MethodResult(StateTransitions.JobStarted, [new("Job", StartSettingsJob(ns, vm, now)), new("ResultingResourceSettings", resulting)]);
        }
    }

    private MethodResult RemoveResourceSettings(HostNamespace ns, IReadOnlyList<KeyValuePair<string, object?>> inputs)
    {
        var references = Many(Input(inputs, "ResourceSettings"));
        if (references.Count == 0 || references.Any(r => r is not CimReference))
        {
            return new MethodResult(StateTransitions.InvalidParameter, []);
        }

        ns.LoadDeferred();
        lock (_stateGate)
        {
            var editors = new Dictionary<VmRecord, DeviceEditor>();
            foreach (CimReference reference in references)
            {
                var instanceId = reference.Selectors.FirstOrDefault(s => string.Equals(s.Key, "InstanceID", StringComparison.OrdinalIgnoreCase)).Value;
                var vmId = instanceId is not null && instanceId.StartsWith("Microsoft:", StringComparison.OrdinalIgnoreCase) ? instanceId["Microsoft:".Length..].Split('\\')[0] : null;
                if (vmId is null || !_vms.TryGetValue(vmId, out var vm))
                {
                    return new MethodResult(StateTransitions.InvalidParameter, []);
                }

                if (vm.ActiveJob is not null)
                {
                    return new MethodResult(SettingsSystemInUse, []);
                }

                if (vm.State == EnabledStates.EnabledButOffline)
                {
                    return new MethodResult(StateTransitions.InvalidStateV2, []);
                }

                if (!editors.TryGetValue(vm, out var editor))
                {
                    if (DeviceEditorFor(ns, vm) is not { } made)
                    {
                        return new MethodResult(StateTransitions.InvalidParameter, []);
                    }

                    editors[vm] = editor = made;
                }

                var code = editor.Remove(instanceId!);
                if (code != StateTransitions.Completed)
                {
                    return new MethodResult(code, []);
                }
            }

            var now = Settings.Clock.GetUtcNow();
            foreach (var (vm, editor) in editors)
            {
                ApplyLayout(ns, vm, editor.Layout, now);
            }

            return new MethodResult(StateTransitions.JobStarted, [new("Job", StartSettingsJob(ns, editors.Keys.First(), now))]);
        }
    }

    // An editor over a VM's devices as published. Caller holds _stateGate; the devices are built (LoadDeferred).
    private DeviceEditor? DeviceEditorFor(HostNamespace ns, VmRecord vm)
    {
        if (_publisher.DevicesOf(ns) is not { } devices || devices.LayoutOf(vm) is not { } layout)
        {
            return null;
        }

        var busy = devices.PassThroughDisksInUse();
        return new DeviceEditor(vm, layout, devices.Switches, devices.HostDisks, busy, Files.Exists);
    }

    // The VM keeps its hardware as an explicit layout from now on; its device settings are rebuilt from it.
    private void ApplyLayout(HostNamespace ns, VmRecord vm, VmDeviceLayout layout, DateTimeOffset now)
    {
        vm.Spec = vm.Spec with { Devices = layout };
        _publisher.DevicesOf(ns)!.Republish(vm, layout, now);
    }

    private static IReadOnlyList<object> Many(object? value) => value switch
    {
        null => [],
        IReadOnlyList<object> many => many,
        var one => [one],
    };
}
