namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// A COM port's named pipe through ModifyResourceSettings, as libvirt's hypervDomainAttachSerial (src/hyperv/hyperv_driver.c)
/// sets it: the port's Msvm_SerialPortSettingData (a plain Msvm_ResourceAllocationSettingData of ResourceType 21 before
/// Windows Server 2016) with its InstanceID and <c>Connection</c> = [pipe path], or [""] to disconnect. Any state, as
/// Hyper-V lets a running VM's COM port be reconnected; ResourceType and ResourceSubType may be sent as they are.
/// </summary>
public sealed partial class SimulatedHost
{
    // Marks a serial port change in ModifyResourceSettings (the port may live in either table).
    private const string SerialPortTable = "(serial port)";

    private static bool IsSerialPortClass(string className) =>
        string.Equals(className, "Msvm_SerialPortSettingData", StringComparison.OrdinalIgnoreCase)
        || string.Equals(className, "Msvm_ResourceAllocationSettingData", StringComparison.OrdinalIgnoreCase);

    // A VM's COM port by InstanceID, in whichever table the profile keeps it. Caller holds _stateGate.
    private (VmRecord Vm, CimInstance Published)? FindSerialPort(HostNamespace ns, string? instanceId)
    {
        ns.LoadDeferred();
        foreach (var table in new[] { "Msvm_SerialPortSettingData", "Msvm_ResourceAllocationSettingData" })
        {
            if (ns.Table(table) is not null && FindSetting(ns, table, instanceId) is { } found && found.Published["ResourceType"] is 21UL)
            {
                return found;
            }
        }

        return null;
    }

    private (uint Code, VirtualMachineSpec? Spec) ChangeSerialPort(HostNamespace ns, VmRecord vm, VirtualMachineSpec spec, EmbeddedInstanceText instance)
    {
        var layout = spec.Devices ?? _publisher.DevicesOf(ns)?.LayoutOf(vm);
        var port = layout?.SerialPorts.FirstOrDefault(p => string.Equals(DeviceInstanceFactory.SerialPortId(vm, p.Port), instance.Text("InstanceID"), StringComparison.OrdinalIgnoreCase));
        if (layout is null || port is null)
        {
            return (StateTransitions.InvalidParameter, null);
        }

        var pipe = port.Pipe;
        foreach (var property in instance.Properties)
        {
            switch (property.Key.ToUpperInvariant())
            {
                case "INSTANCEID":
                    break;
                case "RESOURCETYPE" when Number(property.Value) is 21:
                case "RESOURCESUBTYPE" when string.Equals(property.Value as string, "Microsoft:Hyper-V:Serial Port", StringComparison.OrdinalIgnoreCase):
                    break;
                case "CONNECTION":
                    var connection = property.Value switch
                    {
                        string one => one,
                        IReadOnlyList<string> many when many.Count <= 1 => many.Count == 0 ? string.Empty : many[0],
                        _ => null,
                    };
                    if (connection is null)
                    {
                        return (StateTransitions.InvalidParameter, null);
                    }

                    pipe = connection.Length == 0 ? null : connection;
                    break;
                case "RESOURCETYPE" or "RESOURCESUBTYPE":
                    return (StateTransitions.InvalidParameter, null);
                default:
                    return (SettingsNotSupported, null);
            }
        }

        if (pipe == port.Pipe)
        {
            return (StateTransitions.Completed, spec);
        }

        if (vm.ActiveJob is not null)
        {
            return (SettingsSystemInUse, null);
        }

        var ports = layout.SerialPorts.Select(p => p == port ? p with { Pipe = pipe } : p).ToArray();
        return (StateTransitions.Completed, spec with { Devices = layout with { SerialPorts = ports } });
    }
}
