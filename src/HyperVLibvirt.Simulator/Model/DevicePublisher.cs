namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// Publishes the host's network (switches, adapters) at once and the VMs' device settings when a
/// query first needs them (<see cref="HostNamespace.Defer"/>), into root/virtualization/v2.
/// </summary>
internal sealed class DevicePublisher
{
    /// <summary>The classes filled on first use.</summary>
    public static readonly string[] DeferredClasses =
    [
        "Msvm_ResourceAllocationSettingData", "Msvm_StorageAllocationSettingData", "Msvm_SerialPortSettingData",
        "Msvm_SyntheticEthernetPortSettingData", "Msvm_EthernetPortAllocationSettingData", "Msvm_DiskDrive",
        "Msvm_GuestNetworkAdapterConfiguration", "Msvm_SyntheticDisplayController", "Msvm_S3DisplayController",
        "Msvm_VideoHead", "Msvm_SystemDevice", "Msvm_VideoHeadOnController",
        "Msvm_Keyboard",
    ];

    // Disks 0 and 1 hold the host's volumes; offline disks from 2 on are passed through, one VM each.
    private const int FirstPassThroughDisk = 2;

    /// <summary>How many offline host disks no VM uses the host has besides those passed through.</summary>
    public const int SpareHostDiskCount = 2;

    // The GUID in host disks' DeviceID (Microsoft:<GUID>\<disk number>), as libvirt's hypervDomainAttachPhysicalDisk writes it.
    private static readonly Guid HostDiskClassId = new("6A93B8B6-8F5E-4E2B-8C22-DE0C4C0A3C1D");

    private readonly HostNamespace _ns;
    private readonly string _computerName;
    private readonly NetworkInstanceFactory _network;
    private readonly DeviceInstanceFactory _devices;
    private readonly GuestNetworkFactory _guest;
    private readonly DisplayInstanceFactory _display;
    private readonly KeyboardInstanceFactory _keyboard;
    private readonly GuestBootTiming _timing;
    private readonly Dictionary<string, CimInstance> _switchesByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SwitchSpec> _switchSpecs = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<VmRecord, VmDeviceLayout> _layouts = [];
    private readonly Dictionary<string, CimInstance> _hostDisks = new(StringComparer.Ordinal);
    private volatile bool _published;

    private readonly HostLanguage _language;

    public DevicePublisher(HostNamespace ns, HostLanguage language, string computerName, GuestBootTiming timing)
    {
        _language = language;
        _guest = new GuestNetworkFactory(ns);
        _display = new DisplayInstanceFactory(ns);
        _keyboard = new KeyboardInstanceFactory(ns);
        _timing = timing;
        _ns = ns;
        _computerName = computerName;
        _network = new NetworkInstanceFactory(ns, language, computerName);
        _devices = new DeviceInstanceFactory(ns, computerName);
        Switches = HostNetwork.For(computerName);
        ConnectableSwitches = HostNetwork.ConnectableNames(Switches);
        foreach (var spec in Switches)
        {
            _switchSpecs[spec.Name] = spec;
        }
    }

    /// <summary>The host's switches.</summary>
    public IReadOnlyList<SwitchSpec> Switches { get; }

    /// <summary>The switches VMs connect to.</summary>
    public IReadOnlyList<string> ConnectableSwitches { get; }

    /// <summary>Whether the namespace has the v2 device classes (root/virtualization/v2).</summary>
    public static bool Serves(HostNamespace ns) => ns.Table("Msvm_VirtualEthernetSwitch") is not null && ns.Table("Msvm_ExternalEthernetPort") is not null && !ns.IsV1;

