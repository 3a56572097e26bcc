using System.Globalization;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Core.Devices;

/// <summary>
/// Checks every device against the domain before anything is sent and places each disk, so that a request Hyper-V would
/// refuse in part is refused whole. The rules are Hyper-V's: IDE drives, SCSI controllers and a generation-1 VM's adapters
/// are added only while the VM is off; SCSI drives, media, COM ports and a generation-2 VM's adapters also while it runs;
/// nothing but a COM port while it is saved, paused or changing state. Devices come back in libvirt's order (hypervDomainDefineXML:
/// SCSI controllers, disks, serial ports, adapters).
/// </summary>
internal sealed class DevicePlanner
{
    private readonly HvDomain _domain;
    private readonly DeviceInventory _inventory;
    private readonly bool _serialPortsInResourceSettings;
    private readonly List<ControllerSlot> _ide = [];
    private readonly List<ControllerSlot> _scsi = [];

    private DevicePlanner(HvDomain domain, DeviceInventory inventory, bool serialPortsInResourceSettings)
    {
        _domain = domain;
        _inventory = inventory;
        _serialPortsInResourceSettings = serialPortsInResourceSettings;
        var channels = inventory.IdeChannels();
        for (var i = 0; i < channels.Length; i++)
        {
            if (channels[i] is { } channel)
            {
                _ide.Add(new ControllerSlot { Bus = DiskBus.Ide, Index = i, InstanceId = channel.GetString("InstanceID"), Taken = inventory.TakenLocations(channel) });
            }
        }
        var scsi = inventory.ScsiControllers();
        for (var i = 0; i < scsi.Count; i++)
        {
            _scsi.Add(new ControllerSlot { Bus = DiskBus.Scsi, Index = i, InstanceId = scsi[i].GetString("InstanceID"), Taken = inventory.TakenLocations(scsi[i]) });
        }
    }

    /// <summary>The devices checked and placed, in libvirt's order.</summary>
    /// <exception cref="HvDeviceException">A device Hyper-V would refuse for this domain; nothing is sent.</exception>
    public static IReadOnlyList<PlannedDevice> Plan(HvDomain domain, DeviceInventory inventory, IReadOnlyList<DeviceSpec> devices,
        bool serialPortsInResourceSettings)
    {
        var planner = new DevicePlanner(domain, inventory, serialPortsInResourceSettings);
        var ordered = devices.Select((d, i) => (d, i)).OrderBy(x => Rank(x.d)).ThenBy(x => x.i).Select(x => x.d);
        return ordered.Select(planner.PlanOne).ToList();
    }

    private static int Rank(DeviceSpec device) => device switch
    {
        ScsiControllerSpec => 0,
        DiskSpec => 1,
        SerialPortSpec => 2,
        _ => 3,
    };

    private PlannedDevice PlanOne(DeviceSpec device) => device switch
    {
        ScsiControllerSpec controller => PlanController(controller),
        DiskSpec disk => PlanDisk(disk),
        SerialPortSpec serial => PlanSerial(serial),
        NetworkAdapterSpec adapter => PlanAdapter(adapter),
        _ => throw new ArgumentException($"'{device.GetType().Name}' is not a device this service attaches.", nameof(device)),
    };

    private bool IsOff => _domain.EnabledState == EnabledStates.Disabled;

    private bool IsRunning => _domain.EnabledState == EnabledStates.Enabled;

    private PlannedController PlanController(ScsiControllerSpec controller)
    {
        RequireOff(controller, "SCSI controllers");
        var next = _scsi.Count;
        if (next >= DeviceXmlReader.ScsiControllers)
        {
            throw Refuse(DeviceFailure.ControllerIndexUnavailable, controller, "it has four SCSI controllers, Hyper-V's most.",
                "Put the disk on one of its controllers (Get-HvDomainXml shows them).");
        }
        if (controller.Index is { } index && index != next)
        {
            throw Refuse(DeviceFailure.ControllerIndexUnavailable, controller,
                string.Create(CultureInfo.InvariantCulture, $"it has {next} SCSI controller(s), so a new one gets index {next}, not {index}."),
                string.Create(CultureInfo.InvariantCulture, $"Write index='{next}' or leave the index out."));
        }
        var slot = new ControllerSlot { Bus = DiskBus.Scsi, Index = next };
        _scsi.Add(slot);
        return new PlannedController(controller, slot);
    }

