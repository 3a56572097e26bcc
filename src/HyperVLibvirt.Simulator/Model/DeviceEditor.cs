using System.Globalization;
using HyperVLibvirt.Simulator.Wql;

namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// Adds devices to and removes them from one VM's layout, as AddResourceSettings and RemoveResourceSettings ask, checking
/// each change as Hyper-V does before anything is applied (the caller applies <see cref="Layout"/> only when every change
/// of a call succeeded). Embedded instances are read as libvirt's hyperv_driver.c builds them
/// (hypervDomainCreateSCSIController, hypervDomainAddVirtualDiskParent, hypervDomainAddVirtualHardDisk,
/// hypervDomainAttachCDROM, hypervDomainAttachFloppy, hypervDomainAttachPhysicalDisk,
/// hypervDomainAttachSyntheticEthernetAdapter): Parent and HostResource are WMI object paths.
/// </summary>
/// <remarks>
/// Codes (Microsoft's AddResourceSettings / RemoveResourceSettings pages): 32773 invalid parameter (a wrong class or
/// subtype, a Parent, switch or host disk that does not exist, a location or disk already taken, a device that cannot
/// be removed), 32775 invalid state (anything on IDE, a SCSI controller, or a generation 1 VM's network adapter while
/// the VM is not off; Hyper-V adds only SCSI drives and their images, DVD and diskette images and a generation 2 VM's
/// network adapters to a VM that runs; the caller refuses any change to a saved VM).
/// </remarks>
internal sealed class DeviceEditor
{
    /// <summary>Hyper-V's most SCSI controllers per VM.</summary>
    public const int MaxScsiControllers = 4;

    private const int IdeLocations = 2;
    private const int ScsiLocations = 64;
    private const uint Done = StateTransitions.Completed;
    private const uint Invalid = StateTransitions.InvalidParameter;
    private const uint InvalidState = StateTransitions.InvalidStateV2;

    private readonly VmRecord _vm;
    private readonly IReadOnlyList<SwitchSpec> _switches;
    private readonly IReadOnlyDictionary<string, CimInstance> _hostDisks;
    private readonly ISet<string> _busyHostDisks;
    private readonly Func<string, bool> _fileExists;

    public DeviceEditor(VmRecord vm, VmDeviceLayout layout, IReadOnlyList<SwitchSpec> switches, IReadOnlyDictionary<string, CimInstance> hostDisks, ISet<string> busyHostDisks, Func<string, bool> fileExists)
    {
        _vm = vm;
        Layout = layout;
        _switches = switches;
        _hostDisks = hostDisks;
        _busyHostDisks = busyHostDisks;
        _fileExists = fileExists;
    }

    /// <summary>The layout with every change made so far.</summary>
    public VmDeviceLayout Layout { get; private set; }

    /// <summary>The first image file an added medium names that the host does not have (its job fails), or null.</summary>
    public string? MissingFile { get; private set; }

    private bool IsOff => _vm.State == EnabledStates.Disabled;

    /// <summary>Adds one device; on success gives the class and InstanceID of the setting it made.</summary>
    public (uint Code, string? ClassName, string? InstanceId) Add(EmbeddedInstanceText instance)
    {
        var subType = instance.Text("ResourceSubType") ?? string.Empty;
        var className = instance.ClassName;
        var (code, id, madeClass) = (Class(className), subType) switch
        {
            ("Msvm_ResourceAllocationSettingData", "Microsoft:Hyper-V:Synthetic SCSI Controller") when TypeIs(instance, 6) => AddScsiController(),
            ("Msvm_ResourceAllocationSettingData", "Microsoft:Hyper-V:Synthetic Disk Drive") when TypeIs(instance, 17) => AddDrive(instance, DriveKind.VirtualHardDisk),
            ("Msvm_ResourceAllocationSettingData", "Microsoft:Hyper-V:Synthetic DVD Drive") when TypeIs(instance, 16) => AddDrive(instance, DriveKind.EmptyDvd),
            ("Msvm_ResourceAllocationSettingData", "Microsoft:Hyper-V:Physical Disk Drive") when TypeIs(instance, 17) => AddDrive(instance, DriveKind.PassThrough),
            // libvirt sends images as Msvm_ResourceAllocationSettingData of ResourceType 31; Hyper-V makes a SASD either way.
            ("Msvm_StorageAllocationSettingData" or "Msvm_ResourceAllocationSettingData", "Microsoft:Hyper-V:Virtual Hard Disk"
                or "Microsoft:Hyper-V:Virtual CD/DVD Disk" or "Microsoft:Hyper-V:Virtual Floppy Disk") when TypeIs(instance, 31) => AddMedium(instance, subType),
            ("Msvm_SyntheticEthernetPortSettingData", "Microsoft:Hyper-V:Synthetic Ethernet Port") when TypeIs(instance, 10) => AddNic(instance),
            ("Msvm_EthernetPortAllocationSettingData", "Microsoft:Hyper-V:Ethernet Connection") when TypeIs(instance, 33) => AddConnection(instance),
            _ => (Invalid, null, null),
        };
        return code == Done ? (Done, madeClass, id) : (code, null, null);
    }

