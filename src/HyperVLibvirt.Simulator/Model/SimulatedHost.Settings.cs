using System.Globalization;

namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// Msvm_VirtualSystemManagementService.ModifyResourceSettings (memory and processor settings) and ModifySystemSettings
/// (AutomaticStartupAction), as libvirt's domainSetMemory, domainSetMaxMemory, domainSetVcpus and domainSetAutostart
/// call them (src/hyperv/hyperv_driver.c). The settings arrive as embedded CIM-XML instances naming an existing
/// InstanceID; the change is applied at once, ModifyResourceSettings answers 4096 with a job that is complete by the first
/// poll (0 when nothing changes), ModifySystemSettings answers 0, and a refusal comes with the method's documented
/// return code (Microsoft's ModifyResourceSettings / ModifySystemSettings pages): 32773 invalid parameter,
/// 32774 system in use, 32775 invalid state, 32770 a property the simulator does not change.
/// </summary>
public sealed partial class SimulatedHost
{
    /// <summary>Hyper-V's smallest startup memory, in MB.</summary>
    public const ulong MinimumMemoryMB = 32;

    /// <summary>The largest memory a VM may be given, in MB: the host's memory (the simulator's choice; Hyper-V's own per-VM limit is higher).</summary>
    public const ulong MaximumMemoryMB = HostInstanceFactory.TotalPhysicalMemoryBytes >> 20;

    /// <summary>
    /// The one rule for a memory amount (startup, VirtualQuantity, or maximum, Limit) in MB: a multiple of 2 MB (Hyper-V
    /// takes memory in 2 MB steps), from 32 MB to the host's memory; otherwise 32773.
    /// </summary>
    public static bool IsValidMemoryMB(ulong mb) => mb % 2 == 0 && mb >= MinimumMemoryMB && mb <= MaximumMemoryMB;

    private const uint SettingsNotSupported = 32770;
    private const uint SettingsSystemInUse = 32774;

    private Func<HostNamespace, IReadOnlyList<KeyValuePair<string, object?>>, MethodResult>? SettingsMethod(string methodName) =>
        methodName.ToUpperInvariant() switch
        {
            "MODIFYRESOURCESETTINGS" => ModifyResourceSettings,
            "MODIFYSYSTEMSETTINGS" => ModifySystemSettings,
            "DESTROYSYSTEM" => DestroySystem,
            "DEFINESYSTEM" => DefineSystem,
            "ADDRESOURCESETTINGS" => AddResourceSettings,
            "REMOVERESOURCESETTINGS" => RemoveResourceSettings,
            _ => null,
        };

    private MethodResult ModifyResourceSettings(HostNamespace ns, IReadOnlyList<KeyValuePair<string, object?>> inputs)
    {
        var texts = Input(inputs, "ResourceSettings") switch
        {
            null => [],
            IReadOnlyList<object> many => many,
            var one => [one],
        };
        if (texts.Count == 0)
        {
            return new MethodResult(StateTransitions.InvalidParameter, []);
        }

        var instances = texts.Select(t => EmbeddedInstanceText.Parse("ResourceSettings", t)).ToArray();
        lock (_stateGate)
        {
            // Every instance is checked before any is applied: Hyper-V changes all or none.
            var changes = new List<(VmRecord Vm, VirtualMachineSpec Spec, CimInstance Published)>(instances.Length);
            foreach (var instance in instances)
            {
                var tableName = instance.ClassName switch
                {
                    _ when string.Equals(instance.ClassName, "Msvm_MemorySettingData", StringComparison.OrdinalIgnoreCase) => "Msvm_MemorySettingData",
                    _ when string.Equals(instance.ClassName, "Msvm_ProcessorSettingData", StringComparison.OrdinalIgnoreCase) => "Msvm_ProcessorSettingData",
                    _ when IsSerialPortClass(instance.ClassName) => SerialPortTable,
                    _ => null,
                };
                if (tableName is null)
                {
                    return new MethodResult(SettingsNotSupported, []);
                }

                var found = tableName == SerialPortTable ? FindSerialPort(ns, instance.Text("InstanceID")) : FindSetting(ns, tableName, instance.Text("InstanceID"));
                if (found is not var (vm, published))
                {
                    return new MethodResult(StateTransitions.InvalidParameter, []);
                }

                var current = changes.LastOrDefault(c => c.Vm == vm).Spec ?? vm.Spec;
                var (code, changed) = tableName switch
                {
                    "Msvm_MemorySettingData" => ChangeMemory(vm, current, instance),
                    "Msvm_ProcessorSettingData" => ChangeProcessors(vm, current, instance),
                    _ => ChangeSerialPort(ns, vm, current, instance),
                };
                if (code != StateTransitions.Completed)
                {
                    return new MethodResult(code, []);
                }

                changes.Add((vm, changed!, published));
            }

            var now = Settings.Clock.GetUtcNow();
            foreach (var (vm, spec, _) in changes)
            {
                vm.Spec = spec;
            }

            foreach (var vm in changes.Select(c => c.Vm).Distinct())
            {
                _publisher.PublishVm(vm, now);
                if (vm.Spec.Devices is { } devices && _publisher.DevicesOf(ns)?.LayoutOf(vm) is { } published && !ReferenceEquals(devices, published))
                {
                    _publisher.DevicesOf(ns)!.Republish(vm, devices, now);
                }
            }

            IReadOnlyList<object> resulting = changes.Select(c => (object)InstanceKeys.ReferenceTo(c.Published)).ToArray();
            if (changes.Any(c => c.Vm.ActiveJob is not null))
            {
                // Only values that were already so reach here with a job running: nothing to wait for.
                return new MethodResult(StateTransitions.Completed, [new("Job", null), new("ResultingResourceSettings", resulting)]);
            }

            // Hyper-V answers a resource change with a job (4096); here it has finished by the first poll.
            return new MethodResult(StateTransitions.JobStarted, [new("Job", StartSettingsJob(ns, changes[0].Vm, now)), new("ResultingResourceSettings", resulting)]);
        }
    }

