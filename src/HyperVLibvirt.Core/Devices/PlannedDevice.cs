namespace HyperVLibvirt.Core.Devices;

/// <summary>An IDE channel or SCSI controller a disk goes on: one the domain has, or one this attach adds (its InstanceID known once added).</summary>
internal sealed class ControllerSlot
{
    public required DiskBus Bus { get; init; }

    /// <summary>The IDE channel or libvirt's SCSI controller index.</summary>
    public required int Index { get; init; }

    /// <summary>The controller's InstanceID; null until a new controller is added.</summary>
    public string? InstanceId { get; set; }

    /// <summary>The locations taken, with what holds each (planned disks included).</summary>
    public Dictionary<int, string> Taken { get; init; } = [];
}

/// <summary>A device checked against the domain, with everything its calls need but the InstanceIDs still to come.</summary>
internal abstract record PlannedDevice(DeviceSpec Spec);

/// <summary>A new SCSI controller, filling <see cref="Slot"/> when added.</summary>
internal sealed record PlannedController(ScsiControllerSpec Controller, ControllerSlot Slot) : PlannedDevice(Controller);

/// <summary>A drive at <see cref="Location"/> of <see cref="Slot"/> with its media; a floppy goes into the diskette drive instead.</summary>
internal sealed record PlannedDisk(DiskSpec Disk, ControllerSlot? Slot, int Location, string? DisketteDriveId, string? HostDiskPath) : PlannedDevice(Disk);

/// <summary>An adapter connected to the switch whose Name (GUID) is <see cref="SwitchName"/>.</summary>
internal sealed record PlannedAdapter(NetworkAdapterSpec Adapter, string SwitchName, string SwitchElementName) : PlannedDevice(Adapter);

/// <summary>The COM port setting whose Connection changes.</summary>
internal sealed record PlannedSerial(SerialPortSpec Serial, string ClassName, string InstanceId) : PlannedDevice(Serial);