    /// <summary>Removes the device a setting's InstanceID names, with what hangs on it (a drive's image, a controller's drives, an adapter's connection).</summary>
    public uint Remove(string instanceId)
    {
        var layout = Layout;
        foreach (var slot in layout.ScsiSlots)
        {
            if (Same(instanceId, DeviceInstanceFactory.ScsiControllerId(_vm, slot)))
            {
                if (!IsOff)
                {
                    return InvalidState;
                }

                Layout = layout with
                {
                    ScsiControllers = layout.ScsiSlots.Where(s => s != slot).ToArray(),
                    Drives = layout.Drives.Where(d => !(layout.OnScsi(d) && d.Controller == slot)).ToArray(),
                };
                return Done;
            }
        }

        foreach (var drive in layout.Drives)
        {
            var driveId = DeviceInstanceFactory.DriveId(_vm, layout, drive);
            var onIde = !layout.OnScsi(drive);
            if (Same(instanceId, driveId))
            {
                if (onIde && !IsOff)
                {
                    return InvalidState;
                }

                Layout = layout with { Drives = layout.Drives.Where(d => d != drive).ToArray() };
                return Done;
            }

            if (Same(instanceId, MediumId(driveId)) && drive.Kind is DriveKind.VirtualHardDisk or DriveKind.DvdImage && drive.Path is not null)
            {
                if (drive.Kind == DriveKind.VirtualHardDisk && onIde && !IsOff)
                {
                    return InvalidState;
                }

                Replace(drive, drive.Kind == DriveKind.DvdImage ? drive with { Kind = DriveKind.EmptyDvd, Path = null } : drive with { Path = null });
                return Done;
            }
        }

        if (layout.Generation == 1 && layout.FloppyImage is not null && Same(instanceId, MediumId(DeviceInstanceFactory.DisketteDriveId(_vm))))
        {
            Layout = layout with { FloppyImage = null };
            return Done;
        }

        foreach (var nic in layout.Nics)
        {
            var nicId = DeviceInstanceFactory.NicId(_vm, nic);
            if (Same(instanceId, nicId))
            {
                if (layout.Generation == 1 && !IsOff)
                {
                    return InvalidState;
                }

                Layout = layout with { Nics = layout.Nics.Where(n => n != nic).ToArray() };
                return Done;
            }

            if (nic.HasConnection && Same(instanceId, nicId + @"\C"))
            {
                Layout = layout with { Nics = layout.Nics.Select(n => n == nic ? n with { HasConnection = false, SwitchName = null } : n).ToArray() };
                return Done;
            }
        }

        // IDE channels, the diskette controller and drive, COM ports and anything else stay.
        return Invalid;
    }

    private (uint, string?, string?) AddScsiController()
    {
        var slots = Layout.ScsiSlots;
        if (slots.Count >= MaxScsiControllers)
        {
            return (Invalid, null, null);
        }

        if (!IsOff)
        {
            return (InvalidState, null, null);
        }

        var slot = Enumerable.Range(0, MaxScsiControllers).First(s => !slots.Contains(s));
        Layout = Layout with { ScsiControllers = [.. slots, slot] };
        return (Done, DeviceInstanceFactory.ScsiControllerId(_vm, slot), "Msvm_ResourceAllocationSettingData");
    }