    private MethodResult ModifySystemSettings(HostNamespace ns, IReadOnlyList<KeyValuePair<string, object?>> inputs)
    {
        var instance = EmbeddedInstanceText.Parse("SystemSettings", Input(inputs, "SystemSettings"));
        if (!string.Equals(instance.ClassName, "Msvm_VirtualSystemSettingData", StringComparison.OrdinalIgnoreCase))
        {
            return new MethodResult(StateTransitions.InvalidParameter, []);
        }

        lock (_stateGate)
        {
            if (FindSnapshot(ns, instance.Text("InstanceID")) is { } snapshot)
            {
                return RenameSnapshot(ns, snapshot, instance);
            }

            if (FindSetting(ns, "Msvm_VirtualSystemSettingData", instance.Text("InstanceID")) is not var (vm, _))
            {
                return new MethodResult(StateTransitions.InvalidParameter, []);
            }

            var spec = vm.Spec;
            foreach (var property in instance.Properties)
            {
                switch (property.Key.ToUpperInvariant())
                {
                    case "INSTANCEID":
                        break;
                    case "AUTOMATICSTARTUPACTION":
                        // 2 = restart if it was running, 3 = always start, 4 = always start automatically (Msvm_VirtualSystemSettingData);
                        // libvirt writes 4 for autostart on and 2 for off.
                        if (Number(property.Value) is not ({ } action and >= 2 and <= 4))
                        {
                            return new MethodResult(StateTransitions.InvalidParameter, []);
                        }

                        spec = spec with { AutoStart = action == 4 };
                        break;
                    default:
                        return new MethodResult(SettingsNotSupported, []);
                }
            }

            vm.Spec = spec;
            _publisher.PublishVm(vm, Settings.Clock.GetUtcNow());
            return new MethodResult(StateTransitions.Completed, [new("Job", null)]);
        }
    }

    // A snapshot's settings by InstanceID, or null. Caller holds _stateGate.
    private CimInstance? FindSnapshot(HostNamespace ns, string? instanceId) =>
        instanceId is null ? null
            : new SnapshotTreeEditor(ns, _publisher.SnapshotFactory(ns)).Find([new("InstanceID", instanceId)]);

    // Checkpoint-VM -SnapshotName and Rename-VMCheckpoint change a snapshot's ElementName through ModifySystemSettings;
    // an empty name is refused (32773), any other property is one the simulator does not change. Caller holds _stateGate.
    private MethodResult RenameSnapshot(HostNamespace ns, CimInstance snapshot, EmbeddedInstanceText instance)
    {
        string? name = null;
        foreach (var property in instance.Properties)
        {
            switch (property.Key.ToUpperInvariant())
            {
                case "INSTANCEID":
                    break;
                case "ELEMENTNAME":
                    name = property.Value as string;
                    if (string.IsNullOrWhiteSpace(name))
                    {
                        return new MethodResult(StateTransitions.InvalidParameter, []);
                    }

                    break;
                default:
                    return new MethodResult(SettingsNotSupported, []);
            }
        }

        if (name is not null)
        {
            new SnapshotTreeEditor(ns, _publisher.SnapshotFactory(ns)).Rename(snapshot, name);
        }

        return new MethodResult(StateTransitions.Completed, [new("Job", null)]);
    }

