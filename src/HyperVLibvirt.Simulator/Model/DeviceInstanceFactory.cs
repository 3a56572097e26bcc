using System.Globalization;

namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// Builds one VM's device settings in a virtualization namespace, as Hyper-V models them in
/// root/virtualization/v2 (Microsoft's Msvm_ResourceAllocationSettingData,
/// Msvm_StorageAllocationSettingData, Msvm_SerialPortSettingData,
/// Msvm_SyntheticEthernetPortSettingData and Msvm_EthernetPortAllocationSettingData pages) and as
/// libvirt's hyperv_driver.c joins them (hypervDomainDefParseStorage, ...ParseSerial,
/// ...ParseEthernetAdapter): a drive's Parent is its controller's object path, a disk image's
/// Parent is its drive's, a switch port's Parent is its adapter's and its HostResource the
/// switch's. InstanceID shapes are in DEVICES.md.
/// </summary>
internal sealed class DeviceInstanceFactory
{
    /// <summary>The device-type GUID of Hyper-V's emulated IDE controller in InstanceIDs.</summary>
    public const string IdeControllerDeviceId = "83F8638B-8DCA-4152-9EDA-2CA8B33039B4";

    private readonly HostNamespace _ns;
    private readonly string _computerName;

    public DeviceInstanceFactory(HostNamespace ns, string computerName)
    {
        _ns = ns;
        _computerName = computerName;
    }