    private (uint, string?, string?) AddDrive(EmbeddedInstanceText instance, DriveKind kind)
    {
        var layout = Layout;
        var parentId = InstanceIdOf(instance.Text("Parent"));
        int? ideChannel = layout.Generation == 1 ? Enumerable.Range(0, 2).Cast<int?>().FirstOrDefault(c => Same(parentId, DeviceInstanceFactory.IdeChannelId(_vm, c!.Value))) : null;
        int? scsiSlot = layout.ScsiSlots.Cast<int?>().FirstOrDefault(s => Same(parentId, DeviceInstanceFactory.ScsiControllerId(_vm, s!.Value)));
        if (ideChannel is null && scsiSlot is null)
        {
            return (Invalid, null, null);
        }

        var onScsi = scsiSlot is not null;
        var controller = (scsiSlot ?? ideChannel)!.Value;
        var taken = layout.Drives.Where(d => layout.OnScsi(d) == onScsi && d.Controller == controller).Select(d => d.Location).ToHashSet();
        var size = onScsi ? ScsiLocations : IdeLocations;
        int location;
        if (instance.Text("AddressOnParent") is { Length: > 0 } address)
        {
            if (!int.TryParse(address.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out location) || location >= size || taken.Contains(location))
            {
                return (Invalid, null, null);
            }
        }
        else if (Enumerable.Range(0, size).Where(l => !taken.Contains(l)).Cast<int?>().FirstOrDefault() is { } free)
        {
            location = free;
        }
        else
        {
            return (Invalid, null, null);
        }

        string? hostDisk = null;
        if (kind == DriveKind.PassThrough)
        {
            // HostResource names the host's Msvm_DiskDrive; its DeviceID ends in the disk number.
            var deviceId = KeyOf(First(instance.Properties.GetValueOrDefault("HostResource")), "Msvm_DiskDrive", "DeviceID");
            hostDisk = deviceId?[(deviceId.LastIndexOf('\\') + 1)..];
            if (hostDisk is null || !_hostDisks.ContainsKey(hostDisk) || _busyHostDisks.Contains(hostDisk) || layout.Drives.Any(d => d.Kind == DriveKind.PassThrough && d.Path == hostDisk))
            {
                return (Invalid, null, null);
            }
        }

        if (!onScsi && !IsOff)
        {
            return (InvalidState, null, null);
        }

        var drive = new DriveLayout(kind, controller, location, hostDisk, Scsi: onScsi && layout.Generation == 1);
        Layout = layout with { Drives = [.. layout.Drives, drive] };
        return (Done, DeviceInstanceFactory.DriveId(_vm, Layout, drive), "Msvm_ResourceAllocationSettingData");
    }

    private (uint, string?, string?) AddMedium(EmbeddedInstanceText instance, string subType)
    {
        var layout = Layout;
        var parentId = InstanceIdOf(instance.Text("Parent"));
        var path = First(instance.Properties.GetValueOrDefault("HostResource"));
        if (string.IsNullOrWhiteSpace(path) || parentId is null)
        {
            return (Invalid, null, null);
        }

        if (subType == "Microsoft:Hyper-V:Virtual Floppy Disk")
        {
            var disketteId = DeviceInstanceFactory.DisketteDriveId(_vm);
            if (layout.Generation != 1 || !Same(parentId, disketteId) || layout.FloppyImage is not null)
            {
                return (Invalid, null, null);
            }

            NoteFile(path);
            Layout = layout with { FloppyImage = path };
            return (Done, MediumId(disketteId), "Msvm_StorageAllocationSettingData");
        }

        var wanted = subType == "Microsoft:Hyper-V:Virtual Hard Disk" ? DriveKind.VirtualHardDisk : DriveKind.EmptyDvd;
        var drive = layout.Drives.FirstOrDefault(d => Same(parentId, DeviceInstanceFactory.DriveId(_vm, layout, d)));
        if (drive is null || drive.Kind != wanted || drive.Path is not null)
        {
            return (Invalid, null, null);
        }

        if (wanted == DriveKind.VirtualHardDisk && !layout.OnScsi(drive) && !IsOff)
        {
            return (InvalidState, null, null);
        }

        NoteFile(path);
        Replace(drive, drive with { Kind = wanted == DriveKind.EmptyDvd ? DriveKind.DvdImage : wanted, Path = path });
        return (Done, MediumId(DeviceInstanceFactory.DriveId(_vm, layout, drive)), "Msvm_StorageAllocationSettingData");
    }

