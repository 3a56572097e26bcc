# Prose of New-HvDomain's help; parameter facts come from the cmdlet. Build with Build-MamlHelp.ps1.
@{
    Synopsis    = 'Defines a new domain from libvirt domain XML, as virsh define does, or from New-VM''s parameters.'
    Description = @(
        'New-HvDomain creates a virtual machine on a Hyper-V host in libvirt''s order (hypervDomainDefineXML): Msvm_VirtualSystemManagementService.DefineSystem with the name, generation, description (Notes) and, when given, the UUID; then the virtual processors and memory in one ModifyResourceSettings; then the devices: SCSI controllers, disks and DVD drives with their images (AddResourceSettings, drive and image in two calls), serial port pipes (ModifyResourceSettings on COM 1 or COM 2), and network adapters with their switch connection. The new domain is off; New-HvDomain writes it, read back from the host, to the pipeline.'
        'The XML is what Get-HvDomainXml and virsh dumpxml write, and what virsh define takes: name, uuid, description, memory, currentMemory and maxMemory (with units), vcpu, os, and the devices libvirt''s Hyper-V driver attaches: <disk> (type file: disk, cdrom or floppy; type block: a host disk by its number), <controller type=''scsi''>, <interface type=''bridge''> (the switch''s name or GUID as the bridge, with or without a MAC) and <serial type=''pipe''>. What dumpxml writes for every domain (the id, clock offset utc, on_poweroff and friends, the IDE controller of generation 1, a serial port without a pipe) is accepted as written.'
        'Unlike libvirt, the generation is kept: <os firmware=''efi''> or a <loader> makes a generation 2 (UEFI) VM, anything else generation 1, and Get-HvDomainXml writes firmware=''efi'' back, so the XML of a VM defines one of the same generation again. libvirt''s define ignores firmware and always makes generation 1.'
        'Nothing is sent for XML that cannot be honoured whole: another domain type, an element the driver would drop without a word (<cpu>, <features> other than acpi, apic and pae, <video>, <boot>, a disk <driver>...), IDE or floppy on generation 2, sizes that are not sizes. The error (DomainXmlInvalid) names the element. DTDs are refused and the text is limited to a million characters.'
        'A UUID that a domain on the host already has is refused before anything is sent (DomainExists, libvirt''s "Domain already exists with UUID"). A name that exists is allowed, as Hyper-V allows it; the new domain is the one DefineSystem names in its ResultingSystem, never another of the same name (libvirt looks the new VM up by name).'
        'When any step after DefineSystem fails, or the command is stopped with Ctrl+C, the new domain is removed again with DestroySystem and the first error is reported (DefineFailed), saying that nothing remains. If that removal fails too, the error (DefineUndoFailed) gives the UUID of what remains and the command that removes it.'
        'With parameters, New-HvDomain works like New-VM: -Generation (1 by default), -MemoryStartupBytes, -VcpuCount, -VhdPath (an existing virtual hard disk, at IDE 0:0 on generation 1 and SCSI 0:0 on generation 2) or -NewVHDPath with -NewVHDSizeBytes (a dynamic disk created first, in the same place, and deleted again if the define fails), -IsoPath (a DVD drive at IDE 1:0, or SCSI 0:1), -SwitchName (one network adapter with a dynamic MAC) and -Description. A generation 2 domain gets a SCSI controller, as New-VM gives it.'
    )
    Parameters  = @{
        Xml                = @{ Description = 'libvirt domain XML text, as Get-HvDomainXml writes it. Takes strings from the pipeline: each one defines one domain.' }
        Path               = @{ Description = 'Files holding libvirt domain XML; wildcards are allowed. Each file defines one domain.' }
        Name               = @{ Description = 'The new domain''s name (Hyper-V''s ElementName).' }
        Generation         = @{ Description = '1 (BIOS, IDE disks, a diskette drive) or 2 (UEFI, SCSI disks).'; Default = '1' }
        MemoryStartupBytes = @{ Description = 'The startup memory in bytes (2GB, 512MB), rounded up to an even number of MiB as libvirt rounds it. At least 32 MiB.'; Default = 'DefineSystem''s 1024 MiB' }
        VcpuCount          = @{ Description = 'The number of virtual processors.'; Default = '1' }
        Description        = @{ Description = 'The description, kept as the VM''s Notes; Get-HvDomainXml writes it as <description>.' }
        VhdPath            = @{ Description = 'The path, on the host, of an existing virtual hard disk (VHD or VHDX) to attach.' }
        NewVHDPath         = @{ Description = 'A dynamic virtual hard disk to create on the host (.vhdx or .vhd, through Msvm_ImageManagementService.CreateVirtualHardDisk) before the domain is defined, then attached where -VhdPath would go. It is deleted again when the define fails. Needs -NewVHDSizeBytes; not with -VhdPath.' }
        NewVHDSizeBytes    = @{ Description = 'The size the guest sees of the disk -NewVHDPath creates, in bytes (40GB), in whole 512-byte sectors.' }
        IsoPath            = @{ Description = 'The path, on the host, of an ISO image for a DVD drive.' }
        SwitchName         = @{ Description = 'The virtual switch of one network adapter: its name or GUID (see Get-HvNetwork). Tab completion offers the switches of the connected hosts.' }
        TimeoutSec         = @{ Description = 'How long, in seconds, to wait for each job. When the wait ends, the define fails and the new domain is removed.'; Default = '300' }
        Connection         = @{ Description = 'The connections to define the domain on; also from the pipeline. With several, the domain is defined on each.'; Default = 'The default connection' }
    }
    Inputs      = @(
        @{ Type = 'System.String'; Description = 'libvirt domain XML, for example from Get-HvDomainXml.' }
    )
    Outputs     = @(
        @{ Type = 'HyperVLibvirt.Core.Domains.HvDomain'; Description = 'The new domain, read back from the host with its settings (as Get-HvDomain -Detailed).' }
    )
    Notes       = @(
        'Errors: DomainXmlInvalid (the element that cannot be honoured; nothing was sent), DomainExists, DeviceNotFound and DefineNotSupported (nothing was sent; a v1 host, or generation 2 on Windows Server 2012), DefineFailed (a step failed, the new domain was removed; the inner error is the host''s refusal or failed job), DefineUndoFailed (the removal failed as well; the message names what remains).'
        'Before anything is sent, the switches and image files the definition names are looked up (one query for the switches, one CIM_DataFile query per 32 files; a host that does not answer for CIM_DataFile skips the file check): DeviceNotFound names what is missing. What needs the new VM (a taken location, a controller index) is checked by the attach, after DefineSystem; a refusal there still removes the new domain.'
    )
    Examples    = @(
        @{
            Title   = 'Define a domain from parameters, as New-VM'
            Code    = @'
New-HvDomain web01 -Generation 2 -MemoryStartupBytes 2GB -VcpuCount 2 -SwitchName External | Select-Object Name, State, VCpus, Memory

Name  State   VCpus     Memory
----  -----   -----     ------
web01 Shutoff     2 2147483648
'@
            Remarks = @('Creates a generation 2 VM with 2 GiB, two virtual processors, a SCSI controller and a network adapter on the switch External, and shows it as the host reports it.')
        }
        @{
            Title   = 'Create the disk with the domain, as New-VM -NewVHDPath'
            Code    = @'
New-HvDomain db01 -Generation 2 -NewVHDPath 'C:\VMs\db01.vhdx' -NewVHDSizeBytes 40GB | Get-HvDomainBlockInfo -Capacity | Select-Object Target, Source, Capacity

Target Source           Capacity
------ ------           --------
sda    C:\VMs\db01.vhdx 42949672960
'@
            Remarks = @('Creates a dynamic 40 GiB VHDX, then the domain with the disk at SCSI 0:0. Had the define failed, the disk would have been deleted again.')
        }
        @{
            Title   = 'Copy a domain through its XML'
            Code    = @'
(Get-HvDomainXml vm-003 -Inactive) -replace '<name>vm-003</name>', '<name>vm-003-copy</name>' -replace '  <uuid>.*</uuid>\n' | New-HvDomain | Select-Object Name, State, VCpus

Name        State   VCpus
----        -----   -----
vm-003-copy Shutoff     4
'@
            Remarks = @('Defines a domain with vm-003''s settings and devices (its disk and DVD image on IDE) under another name. Without the <uuid> element Hyper-V assigns a new one; with vm-003''s own, the define would be refused with DomainExists.')
        }
        @{
            Title   = 'Define a domain from a file, as virsh define'
            Code    = @'
Set-Content app01.xml "<domain type='hyperv'><name>app01</name><memory unit='GiB'>4</memory><vcpu>2</vcpu><os firmware='efi'><type>hvm</type></os></domain>"
New-HvDomain -Path app01.xml | Get-HvDomainXml -AsDocument | ForEach-Object { '{0} {1} {2}' -f $_.domain.name, $_.domain.memory.InnerText, $_.domain.os.firmware }

app01 4194304 efi
'@
            Remarks = @('Defines app01 from the file, as "virsh define app01.xml" does, and reads its XML back: 4 GiB in KiB, and firmware efi because the XML asked for it.')
        }
        @{
            Title   = 'XML that cannot be honoured is refused before anything is sent'
            Code    = @'
try { "<domain type='hyperv'><name>k</name><devices><video/></devices></domain>" | New-HvDomain -ErrorAction Stop } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }

DomainXmlInvalid,HyperVLibvirt.Commands.Management.NewHvDomainCommand
Cannot define the domain from its XML at <video>: libvirt's Hyper-V driver attaches <disk>, <controller type='scsi'>, <interface type='bridge'> and <serial type='pipe'> only.
'@
            Remarks = @('libvirt''s Hyper-V driver would define the domain and drop the video device without a word; New-HvDomain names the element and sends nothing.')
        }
        @{
            Title   = 'A missing image is refused before anything is sent'
            Code    = @'
try { New-HvDomain broken -VhdPath 'C:\VMs\missing.vhdx' -ErrorAction Stop } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }

DeviceNotFound,HyperVLibvirt.Commands.Management.NewHvDomainCommand
Could not define domain 'broken' on 127.0.0.1: the host has no file 'C:\VMs\missing.vhdx'. Nothing was sent.
'@
            Remarks = @('The image files and switches a definition names are checked first (one query each); libvirt would define the VM and then fail on the disk.')
        }
        @{
            Title   = 'A step that fails after DefineSystem leaves nothing behind'
            Code    = @'
$before = (Get-HvDomain).Count
New-HvDomain huge -MemoryStartupBytes 2TB -ErrorVariable err -ErrorAction SilentlyContinue
$err[0].FullyQualifiedErrorId
(Get-HvDomain).Count -eq $before

DefineFailed,HyperVLibvirt.Commands.Management.NewHvDomainCommand
True
'@
            Remarks = @('The host refuses 2 TB of memory (ModifyResourceSettings, 32773 Invalid parameter) after DefineSystem made the VM; the VM is removed again and the host has as many domains as before. The message gives the host''s reason and says that nothing remains.')
        }
    )
    Links       = @('Get-HvDomainXml', 'Remove-HvDomain', 'Set-HvDomain', 'Get-HvNetwork', 'about_HyperVLibvirt')
}