    /// <summary>Every device setting of a VM, in the order a real host lists them.</summary>
    public IEnumerable<CimInstance> SettingsOf(VmRecord vm, VmDeviceLayout layout, IReadOnlyDictionary<string, CimInstance> switchesByName, IReadOnlyDictionary<string, CimInstance> hostDisks)
    {
        var prefix = VmInstanceFactory.SettingDataId(vm);
        var ide = new List<CimInstance>();
        if (layout.Generation == 1)
        {
            for (var channel = 0; channel < 2; channel++)
            {
                var channelRasd = Rasd(IdeChannelId(vm, channel), 5, "Microsoft:Hyper-V:Emulated IDE Controller", "IDE Controller " + channel, "IDE Controller", "Microsoft Emulated IDE Controller");
                channelRasd["Address"] = channel.ToString(CultureInfo.InvariantCulture);
                ide.Add(channelRasd);
            }
        }

        var scsi = new Dictionary<int, CimInstance>();
        foreach (var slot in layout.ScsiSlots)
        {
            scsi[slot] = ScsiController(vm, slot);
        }

        var controllers = ide.Concat(scsi.Values).ToList();
        foreach (var controller in controllers)
        {
            yield return controller;
        }

        if (layout.Generation == 1)
        {
            // libvirt reads a diskette drive whose parent has ResourceType 1 (Other) as a floppy.
            var floppyController = Rasd(prefix + @"\" + StableGuid.UpperFrom(vm.Name + "/" + "fdc") + @"\0", 1, null, "Diskette Controller", "Diskette Controller", "Microsoft Virtual Diskette Controller");
            yield return floppyController;
            var floppyDrive = Rasd(DisketteDriveId(vm), 14, "Microsoft:Hyper-V:Synthetic Diskette Drive", "Diskette Drive", "Diskette Drive", "Microsoft Synthetic Diskette Drive");
            floppyDrive["Parent"] = WmiObjectPath.Of(_computerName, floppyController);
            floppyDrive["AddressOnParent"] = "0";
            yield return floppyDrive;
            if (layout.FloppyImage is { } image)
            {
                yield return Sasd(floppyDrive, "Microsoft:Hyper-V:Virtual Floppy Disk", "Floppy Disk Image", "Microsoft Virtual Floppy Disk", image);
            }
        }

        foreach (var drive in layout.Drives)
        {
            var controller = layout.OnScsi(drive) ? scsi[drive.Controller] : ide[Math.Min(drive.Controller, ide.Count - 1)];
            var driveId = DriveId(vm, layout, drive);
            var rasd = drive.Kind switch
            {
                DriveKind.VirtualHardDisk => Rasd(driveId, 17, "Microsoft:Hyper-V:Synthetic Disk Drive", "Hard Drive", "Hard Drive", "Microsoft Synthetic Disk Drive"),
                DriveKind.PassThrough => Rasd(driveId, 17, "Microsoft:Hyper-V:Physical Disk Drive", "Hard Drive", "Hard Drive", "Microsoft Physical Disk Drive"),
                _ => Rasd(driveId, 16, "Microsoft:Hyper-V:Synthetic DVD Drive", "DVD Drive", "DVD Drive", "Microsoft Synthetic DVD Drive"),
            };
            rasd["Parent"] = WmiObjectPath.Of(_computerName, controller);
            rasd["AddressOnParent"] = drive.Location.ToString(CultureInfo.InvariantCulture);
            if (drive.Kind == DriveKind.PassThrough && drive.Path is { } number && hostDisks.TryGetValue(number, out var hostDisk))
            {
                rasd["HostResource"] = CimValues.StringArray(WmiObjectPath.Of(_computerName, hostDisk));
            }

            yield return rasd;
            if (drive.Kind == DriveKind.VirtualHardDisk && drive.Path is { } vhd)
            {
                yield return Sasd(rasd, "Microsoft:Hyper-V:Virtual Hard Disk", "Hard Disk Image", "Microsoft Virtual Hard Disk", vhd);
            }
            else if (drive.Kind == DriveKind.DvdImage && drive.Path is { } iso)
            {
                yield return Sasd(rasd, "Microsoft:Hyper-V:Virtual CD/DVD Disk", "ISO Disk Image", "Microsoft Virtual CD/DVD Disk", iso);
            }
        }

        foreach (var port in layout.SerialPorts)
        {
            yield return SerialPort(prefix, vm, port);
        }

        foreach (var nic in layout.Nics)
        {
            var adapter = SyntheticNic(prefix, nic);
            yield return adapter;
            var connected = nic.SwitchName is { } name && switchesByName.TryGetValue(name, out var vswitch) ? vswitch : null;
            if (nic.HasConnection)
            {
                yield return SwitchPort(adapter, nic, connected);
            }
        }
    }

    /// <summary>The InstanceID of a generation 1 VM's IDE channel (0 or 1).</summary>
    public static string IdeChannelId(VmRecord vm, int channel) =>
        VmInstanceFactory.SettingDataId(vm) + @"\" + IdeControllerDeviceId + @"\" + channel.ToString(CultureInfo.InvariantCulture);

    /// <summary>The InstanceID of a generation 1 VM's diskette drive (its image's ends in \L instead of \D).</summary>
    public static string DisketteDriveId(VmRecord vm) =>
        VmInstanceFactory.SettingDataId(vm) + @"\" + StableGuid.UpperFrom(vm.Name + "/" + "fdc") + @"\0\0\D";

    /// <summary>The InstanceID of a drive: its controller's, then its location and \D (its image's ends in \L).</summary>
    public static string DriveId(VmRecord vm, VmDeviceLayout layout, DriveLayout drive) =>
        (layout.OnScsi(drive) ? ScsiControllerId(vm, drive.Controller) : IdeChannelId(vm, Math.Min(drive.Controller, 1)))
        + @"\" + drive.Location.ToString(CultureInfo.InvariantCulture) + @"\D";

    /// <summary>The InstanceID of COM 1 or COM 2.</summary>
    public static string SerialPortId(VmRecord vm, int port) =>
        VmInstanceFactory.SettingDataId(vm) + @"\" + StableGuid.UpperFrom(vm.Name + "/" + "com") + @"\" + (port - 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>The InstanceID of a network adapter (its connection's ends in \C).</summary>
    public static string NicId(VmRecord vm, NicLayout nic) => VmInstanceFactory.SettingDataId(vm) + @"\" + nic.Id.ToString("D").ToUpperInvariant();

    /// <summary>The InstanceID a VM's SCSI controller in a slot has (stable per VM and slot).</summary>
    public static string ScsiControllerId(VmRecord vm, int slot) =>
        VmInstanceFactory.SettingDataId(vm) + @"\" + StableGuid.UpperFrom(vm.Name + "/" + "scsi:" + slot) + @"\0";

    private CimInstance ScsiController(VmRecord vm, int slot)
    {
        var scsi = Rasd(ScsiControllerId(vm, slot), 6, "Microsoft:Hyper-V:Synthetic SCSI Controller", "SCSI Controller", "SCSI Controller", "Microsoft Synthetic SCSI Controller");
        scsi["Address"] = string.Empty;
        return scsi;
    }

    /// <summary>A host disk that can be passed through (Msvm_DiskDrive of the host, DriveNumber = its disk number).</summary>
    public CimInstance HostDisk(Guid hostDiskClassId, int driveNumber)
    {
        var d = _ns.New("Msvm_DiskDrive");
        var number = driveNumber.ToString(CultureInfo.InvariantCulture);
        d["Caption"] = "Disk drive";
        d["CreationClassName"] = "Msvm_DiskDrive";
        d["Description"] = "Disk drive";
        d["DeviceID"] = "Microsoft:" + hostDiskClassId.ToString("D").ToUpperInvariant() + @"\" + number;
        d["DriveNumber"] = CimValues.UInt((ulong)driveNumber);
        d["ElementName"] = "Disk " + number;
        d["EnabledDefault"] = CimValues.UInt(2);
        d["EnabledState"] = CimValues.UInt(2);
        d["HealthState"] = CimValues.UInt(5);
        d["Name"] = "Disk " + number;
        d["OperationalStatus"] = CimValues.UIntArray(2);
        d["RequestedState"] = CimValues.UInt(12);
        d["Status"] = "OK";
        d["SystemCreationClassName"] = "Msvm_ComputerSystem";
        d["SystemName"] = _computerName;
        return d;
    }

    private CimInstance Rasd(string instanceId, ulong resourceType, string? subType, string elementName, string caption, string description)
    {
        var r = _ns.New("Msvm_ResourceAllocationSettingData");
        r["InstanceID"] = instanceId;
        r["Caption"] = caption;
        r["Description"] = description;
        r["ElementName"] = elementName;
        r["ResourceType"] = CimValues.UInt(resourceType);
        r["ResourceSubType"] = subType;
        OneWholeUnit(r);
        r["VirtualQuantityUnits"] = "count";
        r["TargetVtl"] = CimValues.UInt(0);
        return r;
    }

    // A disk image in a drive: the drive's InstanceID with \L for \D (the logical disk).
    private CimInstance Sasd(CimInstance drive, string subType, string caption, string description, string path)
    {
        var s = _ns.New("Msvm_StorageAllocationSettingData");
        var driveId = (string)drive["InstanceID"]!;
        s["InstanceID"] = driveId[..^1] + "L";
        s["Caption"] = caption;
        s["Description"] = description;
        s["ElementName"] = caption;
        s["ResourceType"] = CimValues.UInt(31);
        s["ResourceSubType"] = subType;
        s["PoolID"] = string.Empty;
        s["ConsumerVisibility"] = CimValues.UInt(3);
        s["HostResource"] = CimValues.StringArray(path);
        s["AllocationUnits"] = "byte";
        s["VirtualQuantity"] = CimValues.UInt(1);
        s["Limit"] = CimValues.UInt(1);
        s["Weight"] = CimValues.UInt(0);
        s["AutomaticAllocation"] = CimValues.True;
        s["AutomaticDeallocation"] = CimValues.True;
        s["Parent"] = WmiObjectPath.Of(_computerName, drive);
        s["VirtualQuantityUnits"] = "count";
        s["Access"] = CimValues.UInt(subType.Contains("Hard Disk", StringComparison.Ordinal) ? 3u : 1u);
        s["HostResourceBlockSize"] = null;
        s["VirtualResourceBlockSize"] = CimValues.UInt(512);
        s["Reservation"] = CimValues.UInt(0);
        s["HostExtentStartingAddress"] = null;
        s["IOPSLimit"] = CimValues.UInt(0);
        s["IOPSReservation"] = CimValues.UInt(0);
        s["IOPSAllocationUnits"] = "count";
        s["PersistentReservationsSupported"] = CimValues.False;
        return s;
    }

    private CimInstance SerialPort(string prefix, VmRecord vm, SerialPortLayout port)
    {
        // Before Windows Server 2016 the class does not exist: serial ports are plain RASD.
        var subclass = _ns.Catalog.Find("Msvm_SerialPortSettingData") is not null;
        var s = _ns.New(subclass ? "Msvm_SerialPortSettingData" : "Msvm_ResourceAllocationSettingData");
        var number = port.Port.ToString(CultureInfo.InvariantCulture);
        s["InstanceID"] = SerialPortId(vm, port.Port);
        s["Caption"] = "COM " + number;
        s["Description"] = "Microsoft Serial Port";
        // libvirt takes the port number from ElementName[4] ("COM 1").
        s["ElementName"] = "COM " + number;
        s["ResourceType"] = CimValues.UInt(21);
        s["ResourceSubType"] = "Microsoft:Hyper-V:Serial Port";
        OneWholeUnit(s);
        s["Connection"] = CimValues.StringArray(port.Pipe ?? string.Empty);
        s["VirtualQuantityUnits"] = "count";
        if (subclass)
        {
            s["DebuggerMode"] = CimValues.False;
        }

        s["TargetVtl"] = CimValues.UInt(0);

        return s;
    }

    private CimInstance SyntheticNic(string prefix, NicLayout nic)
    {
        var n = _ns.New("Msvm_SyntheticEthernetPortSettingData");
        var nicId = nic.Id.ToString("D").ToUpperInvariant();
        n["InstanceID"] = prefix + @"\" + nicId;
        n["Caption"] = "Virtual Ethernet Port";
        n["Description"] = "Microsoft Virtual Ethernet Port";
        n["ElementName"] = "Network Adapter";
        n["ResourceType"] = CimValues.UInt(10);
        n["ResourceSubType"] = "Microsoft:Hyper-V:Synthetic Ethernet Port";
        OneWholeUnit(n);
        n["Address"] = nic.MacAddress;
        n["VirtualQuantityUnits"] = "count";
        n["VirtualSystemIdentifiers"] = CimValues.StringArray("{" + nicId + "}");
        n["StaticMacAddress"] = CimValues.Bool(nic.StaticMac);
        n["ClusterMonitored"] = CimValues.True;
        return n;
    }

    // The adapter's connection: InstanceID <adapter>\C; disconnected = EnabledState 3, no HostResource.
    private CimInstance SwitchPort(CimInstance adapter, NicLayout nic, CimInstance? vswitch)
    {
        var e = _ns.New("Msvm_EthernetPortAllocationSettingData");
        e["InstanceID"] = (string)adapter["InstanceID"]! + @"\C";
        e["Caption"] = "Ethernet Switch Port Settings";
        e["Description"] = "Ethernet Switch Port Settings";
        e["ElementName"] = "Dynamic Ethernet Switch Port";
        e["ResourceType"] = CimValues.UInt(33);
        e["ResourceSubType"] = "Microsoft:Hyper-V:Ethernet Connection";
        e["PoolID"] = string.Empty;
        e["ConsumerVisibility"] = CimValues.UInt(3);
        e["HostResource"] = vswitch is null ? null : CimValues.StringArray(WmiObjectPath.Of(_computerName, vswitch));
        e["AutomaticAllocation"] = CimValues.True;
        e["AutomaticDeallocation"] = CimValues.True;
        e["Parent"] = WmiObjectPath.Of(_computerName, adapter);
        e["VirtualQuantityUnits"] = "count";
        e["Weight"] = CimValues.UInt(0);
        e["EnabledState"] = CimValues.UInt(vswitch is null ? 3u : 2u);
        return e;
    }

    // A device that is one whole, visible unit of its resource (one drive, port or adapter), as Hyper-V reports every such RASD.
    private static void OneWholeUnit(CimInstance rasd)
    {
        rasd["PoolID"] = string.Empty;
        rasd["ConsumerVisibility"] = CimValues.UInt(3);
        rasd["AllocationUnits"] = "count";
        rasd["VirtualQuantity"] = CimValues.UInt(1);
        rasd["Reservation"] = CimValues.UInt(1);
        rasd["Limit"] = CimValues.UInt(1);
        rasd["Weight"] = CimValues.UInt(0);
        rasd["AutomaticAllocation"] = CimValues.True;
        rasd["AutomaticDeallocation"] = CimValues.True;
    }
}
