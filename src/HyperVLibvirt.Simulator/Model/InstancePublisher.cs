namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// Writes the host's and the VMs' instances (and the associations between them) into the
/// namespaces, and replaces a VM's instances when its state changes.
/// </summary>
internal sealed class InstancePublisher
{
    private readonly HostNamespace _cimv2;
    private readonly IReadOnlyList<HostNamespace> _virtualizationNamespaces;
    private readonly Dictionary<HostNamespace, VmInstanceFactory> _vmFactories = [];
    private readonly Dictionary<HostNamespace, DevicePublisher> _devices = [];
    private readonly Dictionary<HostNamespace, GuestInstanceFactory> _guestFactories = [];
    private string _computerName = string.Empty;

    // The VMs whose devices the deferred load builds: the inventory's and those defined before anyone looked.
    private readonly List<VmRecord> _deviceRecords = [];

    private readonly HostSettings _settings;
    private readonly object _stateGate;

    /// <summary>Publishes into root/cimv2 and the given virtualization namespaces; deferred devices are built under <paramref name="stateGate"/>.</summary>
    public InstancePublisher(HostNamespace cimv2, IReadOnlyList<HostNamespace> virtualizationNamespaces, HostLanguage language, HostSettings settings, object stateGate)
    {
        _settings = settings;
        _stateGate = stateGate;
        _cimv2 = cimv2;
        _virtualizationNamespaces = virtualizationNamespaces;
        foreach (var ns in virtualizationNamespaces)
        {
            _vmFactories[ns] = new VmInstanceFactory(ns, language);
            _guestFactories[ns] = new GuestInstanceFactory(ns, settings.GuestBoot);
        }
    }

    /// <summary>Adds the host's own instances: the Win32 ones in root/cimv2, its Msvm_ComputerSystem and management service.</summary>
    public void PublishHost(HostProfile profile, HostLanguage language, string computerName, DateTimeOffset now)
    {
        var hostFactory = new HostInstanceFactory(profile, language, computerName, now);
        _computerName = computerName;
        BootTime = hostFactory.BootTime;
        _cimv2.Required("Win32_OperatingSystem").Add(hostFactory.OperatingSystem(_cimv2));
        var computerSystem = hostFactory.ComputerSystem(_cimv2);
        _cimv2.Required("Win32_ComputerSystem").Add(computerSystem);
        _cimv2.Required("Win32_ComputerSystemProduct").Add(hostFactory.ComputerSystemProduct(_cimv2));
        var processors = hostFactory.Processors(_cimv2).ToArray();
        _cimv2.Required("Win32_Processor").AddRange(processors);
        _cimv2.AddAssociations("Win32_ComputerSystemProcessor", HostInstanceFactory.ComputerSystemProcessors(_cimv2, computerSystem, processors));
        foreach (var ns in _virtualizationNamespaces)
        {
            var hostSystem = hostFactory.HostComputerSystem(ns);
            ns.Required("Msvm_ComputerSystem").Add(hostSystem);
            ns.Required("Msvm_VirtualSystemManagementService").Add(hostFactory.ManagementService(ns));
            if (!ns.IsV1)
            {
                ns.Required(SimulatedHost.ImageServiceClass).Add(HostServiceInstance.Create(ns, computerName, SimulatedHost.ImageServiceClass,
                    "Hyper-V Image Management Service", "Provides Image Management servicing for Hyper-V", "vhdsvc"));
            }

            if (DevicePublisher.Serves(ns))
            {
                var devices = new DevicePublisher(ns, language, computerName, _settings.GuestBoot);
                devices.PublishNetwork(hostSystem);
                _devices[ns] = devices;
            }
        }
    }

    /// <summary>When the host booted; set by <see cref="PublishHost"/>.</summary>
    public DateTimeOffset BootTime { get; private set; }

    /// <summary>Adds the host-wide Msvm_ProcessorSettingData definitions, after the VMs' own settings.</summary>
    public void PublishProcessorDefinitions(HostProfile profile)
    {
        var maximum = ProcessorDefinitionFactory.MaximumVcpus(profile, HostInstanceFactory.LogicalProcessors);
        foreach (var ns in _virtualizationNamespaces)
        {
            ns.Required("Msvm_ProcessorSettingData").AddRange(ProcessorDefinitionFactory.Definitions(ns, maximum));
        }
    }