    /// <summary>Adds the switches, the adapters and the switch-side ports.</summary>
    public void PublishNetwork(CimInstance hostSystem)
    {
        var switches = new List<CimInstance>();
        var ports = new List<CimInstance>();
        var switchPorts = new List<CimInstance>();
        foreach (var spec in Switches)
        {
            var vswitch = _network.Switch(spec);
            switches.Add(vswitch);
            _switchesByName[spec.Name] = vswitch;
            if (spec.ExternalPort is { } external)
            {
                var port = _network.ExternalPort(external, bound: true);
                ports.Add(port);
                switchPorts.Add(_network.SwitchPortSettings(spec, WmiObjectPath.Of(_computerName, port), external.Name));
            }
            else if (spec.Kind == SwitchKind.Internal)
            {
                switchPorts.Add(_network.SwitchPortSettings(spec, WmiObjectPath.Of(_computerName, hostSystem), _computerName));
            }
        }

        _ns.Required("Msvm_VirtualEthernetSwitch").AddRange(switches);
        _ns.Required("Msvm_ExternalEthernetPort").AddRange(ports);
        _ns.Required("Msvm_EthernetPortAllocationSettingData").AddRange(switchPorts);
    }

    /// <summary>Whether the VMs' devices have been built (the deferred classes were first looked at).</summary>
    public bool IsPublished => _published;

    /// <summary>Adds every VM's device settings, one batch per class, and joins each to its VSSD (the caller holds the host's state lock).</summary>
    public void Publish(IReadOnlyList<VmRecord> records, DateTimeOffset now)
    {
        var layouts = Layouts(records, out var hostDisks);
        var byClass = new Dictionary<string, List<CimInstance>>(StringComparer.OrdinalIgnoreCase);
        var components = new List<CimInstance>();
        var systemDevices = new List<CimInstance>();
        var headsOnControllers = new List<CimInstance>();
        var vssdClass = _ns.Required("Msvm_VirtualSystemSettingData").Class;
        var systemClass = _ns.Required("Msvm_ComputerSystem").Class;
        for (var i = 0; i < records.Count; i++)
        {
            var vm = records[i];
            _layouts[vm] = layouts[i];
            var vssd = new CimReference(vssdClass.ResourceUri, [new("InstanceID", VmInstanceFactory.SettingDataId(vm))]);
            foreach (var setting in _devices.SettingsOf(vm, layouts[i], _switchesByName, hostDisks))
            {
                Add(byClass, setting);
                components.Add(Association("Msvm_VirtualSystemSettingDataComponent", "GroupComponent", vssd, "PartComponent", InstanceKeys.ReferenceTo(setting)));
            }

            foreach (var configuration in GuestConfigurations(vm, layouts[i], now))
            {
                Add(byClass, configuration);
            }

            // The display's devices are the VM's (CIM_SystemDevice), the head is on its controller.
            var system = new CimReference(systemClass.ResourceUri, [new("CreationClassName", "Msvm_ComputerSystem"), new("Name", vm.Name)]);
            var controller = _display.Controller(vm, layouts[i].Generation);
            var head = _display.Head(vm);
            Add(byClass, controller);
            Add(byClass, head);
            systemDevices.Add(Association("Msvm_SystemDevice", "GroupComponent", system, "PartComponent", InstanceKeys.ReferenceTo(controller)));
            systemDevices.Add(Association("Msvm_SystemDevice", "GroupComponent", system, "PartComponent", InstanceKeys.ReferenceTo(head)));
            headsOnControllers.Add(Association("Msvm_VideoHeadOnController", "Antecedent", InstanceKeys.ReferenceTo(controller), "Dependent", InstanceKeys.ReferenceTo(head)));

            var keyboard = _keyboard.Keyboard(vm);
            Add(byClass, keyboard);
            systemDevices.Add(Association("Msvm_SystemDevice", "GroupComponent", system, "PartComponent", InstanceKeys.ReferenceTo(keyboard)));
        }

        // Host disks are published once each, whichever VM first passes one through.
        var newDisks = new List<CimInstance>();
        foreach (var (number, disk) in hostDisks)
        {
            if (_hostDisks.TryAdd(number, disk))
            {
                newDisks.Add(disk);
            }
        }

        _ns.Required("Msvm_DiskDrive").AddRange(newDisks);
        if (!_published)
        {
            _ns.Required("Msvm_ResourceAllocationSettingData").AddRange(ResourceDefinitions.PhysicalDiskDrive(_ns, HostDiskClassId, _language).ToArray());
            _ns.Required("Msvm_DiskDrive").AddRange(SpareHostDisks());
        }

        foreach (var (className, instances) in byClass)
        {
            _ns.Required(className).AddRange(instances);
        }

        _ns.AddAssociations("Msvm_VirtualSystemSettingDataComponent", components);
        _ns.AddAssociations("Msvm_SystemDevice", systemDevices);
        _ns.AddAssociations("Msvm_VideoHeadOnController", headsOnControllers);
        _published = true;
    }

