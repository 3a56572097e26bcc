# Prose of Add-HvDomainDevice's help; parameter facts come from the cmdlet, shared texts from _DomainLifecycle.psd1.
@{
    Include     = '_DomainLifecycle.psd1'
    Synopsis    = 'Attaches disks, DVD and floppy images, SCSI controllers, network adapters and COM port pipes to domains.'
    Description = @(
        'Add-HvDomainDevice does what virsh attach-device does on a Hyper-V host, through Msvm_VirtualSystemManagementService: AddResourceSettings for a SCSI controller, a drive and the image in it, or a network adapter and its connection to a switch; ModifyResourceSettings for the named pipe of COM 1 or COM 2. The settings travel as embedded CIM instances, property for property as libvirt builds them.'
        'Devices come as libvirt device XML with -Xml (from the pipeline too): <disk type=''file''> with device=''disk'', ''cdrom'' or ''floppy'', <disk type=''block'' device=''disk''> for a host disk passed through (<source dev=''N''/>, the host disk''s number), <controller type=''scsi''>, <interface type=''bridge''> with the switch''s name or GUID as the bridge, and <serial type=''pipe''>. That is what virsh dumpxml and Get-HvDomainXml write for these devices, so a device can be copied from one domain''s XML to another. Anything libvirt''s Hyper-V driver would refuse or silently drop (another disk type or bus, <driver>, <model>, an interface of type network, a PCI address) is refused with the element named, before anything is sent. Or the device comes from parameters as Hyper-V''s own cmdlets take them: -VhdPath (Add-VMHardDiskDrive), -IsoPath (Add-VMDvdDrive), -SwitchName and -MacAddress (Add-VMNetworkAdapter), -ComPort and -PipePath (Set-VMComPort).'
        'Each domain''s devices are read once, and every device is checked and placed before anything is sent: a disk without an address goes to the first free location, on IDE for a generation 1 VM and on SCSI for generation 2, as Add-VMHardDiskDrive places it; a disk whose target is named (sdb, hdc) goes where virsh dumpxml would show it. Hyper-V''s rules are checked first: IDE drives, SCSI controllers and a generation 1 VM''s network adapters are added only while the domain is off; SCSI drives, images, COM ports and a generation 2 VM''s adapters also while it runs; nothing while it is saved or paused. A location that is taken, an image or switch the host does not have (images are looked up in root/cimv2''s CIM_DataFile), or IDE on generation 2 is an error naming what is in the way, and nothing is sent.'
        'A drive and its image, and an adapter and its connection, are two calls. When the second fails (the host refuses it or its job fails), the first half is removed again with RemoveResourceSettings, so no empty drive or unconnected adapter stays behind, and the error says so. Several devices for one domain are attached in libvirt''s order: SCSI controllers, disks, serial ports, network adapters.'
    )
    Parameters  = @{
        Xml                = @{ Description = 'libvirt device XML, one device element per string: <disk>, <controller type=''scsi''>, <interface type=''bridge''> or <serial type=''pipe''>. A piped string that starts with < is device XML, any other a domain name, so both Get-Content disk.xml -Raw | Add-HvDomainDevice -Name web01 and ''web01'', ''web02'' | Add-HvDomainDevice -IsoPath x.iso work. All the XML is read before anything is sent, so one device that cannot be honoured stops the command.' }
        VhdPath            = @{ Description = 'A virtual hard disk (VHD or VHDX) on the host, attached in a new synthetic disk drive. The file must exist on the host; a missing one is refused before anything is sent (DeviceImageNotFound).' }
        IsoPath            = @{ Description = 'An ISO image on the host, attached in a new DVD drive.' }
        ControllerType     = @{ Description = 'Where -VhdPath or -IsoPath goes: Ide (generation 1 only, the domain off) or Scsi. By default IDE on generation 1 and SCSI on generation 2, as Add-VMHardDiskDrive chooses.' }
        ControllerNumber   = @{ Description = 'The IDE channel (0 or 1) or the SCSI controller (0 to 3, in the order the host lists them). By default the first with a free location.' }
        ControllerLocation = @{ Description = 'The location on the controller: 0 or 1 on IDE, 0 to 63 on SCSI. By default the first free one.' }
        SwitchName         = @{ Description = 'The virtual switch a new synthetic network adapter connects to: its name (as Get-HvNetwork shows it) or its GUID (as virsh dumpxml writes the bridge). A name two switches share is an error that lists their GUIDs. Tab completion offers the host''s switches.' }
        MacAddress         = @{ Description = 'A static MAC address for the new adapter: six hex pairs with '':'', ''-'' or nothing between them, with an even first octet. By default Hyper-V assigns a dynamic address.' }
        ComPort            = @{ Description = 'The COM port whose named pipe is set: 1 or 2. Goes with -PipePath.' }
        PipePath           = @{ Description = 'The named pipe for -ComPort, \\.\pipe\name or \\server\pipe\name. An empty string disconnects the port.' }
        PassThru           = @{ Description = 'Writes each attached device to the pipeline, as the host reports it: its kind, the target name virsh dumpxml gives a disk (sdb, hdc), the controller and location, the source, and an adapter''s MAC address as the host holds it. By default the cmdlet writes nothing.' }
        TimeoutSec         = @{ Description = 'How long, in seconds, to wait for each job the host starts. When the wait ends, the cmdlet reports an error but the job is not cancelled on the host.'; Default = '300' }
        Domain             = @{ Description = 'The domains to attach the devices to, typically from Get-HvDomain. Each domain carries its own connection.' }
        Name               = @{ Description = 'The names of the domains to attach the devices to. Wildcards are permitted. Names that match nothing are a DomainNotFound error. Tab completion offers the names on the host of -Connection, or of the default connection.' }
    }
    Inputs      = @(
        @{ Type = 'HyperVLibvirt.Core.Domains.HvDomain'; Description = 'You can pipe domains from Get-HvDomain to this cmdlet.' }
        @{ Type = 'System.String'; Description = 'You can pipe device XML (strings that start with <) and domain names (any other string).' }
    )
    Outputs     = @(
        @{ Type = 'None'; Description = 'By default, this cmdlet returns no output.' }
        @{ Type = 'HyperVLibvirt.Core.Devices.HvDomainDevice'; Description = 'With -PassThru, each attached device as the host reports it.' }
    )
    Notes       = @(
        'Errors name what was refused, with ErrorIds that start with Device: DeviceNeedsDomainOff (the domain''s state), DeviceNotOnGeneration (IDE or a diskette drive on generation 2), DeviceLocationTaken and DeviceNoFreeLocation, DeviceControllerNotFound, DeviceSwitchNotFound and DeviceSwitchAmbiguous, DeviceSerialPortNotFound, DeviceMediaPresent (the diskette drive holds an image), DeviceImageNotFound (no such file on the host), DeviceNotSupportedOnHost (a Windows Server 2008 to 2012 host, which has only the v1 namespace); all of these are found before anything is sent. DeviceHostRefused carries the host''s return code, DeviceJobFailed the job''s description after the device''s first half was removed, DevicePartlyAttached names the devices of the same command that stay attached. Device XML that cannot be honoured is DeviceXmlInvalid.'
        'libvirt''s driver always sends a static MAC address, a random one when the XML has none; here an adapter without one gets Hyper-V''s dynamic address, as Add-VMNetworkAdapter gives. libvirt reads an IDE disk''s channel from the address''s controller attribute when attaching but writes it as the bus attribute in dumpxml; here the bus attribute is the channel, as dumpxml writes it, so dumpxml''s disks attach where they were.'
        'The domains are confirmed one by one (-WhatIf and -Confirm work as usual); a domain that fails is a non-terminating error naming it, and the others carry on.'
    )
    Examples    = @(
        @{
            Title   = 'Put an ISO in a new DVD drive'
            Code    = @'
Add-HvDomainDevice vm-006 -IsoPath C:\ISO\Fedora-Server-netinst-x86_64-41.iso -PassThru

Domain Kind Target Source                                     MacAddress
------ ---- ------ ------                                     ----------
vm-006 Dvd  sdc    C:\ISO\Fedora-Server-netinst-x86_64-41.iso
'@
            Remarks = @('vm-006 is a generation 2 VM: the drive goes on its SCSI controller, at the first free location (sda is its disk, sdb an empty DVD drive).')
        }
        @{
            Title   = 'Attach device XML as virsh attach-device does'
            Code    = @'
"<disk type='file' device='cdrom'><source file='C:\ISO\virtio-win-0.1.262.iso'/><target dev='sdd' bus='scsi'/></disk>" | Add-HvDomainDevice -Name vm-008 -PassThru | Format-Table DomainName, Kind, Target, Bus, Controller, Unit

DomainName Kind Target Bus  Controller Unit
---------- ---- ------ ---  ---------- ----
vm-008     Dvd  sdd    scsi          0    3
'@
            Remarks = @('The target sdd is SCSI controller 0, location 3, as virsh dumpxml names it; Get-Content disk.xml -Raw | Add-HvDomainDevice -Name vm-008 reads the XML from a file.')
        }
        @{
            Title   = 'Add a network adapter to a running domain'
            Code    = @'
Add-HvDomainDevice vm-001 -SwitchName External -PassThru | Format-Table DomainName, Kind, Source

DomainName Kind           Source
---------- ----           ------
vm-001     NetworkAdapter External
'@
            Remarks = @('vm-001 is a running generation 2 VM, to which Hyper-V adds adapters while it runs. Without -MacAddress, the host assigns a dynamic address; -PassThru shows it in MacAddress.')
        }
        @{
            Title   = 'Connect COM 2 to a named pipe'
            Code    = @'
Add-HvDomainDevice vm-002 -ComPort 2 -PipePath \\.\pipe\vm-002-com2
(Get-HvDomainXml vm-002 -AsDocument).domain.devices.serial | Format-Table @{ n = 'Port'; e = { $_.target.port } }, @{ n = 'Pipe'; e = { $_.source.path } }

Port Pipe
---- ----
1    \\.\pipe\vm-002-com1
2    \\.\pipe\vm-002-com2
'@
            Remarks = @('The port''s Connection changes through ModifyResourceSettings; -PipePath '''' disconnects it again.')
        }
        @{
            Title   = 'IDE is refused on generation 2 before anything is sent'
            Code    = @'
try { Add-HvDomainDevice vm-001 -IsoPath C:\ISO\virtio-win-0.1.262.iso -ControllerType Ide -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }

DeviceNotOnGeneration,HyperVLibvirt.Commands.Devices.AddHvDomainDeviceCommand
'@
            Remarks = @('A generation 2 VM has no IDE controller; leave -ControllerType out, or give Scsi.')
        }
        @{
            Title   = 'Preview an attach'
            Code    = 'Add-HvDomainDevice vm-006 -SwitchName Isolated -MacAddress 00:15:5D:00:20:06 -WhatIf'
            Remarks = @('Shows what would be attached to vm-006 and attaches nothing.')
        }
    )
    Links       = @('Get-HvDomainXml', 'Get-HvDomainBlockInfo', 'Get-HvNetwork', 'Set-HvDomain', 'about_HyperVLibvirt')
}