    /// <summary>Adds every VM's instances and associations, one batch per class.</summary>
    public void PublishVirtualMachines(IReadOnlyList<VmRecord> records, DateTimeOffset now)
    {
        _deviceRecords.AddRange(records);
        foreach (var ns in _virtualizationNamespaces)
        {
            var factory = _vmFactories[ns];
            var systems = new CimInstance[records.Count];
            var settings = new CimInstance[records.Count];
            var processors = new CimInstance[records.Count];
            var memories = new CimInstance[records.Count];
            var shutdowns = new List<CimInstance>(records.Count);
            var defineStates = new CimInstance[records.Count];
            var components = new CimInstance[records.Count * 2];
            for (var i = 0; i < records.Count; i++)
            {
                var vm = records[i];
                systems[i] = factory.ComputerSystem(vm, now);
                settings[i] = factory.SystemSettings(vm);
                processors[i] = factory.ProcessorSettings(vm);
                memories[i] = factory.MemorySettings(vm);
                if (vm.Spec.IntegrationServices)
                {
                    shutdowns.Add(factory.ShutdownComponent(vm));
                }

                var settingsReference = InstanceKeys.ReferenceTo(settings[i]);
                defineStates[i] = factory.SettingsDefineState(InstanceKeys.ReferenceTo(systems[i]), settingsReference);
                components[2 * i] = factory.SettingDataComponent(settingsReference, InstanceKeys.ReferenceTo(processors[i]));
                components[(2 * i) + 1] = factory.SettingDataComponent(settingsReference, InstanceKeys.ReferenceTo(memories[i]));
            }

            ns.Required("Msvm_ComputerSystem").AddRange(systems);
            ns.Required("Msvm_VirtualSystemSettingData").AddRange(settings);
            ns.Required("Msvm_ProcessorSettingData").AddRange(processors);
            ns.Required("Msvm_MemorySettingData").AddRange(memories);
            ns.Required("Msvm_ShutdownComponent").AddRange(shutdowns);
            ns.AddAssociations("Msvm_SettingsDefineState", defineStates);
            ns.AddAssociations("Msvm_VirtualSystemSettingDataComponent", components);
            ns.Required("Msvm_KvpExchangeComponent").AddRange(records.Select(vm => _guestFactories[ns].KvpComponent(vm, now)).ToArray());
            if (!ns.IsV1)
            {
                PublishSnapshots(ns, records, systems);
            }

            if (_devices.TryGetValue(ns, out var devices))
            {
                ns.Defer(DevicePublisher.DeferredClasses, () =>
                {
                    lock (_stateGate)
                    {
                        devices.Publish(_deviceRecords.ToArray(), _settings.Clock.GetUtcNow());
                    }
                });
            }
        }
    }

    /// <summary>
    /// Adds a VM that DefineSystem made (the caller holds the host's state lock): its system, settings and data
    /// exchange at once; its devices with the others' when they are first looked at, or at once when they have been.
    /// A new VM has no snapshots.
    /// </summary>
    public void PublishDefinedVm(VmRecord vm, DateTimeOffset now)
    {
        var deferredDevices = false;
        foreach (var ns in _virtualizationNamespaces)
        {
            var factory = _vmFactories[ns];
            var system = factory.ComputerSystem(vm, now);
            var settings = factory.SystemSettings(vm);
            var processors = factory.ProcessorSettings(vm);
            var memory = factory.MemorySettings(vm);
            ns.Required("Msvm_ComputerSystem").Add(system);
            ns.Required("Msvm_VirtualSystemSettingData").Add(settings);
            ns.Required("Msvm_ProcessorSettingData").Add(processors);
            ns.Required("Msvm_MemorySettingData").Add(memory);
            if (vm.Spec.IntegrationServices)
            {
                ns.Required("Msvm_ShutdownComponent").Add(factory.ShutdownComponent(vm));
            }

            var settingsReference = InstanceKeys.ReferenceTo(settings);
            ns.AddAssociations("Msvm_SettingsDefineState", [factory.SettingsDefineState(InstanceKeys.ReferenceTo(system), settingsReference)]);
            ns.AddAssociations("Msvm_VirtualSystemSettingDataComponent", [
                factory.SettingDataComponent(settingsReference, InstanceKeys.ReferenceTo(processors)),
                factory.SettingDataComponent(settingsReference, InstanceKeys.ReferenceTo(memory)),
            ]);
            ns.Required("Msvm_KvpExchangeComponent").Add(_guestFactories[ns].KvpComponent(vm, now));
            if (_devices.TryGetValue(ns, out var devices))
            {
                if (devices.IsPublished)
                {
                    devices.Publish([vm], now);
                }
                else
                {
                    deferredDevices = true;
                }
            }
        }

        if (deferredDevices)
        {
            _deviceRecords.Add(vm);
        }
    }

