# Prose of Get-HvDomainBlockInfo's help; parameter facts come from the cmdlet. Build with Build-MamlHelp.ps1.
@{
    Synopsis    = 'Gets the disks of Hyper-V virtual machines with their sizes, as virsh domblklist and domblkinfo show them.'
    Description = @(
        'Get-HvDomainBlockInfo writes one object per disk of each domain: the domain, the target name (hda.., sda.., fda), the source (the image path on the host, or a pass-through disk''s host drive number), the device (disk, cdrom or floppy), the type (file or block), the bus (ide, scsi, fdc) and, where the host tells them, the sizes virsh domblkinfo reports: Capacity (what the guest sees), Allocation and Physical (what the image takes on the host), in bytes. The disks are the ones Get-HvDomainXml lists, in the same order and with the same names, so the table answers virsh domblklist too.'
        'libvirt''s Hyper-V driver has no domblkinfo (virsh reports that the function is not supported) and builds domblklist from the domain XML. Here the disks come from the same batch of queries as Get-HvDomainXml (a fixed handful per host, however many domains), and the image files'' sizes from one query per 32 paths to root/cimv2''s CIM_DataFile. Physical and Allocation are the file size; Capacity is the file size for ISO and floppy images, which are raw. The virtual size of a VHD or VHDX is inside the file: Hyper-V tells it only through Msvm_ImageManagementService.GetVirtualHardDiskSettingData, one method call per disk, so Capacity stays empty for them unless -Capacity asks for those calls. A pass-through disk''s sizes are not read.'
        'A host that does not answer for CIM_DataFile (the class or namespace missing) gives a warning once and the file sizes stay empty; the disks are still written. -NoSize skips the size query altogether.'
    )
    Parameters  = @{
        Name       = @{ Description = 'Names of the domains; wildcards are allowed, and tab completion offers the names of the connected hosts. Names also bind from the pipeline, as strings or from a Name property. Without -Name (and without -Uuid, -Id or -Domain) the disks of every domain are written. An exact name that matches nothing is a DomainNotFound error.' }
        Uuid       = @{ Description = 'UUIDs of the domains (Hyper-V''s VM ids); also from a VMId or Uuid property.' }
        Id         = @{ Description = 'libvirt ids of active domains (the VM worker''s process id).' }
        Domain     = @{ Description = 'Domains from Get-HvDomain. Each is read from the connection it came from; a closed connection is a ConnectionClosed error.' }
        NoSize     = @{ Description = 'List the disks only, as virsh domblklist, without the size query. Not with -Capacity.' }
        Capacity   = @{ Description = 'Also read the virtual size of each VHD and VHDX (Capacity), as Get-VHD shows it: one GetVirtualHardDiskSettingData call per disk file on the host, on top of the size query. A disk the host cannot read keeps an empty Capacity; a host without Msvm_ImageManagementService gives a warning once. Not with -NoSize.' }
        Connection = @{ Description = 'The connections to read from; also from the pipeline. Without it, the default connection is used. Not used with -Domain, whose domains name their own connection.'; Default = 'The default connection' }
    }
    Inputs      = @(
        @{ Type = 'HyperVLibvirt.Core.Domains.HvDomain'; Description = 'Domains from Get-HvDomain.' }
        @{ Type = 'System.String'; Description = 'Domain names.' }
    )
    Outputs     = @(
        @{ Type = 'HyperVLibvirt.Core.DomainXml.HvDomainBlockDevice'; Description = 'One per disk: Domain, DomainUuid, Target, Source, Device, Type, Bus, Capacity, Allocation, Physical (bytes, empty where unknown), ComputerName and ConnectionId. The table shows Domain, Target, Device, Capacity, Physical and Source, sizes in binary units and - where unknown.' }
    )
    Notes       = @(
        'A domain whose settings cannot be turned into its XML is a non-terminating DomainXmlUnavailable error, as with Get-HvDomainXml; the other domains are still written.'
        'To see one VHDX''s virtual size on the host itself, Get-VHD <path> reads it (one call per disk).'
    )
    Examples    = @(
        @{
            Title   = 'List the disks of a domain'
            Code    = @'
Get-HvDomainBlockInfo vm-003 -NoSize

Domain Target Device Capacity Physical Source
------ ------ ------ -------- -------- ------
vm-003 hda    disk          -        - C:\ProgramData\Microsoft\Windows\Virtual Hard Disks\vm-003.vhdx
vm-003 hdc    cdrom         -        - C:\ISO\ubuntu-24.04-live-server-amd64.iso
'@
            Remarks = @('Lists vm-003''s disks as virsh domblklist --details does, one row per disk: hda is the boot disk on IDE channel 0, hdc the DVD on channel 1 with an ISO image. No size query is sent, so the sizes show -.')
        }
        @{
            Title   = 'Show the sizes of a domain''s disks, with the virtual size of its VHDX'
            Code    = @'
Get-HvDomainBlockInfo vm-003 -Capacity

Domain Target Device    Capacity    Physical Source
------ ------ ------    --------    -------- ------
vm-003 hda    disk       127 GiB   39.35 GiB C:\ProgramData\Microsoft\Windows\Virtual Hard Disks\vm-003.vhdx
vm-003 hdc    cdrom  1003.34 MiB 1003.34 MiB C:\ISO\ubuntu-24.04-live-server-amd64.iso
'@
            Remarks = @('As virsh domblkinfo --all: the boot VHDX takes 39.35 GiB on the host and shows the guest 127 GiB; the ISO is raw, so what the guest sees is the file. Without -Capacity the VHDX''s Capacity shows - and no GetVirtualHardDiskSettingData call is made.')
        }
        @{
            Title   = 'Find the ISO images inserted anywhere on a host'
            Code    = @'
Get-HvDomainBlockInfo -NoSize | Where-Object Device -eq cdrom | Select-Object Domain, Target, Source

Domain Target Source
------ ------ ------
vm-001 sdc    C:\ISO\ubuntu-24.04-live-server-amd64.iso
vm-003 hdc    C:\ISO\ubuntu-24.04-live-server-amd64.iso
vm-004 sdc    C:\ISO\ubuntu-24.04-live-server-amd64.iso
vm-007 sdc    C:\ISO\debian-12.7.0-amd64-netinst.iso
'@
            Remarks = @('Reads every domain''s disks in one batch and keeps the DVD drives that hold an image. An empty DVD drive has no image and is not listed, as in libvirt.')
        }
        @{
            Title   = 'Find pass-through disks'
            Code    = @'
Get-HvDomainBlockInfo -NoSize | Where-Object Type -eq block | Select-Object Domain, Target, Bus, Source

Domain Target Bus  Source
------ ------ ---  ------
vm-001 sdd    scsi 2
vm-008 sdc    scsi 3
'@
            Remarks = @('A physical disk passed through to a VM is a block device whose Source is the host''s drive number, as in libvirt''s XML.')
        }
        @{
            Title   = 'Export the disks of every domain'
            Code    = 'Get-HvDomain | Get-HvDomainBlockInfo -NoSize | Export-Csv disks.csv'
            Remarks = @('Writes one CSV row per disk; every property is a plain value. Piped domains are read together, one batch per host.')
        }
    )
    Links       = @('Get-HvDomainXml', 'Get-HvDomain', 'about_HyperVLibvirt')
}
