namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// ModifyResourceSettings on COM ports, as libvirt's hypervDomainAttachSerial (src/hyperv/hyperv_driver.c) sends it: an
/// embedded Msvm_SerialPortSettingData (a plain RASD before Windows Server 2016) naming the port's InstanceID with a new
/// <c>Connection</c>, the named pipe or "" for none. Hyper-V's Set-VMComPort changes a port while the VM is off or running;
/// in any other state the simulator answers 32775, and a Connection that is neither "" nor a <c>\\server\pipe\name</c> path
/// 32773 (both the simulator's choice: Microsoft documents the return codes, not these rules). Other properties than
/// InstanceID, Connection, ResourceType and ResourceSubType are ones the simulator does not change (32770).
/// </summary>
public sealed partial class SimulatedHost
{
    // Whether every instance is a COM port's setting (ResourceType 21 or the serial port class), so the call is one for this file.
    private static bool AllSerialPorts(IReadOnlyList<EmbeddedInstanceText> instances) =>
        instances.Count > 0 && instances.All(i => string.Equals(i.ClassName, "Msvm_SerialPortSettingData", StringComparison.OrdinalIgnoreCase)
            || (string.Equals(i.ClassName, "Msvm_ResourceAllocationSettingData", StringComparison.OrdinalIgnoreCase) && i.Text("ResourceType") == "21"));

    private MethodResult ModifySerialPorts(HostNamespace ns, IReadOnlyList<EmbeddedInstanceText> instances)
    {
        ns.LoadDeferred();
        lock (_stateGate)
        {
            var changes = new Dictionary<VmRecord, VmDeviceLayout>();
            var resulting = new List<object>(instances.Count);
            foreach (var instance in instances)
            {
                var className = ns.Table("Msvm_SerialPortSettingData") is not null ? "Msvm_SerialPortSettingData" : "Msvm_ResourceAllocationSettingData";
                if (FindSetting(ns, className, instance.Text("InstanceID")) is not var (vm, published)
                    || _publisher.DevicesOf(ns)?.LayoutOf(vm) is not { } publishedLayout
                    || (published["ElementName"] as string) is not { Length: 5 } name || name[4] - '0' is not (1 or 2))
                {
                    return new MethodResult(StateTransitions.InvalidParameter, []);
                }

                var port = name[4] - '0';

                if (instance.Properties.Keys.Any(k => k.ToUpperInvariant() is not ("INSTANCEID" or "CONNECTION" or "RESOURCETYPE" or "RESOURCESUBTYPE")))
                {
                    return new MethodResult(SettingsNotSupported, []);
                }

                if (vm.State is not (EnabledStates.Enabled or EnabledStates.Disabled))
                {
                    return new MethodResult(StateTransitions.InvalidStateV2, []);
                }

                if (vm.ActiveJob is not null)
                {
                    return new MethodResult(SettingsSystemInUse, []);
                }

                var connection = instance.Properties.TryGetValue("Connection", out var value) ? value switch
                {
                    IReadOnlyList<string> items => items.Count > 0 ? items[0] : string.Empty,
                    string text => text,
                    _ => string.Empty,
                } : null;
                if (connection is null)
                {
                    resulting.Add(InstanceKeys.ReferenceTo(published));
                    continue;
                }

                if (connection.Length > 0 && !IsPipePath(connection))
                {
                    return new MethodResult(StateTransitions.InvalidParameter, []);
                }

                var layout = changes.TryGetValue(vm, out var changed) ? changed : publishedLayout;
                changes[vm] = layout with
                {
                    SerialPorts = layout.SerialPorts.Select(p => p.Port == port ? p with { Pipe = connection.Length == 0 ? null : connection } : p).ToList(),
                };
                resulting.Add(InstanceKeys.ReferenceTo(published));
            }

            var now = Settings.Clock.GetUtcNow();
            foreach (var (vm, layout) in changes)
            {
                ApplyLayout(ns, vm, layout, now);
            }

            var jobVm = changes.Keys.FirstOrDefault();
            return jobVm is null
                ? new MethodResult(StateTransitions.Completed, [new("Job", null), new("ResultingResourceSettings", resulting)])
                : new MethodResult(StateTransitions.JobStarted, [new("Job", StartSettingsJob(ns, jobVm, now)), new("ResultingResourceSettings", resulting)]);
        }
    }

    // \\.\pipe\name or \\server\pipe\name.
    private static bool IsPipePath(string path)
    {
        if (!path.StartsWith(@"\\", StringComparison.Ordinal))
        {
            return false;
        }

        var parts = path[2..].Split('\\');
        return parts.Length >= 3 && parts[0].Length > 0 && string.Equals(parts[1], "pipe", StringComparison.OrdinalIgnoreCase) && parts[2].Length > 0;
    }
}
