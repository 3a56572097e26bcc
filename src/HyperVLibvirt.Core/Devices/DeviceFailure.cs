namespace HyperVLibvirt.Core.Devices;

/// <summary>Why a device was not attached; <c>"Device" + name</c> is the ErrorId.</summary>
public enum DeviceFailure
{
    /// <summary>The host no longer has the domain.</summary>
    DomainNotFound,

    /// <summary>The host speaks only the v1 virtualization namespace (Windows Server 2008 to 2012), whose device classes libvirt never used.</summary>
    NotSupportedOnHost,

    /// <summary>The domain's settings (its Msvm_VirtualSystemSettingData) could not be read.</summary>
    SettingsNotFound,

    /// <summary>Hyper-V adds this device only while the domain is off (checked before anything is sent).</summary>
    NeedsDomainOff,

    /// <summary>The domain's generation has no such controller: IDE or a diskette drive on generation 2.</summary>
    NotOnGeneration,

    /// <summary>The IDE channel or SCSI controller named does not exist.</summary>
    ControllerNotFound,

    /// <summary>The location on the controller holds a drive already.</summary>
    LocationTaken,

    /// <summary>Every location of the controllers that fit is taken.</summary>
    NoFreeLocation,

    /// <summary>The SCSI controller index given is not the one a new controller gets, or four exist already.</summary>
    ControllerIndexUnavailable,

    /// <summary>The image file is not on the host (checked through CIM_DataFile before anything is sent).</summary>
    ImageNotFound,

    /// <summary>The diskette drive holds a floppy already.</summary>
    MediaPresent,

    /// <summary>No virtual switch has that name or GUID.</summary>
    SwitchNotFound,

    /// <summary>Several switches have that name; the GUID picks one.</summary>
    SwitchAmbiguous,

    /// <summary>The domain has no such COM port.</summary>
    SerialPortNotFound,

    /// <summary>The host has no disk with that number to pass through.</summary>
    HostDiskNotFound,

    /// <summary>The host refused a method with a return code.</summary>
    HostRefused,

    /// <summary>The job of a device's second call failed; what its first call added was removed.</summary>
    JobFailed,

    /// <summary>The answer had no ReturnValue, no job InstanceID, or no reference to the new setting.</summary>
    InvalidResponse,

    /// <summary>A device failed after other devices of the same request were attached; those stay.</summary>
    PartlyAttached,

    /// <summary>A device failed half-way and removing its first half failed too: that half remains.</summary>
    UndoFailed,
}