    private PlannedDisk PlanDisk(DiskSpec disk)
    {
        _inventory.Host.CheckImage(disk, Refuse);
        if (disk.Kind == DiskKind.Floppy)
        {
            RequireOffOrRunning(disk);
            var drive = _inventory.DisketteDrive()
                ?? throw Refuse(DeviceFailure.NotOnGeneration, disk, "it has no diskette drive (only generation 1 has one).",
                    "Attach the image as a DVD (an ISO) or a disk instead.");
            if (_inventory.MediaOf(drive) is { } media)
            {
                throw Refuse(DeviceFailure.MediaPresent, disk, $"its diskette drive holds '{media}' already, and Hyper-V's drive holds one floppy.");
            }
            return new PlannedDisk(disk, null, 0, drive.GetString("InstanceID"), null);
        }

        var bus = disk.Bus ?? (_inventory.Generation == 2 ? DiskBus.Scsi : DiskBus.Ide);
        if (bus == DiskBus.Ide)
        {
            if (_inventory.Generation == 2)
            {
                throw Refuse(DeviceFailure.NotOnGeneration, disk, "it is a generation 2 VM, which has no IDE controller.",
                    "Attach the disk on SCSI (bus='scsi' or -ControllerType Scsi).");
            }
            RequireOff(disk, "drives on IDE");
        }
        else
        {
            RequireOffOrRunning(disk);
        }

        var slots = bus == DiskBus.Ide ? _ide : _scsi;
        var capacity = bus == DiskBus.Ide ? DeviceXmlReader.IdeLocations : DeviceXmlReader.ScsiLocations;
        if (disk.Location is { } asked && (asked < 0 || asked >= capacity))
        {
            throw Refuse(DeviceFailure.LocationTaken, disk, string.Create(CultureInfo.InvariantCulture,
                $"location {asked} does not exist: {(bus == DiskBus.Ide ? "an IDE channel has locations 0 and 1" : "a SCSI controller has locations 0 to 63")}."));
        }
        if (slots.Count == 0)
        {
            throw Refuse(DeviceFailure.ControllerNotFound, disk, bus == DiskBus.Scsi ? "it has no SCSI controller." : "it has no IDE channel.",
                bus == DiskBus.Scsi ? "Add a controller in the same request (<controller type='scsi'/>), with the domain off." : null);
        }
        IEnumerable<ControllerSlot> candidates = slots;
        if (disk.Controller is { } wanted)
        {
            var slot = slots.FirstOrDefault(s => s.Index == wanted)
                ?? throw Refuse(DeviceFailure.ControllerNotFound, disk, bus == DiskBus.Ide
                    ? string.Create(CultureInfo.InvariantCulture, $"it has no IDE channel {wanted}.")
                    : string.Create(CultureInfo.InvariantCulture, $"it has no SCSI controller {wanted} (it has {slots.Count})."),
                    bus == DiskBus.Scsi ? "Add a controller in the same request (<controller type='scsi'/>), with the domain off." : null);
            candidates = [slot];
        }

        foreach (var slot in candidates)
        {
            if (disk.Location is { } location)
            {
                if (!slot.Taken.TryGetValue(location, out var holder))
                {
                    return Place(disk, slot, location);
                }
                if (disk.Controller is not null)
                {
                    throw Refuse(DeviceFailure.LocationTaken, disk,
                        string.Create(CultureInfo.InvariantCulture, $"{Where(bus, slot.Index, location)} holds {holder}."),
                        "Choose a free location, or leave the location out to take the first free one.");
                }
                continue;
            }
            for (var free = 0; free < capacity; free++)
            {
                if (!slot.Taken.ContainsKey(free))
                {
                    return Place(disk, slot, free);
                }
            }
        }
        throw Refuse(disk.Location is null ? DeviceFailure.NoFreeLocation : DeviceFailure.LocationTaken, disk,
            disk.Location is { } l
                ? string.Create(CultureInfo.InvariantCulture, $"location {l} is taken on every {(bus == DiskBus.Ide ? "IDE channel" : "SCSI controller")}.")
                : $"every location of its {(bus == DiskBus.Ide ? "IDE channels" : "SCSI controllers")} is taken.",
            bus == DiskBus.Scsi ? "Add a SCSI controller in the same request (<controller type='scsi'/>), with the domain off." : null);
    }

