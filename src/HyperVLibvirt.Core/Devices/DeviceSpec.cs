namespace HyperVLibvirt.Core.Devices;

/// <summary>
/// One device to attach to a domain, as libvirt's hypervDomainAttachDeviceFlags and hypervDomainDefineXML
/// (src/hyperv/hyperv_driver.c) honour them: a disk, a SCSI controller, a network adapter or a serial port.
/// Made from libvirt's device XML (<see cref="DeviceXmlReader"/>) or from parameters.
/// </summary>
public abstract record DeviceSpec
{
    /// <summary>A short description for messages, for example <c>virtual hard disk 'C:\VMs\a.vhdx'</c>.</summary>
    public abstract string Describe();
}
