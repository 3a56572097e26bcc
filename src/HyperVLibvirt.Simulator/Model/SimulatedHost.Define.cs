namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// Msvm_VirtualSystemManagementService.DefineSystem (v2), as libvirt's hypervDomainDefineXML (src/hyperv/hyperv_driver.c)
/// calls it: <c>SystemSettings</c> is an embedded Msvm_VirtualSystemSettingData. The new VM is off, with 1 virtual
/// processor, 1024 MB of static memory, the generation its <c>VirtualSystemSubType</c> names (1 when absent, as
/// Microsoft's DefineSystem page gives) and only the devices DefineSystem gives (<see cref="VmDeviceLayout.Defined"/>).
/// The answer is 4096, a job that is complete by the first poll and <c>ResultingSystem</c>, a reference to the new
/// Msvm_ComputerSystem. Refusals use the method's documented codes: 32773 (invalid parameter) for a subtype that is not
/// generation 1 or 2 (or generation 2 on Windows Server 2012, which has none), an identifier that is not a GUID or that
/// a VM has already; 32770 (not supported) for a property or parameter the simulator does not take (InstanceID, Caption,
/// Description, a realized VirtualSystemType and null values are ignored). A name a VM has already is allowed, as on
/// Hyper-V.
/// </summary>
public sealed partial class SimulatedHost
{
    /// <summary>The name Hyper-V gives a VM defined without an ElementName.</summary>
    public const string DefaultDefinedVmName = "New Virtual Machine";

    /// <summary>A defined VM's startup memory, in MB (DefineSystem's default).</summary>
    public const ulong DefinedVmMemoryMB = 1024;

    private long _definedCount;

    private MethodResult DefineSystem(HostNamespace ns, IReadOnlyList<KeyValuePair<string, object?>> inputs)
    {
        if (Input(inputs, "ResourceSettings") is IReadOnlyList<object> { Count: > 0 } or string
            || Input(inputs, "ReferenceConfiguration") is not null)
        {
            // DefineSystem can also take device settings and a template VM; the simulator takes only SystemSettings.
            return new MethodResult(SettingsNotSupported, []);
        }

        var instance = EmbeddedInstanceText.Parse("SystemSettings", Input(inputs, "SystemSettings"));
        if (!string.Equals(instance.ClassName, "Msvm_VirtualSystemSettingData", StringComparison.OrdinalIgnoreCase))
        {
            return new MethodResult(StateTransitions.InvalidParameter, []);
        }

        var name = DefaultDefinedVmName;
        var generation = 1;
        string? notes = null;
        Guid? id = null;
        foreach (var property in instance.Properties)
        {
            switch (property.Key.ToUpperInvariant())
            {
                case "INSTANCEID" or "CAPTION" or "DESCRIPTION":
                    // The key and descriptive text a client copies from another instance; Hyper-V assigns its own.
                    break;
                case "VIRTUALSYSTEMTYPE" when property.Value is null or "" or "Microsoft:Hyper-V:System:Realized":
                    break;
                case var _ when property.Value is null:
                    // A property sent as VALUE.NULL asks for nothing.
                    break;
                case "ELEMENTNAME":
                    if (property.Value is string text && text.Length > 0)
                    {
                        name = text;
                    }

                    break;
                case "VIRTUALSYSTEMSUBTYPE":
                    switch (property.Value as string)
                    {
                        case null or "":
                            break;
                        case var subType when string.Equals(subType, "Microsoft:Hyper-V:SubType:1", StringComparison.OrdinalIgnoreCase):
                            generation = 1;
                            break;
                        case var subType when string.Equals(subType, "Microsoft:Hyper-V:SubType:2", StringComparison.OrdinalIgnoreCase):
                            generation = 2;
                            break;
                        default:
                            return new MethodResult(StateTransitions.InvalidParameter, []);
                    }

                    break;
                case "NOTES":
                    notes = property.Value switch
                    {
                        string one => one,
                        IReadOnlyList<string> many => string.Join("\n", many),
                        _ => null,
                    };
                    break;
                case "VIRTUALSYSTEMIDENTIFIER":
                    if (property.Value is string given && given.Length > 0)
                    {
                        if (!Guid.TryParse(given, out var parsed) || parsed == Guid.Empty)
                        {
                            return new MethodResult(StateTransitions.InvalidParameter, []);
                        }

                        id = parsed;
                    }

                    break;
                default:
                    return new MethodResult(SettingsNotSupported, []);
            }
        }

        if (generation == 2 && Profile.Version.StartsWith("6.2", StringComparison.Ordinal))
        {
            // Generation 2 came with Windows Server 2012 R2; 2012's v2 namespace has no such subtype.
            return new MethodResult(StateTransitions.InvalidParameter, []);
        }

        lock (_stateGate)
        {
            var vmId = id ?? Guid.NewGuid();
            if (_vms.ContainsKey(vmId.ToString("D")))
            {
                return new MethodResult(StateTransitions.InvalidParameter, []);
            }

            var now = Settings.Clock.GetUtcNow();
            var spec = new VirtualMachineSpec(vmId, name, EnabledStates.Disabled, VirtualProcessors: 1, DefinedVmMemoryMB, DefinedVmMemoryMB,
                DynamicMemory: false, AutoStart: false, ProcessId: null, IntegrationServices: false, notes, FailJobs: false,
                Devices: VmDeviceLayout.Defined(generation));
            var vm = new VmRecord(spec, now, defined: true) { DefinedSequence = _definedCount++ };
            _vms[vm.Name] = vm;
            _publisher.PublishDefinedVm(vm, now);
            var system = new CimReference(ns.Required("Msvm_ComputerSystem").Class.ResourceUri, [new("CreationClassName", "Msvm_ComputerSystem"), new("Name", vm.Name)]);
            return new MethodResult(StateTransitions.JobStarted, [new("ResultingSystem", system), new("Job", StartSettingsJob(ns, vm, now))]);
        }
    }

    // The VMs the host has now: the inventory's that remain, in inventory order, then those DefineSystem made, oldest
    // first. Caller holds _stateGate.
    private IEnumerable<VmRecord> VmsInHostOrder() =>
        Inventory.Select(spec => _vms.GetValueOrDefault(spec.Id.ToString("D"))).OfType<VmRecord>().Where(vm => !vm.Defined)
            .Concat(_vms.Values.Where(vm => vm.Defined).OrderBy(vm => vm.DefinedSequence));
}