    private PlannedDisk Place(DiskSpec disk, ControllerSlot slot, int location)
    {
        slot.Taken[location] = "the " + disk.Describe() + " attached before it";
        string? hostDiskPath = null;
        if (disk.Kind == DiskKind.PassThroughDisk)
        {
            var hostDisk = _inventory.Host.ResolveHostDisk(disk, Refuse);
            // A host disk's SystemName is the host's computer name, which is also the path's server.
            var systemName = hostDisk.GetString("SystemName") ?? _domain.ComputerName;
            hostDiskPath = DevicePaths.DiskDrive(systemName, hostDisk.GetString("DeviceID") ?? string.Empty, systemName);
        }
        return new PlannedDisk(disk, slot, location, null, hostDiskPath);
    }

    // Hyper-V reconnects a COM port in any state the domain is in (Set-VMComPort): no state check here.
    private PlannedSerial PlanSerial(SerialPortSpec serial)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"COM {serial.Port}");
        var port = _inventory.SerialPorts.FirstOrDefault(p => p.GetUInt64("ResourceType") == 21 && p.GetString("ElementName") == name)
            ?? throw Refuse(DeviceFailure.SerialPortNotFound, serial, $"it has no {name}.");
        var className = _serialPortsInResourceSettings ? DeviceSettings.ResourceClass : DeviceSettings.SerialPortClass;
        return new PlannedSerial(serial, className, port.GetString("InstanceID") ?? string.Empty);
    }

    private PlannedAdapter PlanAdapter(NetworkAdapterSpec adapter)
    {
        if (_inventory.Generation == 1)
        {
            RequireOff(adapter, "network adapters to a generation 1 VM");
        }
        else
        {
            RequireOffOrRunning(adapter);
        }
        var vswitch = _inventory.Host.ResolveSwitch(adapter, Refuse);
        return new PlannedAdapter(adapter, vswitch.GetString("Name") ?? string.Empty, vswitch.GetString("ElementName") ?? string.Empty);
    }

    private static string Where(DiskBus bus, int controller, int location) => bus == DiskBus.Ide
        ? string.Create(CultureInfo.InvariantCulture, $"IDE channel {controller} location {location}")
        : string.Create(CultureInfo.InvariantCulture, $"SCSI controller {controller} location {location}");

    private void RequireOff(DeviceSpec device, string what)
    {
        if (!IsOff)
        {
            throw Refuse(DeviceFailure.NeedsDomainOff, device, $"it is {_domain.HyperVState}, and Hyper-V adds {what} only while a domain is off.",
                "Stop the domain with Stop-HvDomain, then attach the device.");
        }
    }

    private void RequireOffOrRunning(DeviceSpec device)
    {
        if (!IsOff && !IsRunning)
        {
            throw Refuse(DeviceFailure.NeedsDomainOff, device,
                $"it is {_domain.HyperVState}, and Hyper-V changes a domain's devices only while it is off or running.",
                "Start the domain (Start-HvDomain) or stop it (Stop-HvDomain), then attach the device.");
        }
    }

    private HvDeviceException Refuse(DeviceFailure reason, DeviceSpec device, string why, string? recommendedAction = null) =>
        new(reason, _domain.Name, _domain.Uuid,
            $"Cannot attach the {device.Describe()} to domain '{_domain.Name}' on {_domain.ComputerName}: {why} Nothing was attached.",
            recommendedAction: recommendedAction);
}