    private static void Add(Dictionary<string, List<CimInstance>> byClass, CimInstance instance)
    {
        if (!byClass.TryGetValue(instance.Class.Name, out var list))
        {
            list = [];
            byClass[instance.Class.Name] = list;
        }

        list.Add(instance);
    }

    // Every VM's layout, with pass-through disks numbered, and the host disks they use.
    private VmDeviceLayout[] Layouts(IReadOnlyList<VmRecord> records, out Dictionary<string, CimInstance> hostDisks)
    {
        var layouts = new VmDeviceLayout[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            layouts[i] = VmDeviceLayout.For(records[i].Spec, ConnectableSwitches);
        }

        // Disks the inventory names are taken; the others are handed out from the first free one.
        var taken = layouts.SelectMany(l => l.Drives).Where(d => d.Kind == DriveKind.PassThrough && d.Path is not null).Select(d => d.Path!).ToHashSet(StringComparer.Ordinal);
        var nextFreeDisk = FirstPassThroughDisk;
        var disks = new Dictionary<string, CimInstance>(StringComparer.Ordinal);
        for (var i = 0; i < records.Count; i++)
        {
            layouts[i] = AssignHostDisks(layouts[i], taken, ref nextFreeDisk);
            foreach (var drive in layouts[i].Drives.Where(d => d.Kind == DriveKind.PassThrough && !disks.ContainsKey(d.Path!)))
            {
                disks[drive.Path!] = _devices.HostDisk(HostDiskClassId, int.Parse(drive.Path!, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        hostDisks = disks;
        return layouts;
    }

    // Offline host disks no VM uses yet, after the highest one in use, so a pass-through disk can be added.
    private CimInstance[] SpareHostDisks()
    {
        var next = _hostDisks.Keys.Select(k => int.Parse(k, System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(FirstPassThroughDisk - 1).Max() + 1;
        var spares = new CimInstance[SpareHostDiskCount];
        for (var i = 0; i < spares.Length; i++)
        {
            var number = (next + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            spares[i] = _devices.HostDisk(HostDiskClassId, next + i);
            _hostDisks[number] = spares[i];
        }

        return spares;
    }

    /// <summary>Forgets a destroyed VM (its disks are free again; its instances were removed by the caller).</summary>
    public void Forget(VmRecord vm) => _layouts.Remove(vm);

    /// <summary>The host disk numbers VMs pass through now.</summary>
    public ISet<string> PassThroughDisksInUse() =>
        _layouts.Values.SelectMany(l => l.Drives).Where(d => d.Kind == DriveKind.PassThrough && d.Path is not null).Select(d => d.Path!).ToHashSet(StringComparer.Ordinal);

    /// <summary>A VM's devices as published (pass-through disks numbered); null before the devices are built.</summary>
    public VmDeviceLayout? LayoutOf(VmRecord vm) => _published && _layouts.TryGetValue(vm, out var layout) ? layout : null;

    /// <summary>The host disks that can be passed through, by disk number (those built so far).</summary>
    public IReadOnlyDictionary<string, CimInstance> HostDisks => _hostDisks;

    /// <summary>
    /// Replaces one VM's device settings (and guest network configurations) with those of a changed layout, after
    /// AddResourceSettings or RemoveResourceSettings (the caller holds the host's state lock; the devices are built).
    /// </summary>
    public void Republish(VmRecord vm, VmDeviceLayout layout, DateTimeOffset now)
    {
        var prefix = VmInstanceFactory.SettingDataId(vm) + @"\";
        var guestPrefix = GuestNetworkFactory.InstanceIdPrefix + vm.UpperId + @"\";
        var vssdClass = _ns.Required("Msvm_VirtualSystemSettingData").Class;
        var vssd = new CimReference(vssdClass.ResourceUri, [new("InstanceID", VmInstanceFactory.SettingDataId(vm))]);
        foreach (var className in RepublishedClasses)
        {
            if (_ns.Table(className) is not { } table)
            {
                continue;
            }

            foreach (var old in table.Items.Where(i => i.Class.Name == className && i["InstanceID"] is string id
                && (id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || id.StartsWith(guestPrefix, StringComparison.OrdinalIgnoreCase))).ToArray())
            {
                var oldText = InstanceKeys.ReferenceText(InstanceKeys.ReferenceTo(old));
                foreach (var association in _ns.AssociationsOf(oldText))
                {
                    _ns.RemoveAssociation(association);
                }

                table.Remove(old);
            }
        }

        var components = new List<CimInstance>();
        foreach (var setting in _devices.SettingsOf(vm, layout, _switchesByName, _hostDisks))
        {
            _ns.Required(setting.Class.Name).Add(setting);
            components.Add(Association("Msvm_VirtualSystemSettingDataComponent", "GroupComponent", vssd, "PartComponent", InstanceKeys.ReferenceTo(setting)));
        }

        _ns.AddAssociations("Msvm_VirtualSystemSettingDataComponent", components);
        foreach (var configuration in GuestConfigurations(vm, layout, now))
        {
            _ns.Required(configuration.Class.Name).Add(configuration);
        }

        _layouts[vm] = layout;
    }

    // The classes whose instances a VM's layout makes, one InstanceID prefix per VM.
    private static readonly string[] RepublishedClasses =
    [
        "Msvm_ResourceAllocationSettingData", "Msvm_SerialPortSettingData", "Msvm_StorageAllocationSettingData",
        "Msvm_SyntheticEthernetPortSettingData", "Msvm_EthernetPortAllocationSettingData", "Msvm_GuestNetworkAdapterConfiguration",
    ];

    /// <summary>Replaces what depends on a VM's state (guest network configurations, display) after it changed or the guest booted (the caller holds the host's state lock).</summary>
    public void PublishState(VmRecord vm, DateTimeOffset now)
    {
        if (!_published || !_layouts.TryGetValue(vm, out var layout))
        {
            return;
        }

        var table = _ns.Required("Msvm_GuestNetworkAdapterConfiguration");
        foreach (var configuration in GuestConfigurations(vm, layout, now))
        {
            table.Replace(configuration);
        }

        var controller = _display.Controller(vm, layout.Generation);
        _ns.Required(controller.Class.Name).Replace(controller);
        _ns.Required("Msvm_VideoHead").Replace(_display.Head(vm));
        _ns.Required("Msvm_Keyboard").Replace(_keyboard.Keyboard(vm));
    }

    private CimInstance Association(string className, string fromRole, CimReference from, string toRole, CimReference to)
    {
        var a = _ns.New(className);
        a[fromRole] = from;
        a[toRole] = to;
        return a;
    }

    private IEnumerable<CimInstance> GuestConfigurations(VmRecord vm, VmDeviceLayout layout, DateTimeOffset now)
    {
        var reporting = GuestState.HasAddresses(vm, now, _timing);
        foreach (var nic in layout.Nics)
        {
            var connectedTo = nic.SwitchName is { } name ? _switchSpecs.GetValueOrDefault(name) : null;
            yield return _guest.Configuration(vm, nic, connectedTo, reporting);
        }
    }

    // A pass-through drive without a disk number gets the host's next offline disk.
    private static VmDeviceLayout AssignHostDisks(VmDeviceLayout layout, HashSet<string> taken, ref int nextFreeDisk)
    {
        if (!layout.Drives.Any(d => d.Kind == DriveKind.PassThrough && d.Path is null))
        {
            return layout;
        }

        var drives = new List<DriveLayout>(layout.Drives.Count);
        foreach (var drive in layout.Drives)
        {
            if (drive.Kind != DriveKind.PassThrough || drive.Path is not null)
            {
                drives.Add(drive);
                continue;
            }

            // Bounded: each step skips one taken number, and there are finitely many.
            while (taken.Contains(nextFreeDisk.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                nextFreeDisk++;
            }

            drives.Add(drive with { Path = (nextFreeDisk++).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        return layout with { Drives = drives };
    }
}