    /// <summary>The device publisher of a namespace that serves devices (root/virtualization/v2), or null.</summary>
    public DevicePublisher? DevicesOf(HostNamespace ns) => _devices.GetValueOrDefault(ns);

    // Snapshot trees exist in v2 only: root/virtualization named checkpoints differently (SettingType 5).
    private void PublishSnapshots(HostNamespace ns, IReadOnlyList<VmRecord> records, CimInstance[] systems)
    {
        var factory = new SnapshotInstanceFactory(ns, _vmFactories[ns], _computerName);
        var settings = new List<CimInstance>();
        var ofSystem = new List<CimInstance>();
        var parentChild = new List<CimInstance>();
        var mostCurrent = new List<CimInstance>();
        for (var i = 0; i < records.Count; i++)
        {
            var tree = factory.Build(records[i], systems[i]);
            settings.AddRange(tree.Settings);
            ofSystem.AddRange(tree.OfSystem);
            parentChild.AddRange(tree.ParentChild);
            if (tree.MostCurrent is { } current)
            {
                mostCurrent.Add(current);
            }
        }

        ns.Required("Msvm_VirtualSystemSettingData").AddRange(settings);
        ns.AddAssociations("Msvm_SnapshotOfVirtualSystem", ofSystem);
        ns.AddAssociations("Msvm_ParentChildSettingData", parentChild);
        ns.AddAssociations("Msvm_MostCurrentSnapshotInBranch", mostCurrent);
        ns.Required("Msvm_VirtualSystemSnapshotService").Add(factory.Service());
    }

    /// <summary>Builds snapshot settings for a v2 namespace (the snapshot service's new checkpoints).</summary>
    public SnapshotInstanceFactory SnapshotFactory(HostNamespace ns) => new(ns, _vmFactories[ns], _computerName);

    /// <summary>Replaces a VM's instances after its state or settings changed (the caller holds the host's state lock).</summary>
    public void PublishVm(VmRecord vm, DateTimeOffset now)
    {
        foreach (var ns in _virtualizationNamespaces)
        {
            var factory = _vmFactories[ns];
            ns.Required("Msvm_ComputerSystem").Replace(factory.ComputerSystem(vm, now));
            ns.Required("Msvm_VirtualSystemSettingData").Replace(factory.SystemSettings(vm));
            ns.Required("Msvm_ProcessorSettingData").Replace(factory.ProcessorSettings(vm));
            ns.Required("Msvm_MemorySettingData").Replace(factory.MemorySettings(vm));
            if (vm.Spec.IntegrationServices)
            {
                ns.Required("Msvm_ShutdownComponent").Replace(factory.ShutdownComponent(vm));
            }

            PublishGuest(ns, vm, now);
        }
    }

    /// <summary>Replaces what a VM's guest reports (its addresses and data exchange items) in every namespace (the caller holds the host's state lock).</summary>
    public void PublishGuest(VmRecord vm, DateTimeOffset now)
    {
        foreach (var ns in _virtualizationNamespaces)
        {
            PublishGuest(ns, vm, now);
        }
    }

    private void PublishGuest(HostNamespace ns, VmRecord vm, DateTimeOffset now)
    {
        ns.Required("Msvm_KvpExchangeComponent").Replace(_guestFactories[ns].KvpComponent(vm, now));
        if (_devices.TryGetValue(ns, out var devices))
        {
            devices.PublishState(vm, now);
        }
    }
}