    private (uint, string?, string?) AddNic(EmbeddedInstanceText instance)
    {
        var layout = Layout;
        var id = Guid.NewGuid();
        if (First(instance.Properties.GetValueOrDefault("VirtualSystemIdentifiers")) is { Length: > 0 } given
            && (!Guid.TryParse(given.Trim().Trim('{', '}'), out id) || layout.Nics.Any(n => n.Id == id)))
        {
            return (Invalid, null, null);
        }

        var isStatic = string.Equals(instance.Text("StaticMacAddress")?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        string mac;
        if (isStatic)
        {
            mac = (instance.Text("Address") ?? string.Empty).Replace("-", string.Empty, StringComparison.Ordinal).Replace(":", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
            if (mac.Length != 12 || !mac.All(Uri.IsHexDigit))
            {
                return (Invalid, null, null);
            }
        }
        else
        {
            // Hyper-V hands out a dynamic address from its 00-15-5D pool at once.
            var index = layout.Nics.Count;
            while (layout.Nics.Any(n => n.MacAddress == VmDeviceLayout.MacFor(_vm.Spec.Id, index)) && index < layout.Nics.Count + 256)
            {
                index++;
            }

            mac = VmDeviceLayout.MacFor(_vm.Spec.Id, index);
        }

        if (layout.Generation == 1 && !IsOff)
        {
            return (InvalidState, null, null);
        }

        var nic = new NicLayout(id, mac, isStatic, SwitchName: null, HasConnection: false);
        Layout = layout with { Nics = [.. layout.Nics, nic] };
        return (Done, DeviceInstanceFactory.NicId(_vm, nic), "Msvm_SyntheticEthernetPortSettingData");
    }

    private (uint, string?, string?) AddConnection(EmbeddedInstanceText instance)
    {
        var layout = Layout;
        var parentId = InstanceIdOf(instance.Text("Parent"));
        var nic = layout.Nics.FirstOrDefault(n => Same(parentId, DeviceInstanceFactory.NicId(_vm, n)));
        if (nic is null || nic.HasConnection)
        {
            return (Invalid, null, null);
        }

        string? switchName = null;
        if (First(instance.Properties.GetValueOrDefault("HostResource")) is { Length: > 0 } switchPath)
        {
            var name = KeyOf(switchPath, "Msvm_VirtualEthernetSwitch", "Name");
            var found = name is not null && Guid.TryParse(name, out var switchId) ? _switches.FirstOrDefault(s => s.Id == switchId) : null;
            if (found is null)
            {
                return (Invalid, null, null);
            }

            switchName = found.Name;
        }

        Replace(nic, nic with { HasConnection = true, SwitchName = switchName });
        return (Done, DeviceInstanceFactory.NicId(_vm, nic) + @"\C", "Msvm_EthernetPortAllocationSettingData");
    }

    private void NoteFile(string path)
    {
        if (MissingFile is null && !_fileExists(path))
        {
            MissingFile = path;
        }
    }

    private void Replace(DriveLayout old, DriveLayout changed) =>
        Layout = Layout with { Drives = Layout.Drives.Select(d => d == old ? changed : d).ToArray() };

    private void Replace(NicLayout old, NicLayout changed) =>
        Layout = Layout with { Nics = Layout.Nics.Select(n => n == old ? changed : n).ToArray() };

    private static string MediumId(string driveId) => driveId[..^1] + "L";

    private static bool Same(string? a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    // The class names Hyper-V matches case-insensitively.
    private static string Class(string name) =>
        new[] { "Msvm_ResourceAllocationSettingData", "Msvm_StorageAllocationSettingData", "Msvm_SyntheticEthernetPortSettingData", "Msvm_EthernetPortAllocationSettingData" }
            .FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase)) ?? name;

    // ResourceType, when given, must be the subtype's.
    private static bool TypeIs(EmbeddedInstanceText instance, ulong resourceType) =>
        instance.Text("ResourceType") is not { } text
        || (ulong.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var given) && given == resourceType);

    private static string? First(object? value) => value switch
    {
        string text => text,
        IReadOnlyList<string> { Count: > 0 } items => items[0],
        _ => null,
    };

    // The InstanceID a WMI object path (\\HOST\root\virtualization\v2:Class.InstanceID="...") names, or null.
    private static string? InstanceIdOf(string? path) => KeyOf(path, null, "InstanceID");

    private static string? KeyOf(string? path, string? className, string key)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        try
        {
            var parsed = WqlObjectPathParser.Parse(path, 0);
            if (className is not null && !string.Equals(parsed.ClassName, className, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            return parsed.Keys.FirstOrDefault(k => string.Equals(k.Key, key, StringComparison.OrdinalIgnoreCase)).Value;
        }
        catch (WqlSyntaxException)
        {
            return null;
        }
    }
}