    // A job that changes no state and is complete at once. Caller holds _stateGate; the VM has no job running (checked),
    // so finishing it leaves the VM's state as it is.
    // With a failure, the job ends in JobState 10 (Exception) with that ErrorDescription.
    private CimReference StartSettingsJob(HostNamespace ns, VmRecord vm, DateTimeOffset now, string? failure = null)
    {
        var job = new JobRecord(Guid.NewGuid().ToString("D").ToUpperInvariant(), vm, ns.Name, vm.State, vm.State, now, TimeSpan.Zero, failure);
        _jobs.Add(job);
        Volatile.Write(ref _jobCount, _jobs.Count);
        var jobInstance = _jobFactory.Job(ns, job, now, CompletedJobLifetime);
        ns.Required("Msvm_ConcreteJob").Add(jobInstance);
        AdvanceJobsLocked(now);
        return InstanceKeys.ReferenceTo(jobInstance);
    }

    // Startup memory (VirtualQuantity) and maximum (Limit), in MB, even and in range. A VM that holds memory
    // (running, paused, starting…) changes neither unless dynamic memory is on, as Hyper-V refuses to resize it.
    private static (uint Code, VirtualMachineSpec? Spec) ChangeMemory(VmRecord vm, VirtualMachineSpec spec, EmbeddedInstanceText instance)
    {
        foreach (var property in instance.Properties)
        {
            switch (property.Key.ToUpperInvariant())
            {
                case "INSTANCEID":
                    break;
                case "VIRTUALQUANTITY" or "LIMIT":
                    if (Number(property.Value) is not { } mb || !IsValidMemoryMB(mb))
                    {
                        return (StateTransitions.InvalidParameter, null);
                    }

                    spec = property.Key.Equals("Limit", StringComparison.OrdinalIgnoreCase)
                        ? spec with { MaxMemoryMB = mb }
                        : spec with { MemoryMB = mb };
                    break;
                default:
                    return (SettingsNotSupported, null);
            }
        }

        if (spec.MaxMemoryMB < spec.MemoryMB)
        {
            return (StateTransitions.InvalidParameter, null);
        }

        var unchanged = spec.MemoryMB == vm.Spec.MemoryMB && spec.MaxMemoryMB == vm.Spec.MaxMemoryMB;
        if (!unchanged && vm.ActiveJob is not null)
        {
            return (SettingsSystemInUse, null);
        }

        if (!unchanged && EnabledStates.HasWorkerProcess(vm.State) && !spec.DynamicMemory)
        {
            return (StateTransitions.InvalidStateV2, null);
        }

        return (StateTransitions.Completed, spec);
    }

    // The virtual processor count changes only while the VM is off (not saved), between 1 and the host's maximum.
    private (uint Code, VirtualMachineSpec? Spec) ChangeProcessors(VmRecord vm, VirtualMachineSpec spec, EmbeddedInstanceText instance)
    {
        var maximum = ProcessorDefinitionFactory.MaximumVcpus(Profile, HostInstanceFactory.LogicalProcessors);
        foreach (var property in instance.Properties)
        {
            switch (property.Key.ToUpperInvariant())
            {
                case "INSTANCEID":
                    break;
                case "VIRTUALQUANTITY":
                    if (Number(property.Value) is not { } count || count < 1 || count > maximum)
                    {
                        return (StateTransitions.InvalidParameter, null);
                    }

                    spec = spec with { VirtualProcessors = (int)count };
                    break;
                default:
                    return (SettingsNotSupported, null);
            }
        }

        if (spec.VirtualProcessors == vm.Spec.VirtualProcessors)
        {
            return (StateTransitions.Completed, spec);
        }

        if (vm.ActiveJob is not null)
        {
            return (SettingsSystemInUse, null);
        }

        return vm.State == EnabledStates.Disabled ? (StateTransitions.Completed, spec) : (StateTransitions.InvalidStateV2, null);
    }

    // A VM's own setting by InstanceID ("Microsoft:<VM GUID>…"); snapshots' and the host's definitions are not VMs'.
    private (VmRecord Vm, CimInstance Published)? FindSetting(HostNamespace ns, string className, string? instanceId)
    {
        if (instanceId is null)
        {
            return null;
        }

        foreach (var item in ns.Required(className).Items)
        {
            if (string.Equals(item["InstanceID"] as string, instanceId, StringComparison.OrdinalIgnoreCase))
            {
                var vmId = instanceId.StartsWith("Microsoft:", StringComparison.OrdinalIgnoreCase) ? instanceId["Microsoft:".Length..].Split('\\')[0] : null;
                return vmId is not null && _vms.TryGetValue(vmId, out var vm) ? (vm, item) : null;
            }
        }

        return null;
    }

    private static ulong? Number(object? value) =>
        value is string text && ulong.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static object? Input(IReadOnlyList<KeyValuePair<string, object?>> inputs, string name)
    {
        foreach (var input in inputs)
        {
            if (string.Equals(input.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return input.Value;
            }
        }

        return null;
    }
}
