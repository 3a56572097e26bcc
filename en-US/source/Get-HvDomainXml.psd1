# Prose of Get-HvDomainXml's help; parameter facts come from the cmdlet. Build with Build-MamlHelp.ps1.
@{
    Synopsis    = 'Gets the libvirt domain XML of Hyper-V virtual machines, as virsh dumpxml prints it.'
    Description = @(
        'Get-HvDomainXml builds the XML libvirt''s Hyper-V driver returns for virsh dumpxml (domainGetXMLDesc), element for element and in the same text: the domain''s type (hyperv) and id, name, uuid, description (the VM''s Notes, joined by a blank line), maxMemory, memory and currentMemory in KiB, vcpu, os type hvm, and the devices: disks (VHD and VHDX files, ISO images as cdrom, floppy images, physical pass-through LUNs as block devices named by their host drive number), the IDE and SCSI controllers, network interfaces (the MAC, with the switch''s Name as the bridge) and serial ports (the named pipe). Target names (hda.., sda.., fda), buses, controller indices and drive addresses are numbered as libvirt numbers them, so the output can be compared with virsh''s using diff.'
        'By default each domain is written as one [string], ready for "> vm.xml" or [xml](...). With -AsDocument each is an XmlDocument to query with XPath or dot notation.'
        'libvirt reads each domain with eight or more association queries (and one more per network adapter and pass-through disk). This cmdlet reads each host in one batch instead: the domain listing, then one query per setting class (system, processor, memory, resource and storage allocation, serial port, Ethernet port allocation, Ethernet port settings) and, only when needed, the switches and the host disks. Up to 32 domains are asked for by their InstanceIDs; for more, each class is fetched whole (one query still, with its Pulls). The first XML is written once the batch is read; the rest follow at once. Domains from every input (names, UUIDs, ids or piped domains) are collected first, so piping many domains costs one batch per host, not one per domain.'
        'One element differs from libvirt''s on purpose: a generation 2 (UEFI) virtual machine''s os element carries firmware=''efi'' (<os firmware=''efi''>), read from the VM''s VirtualSystemSubType in the same query as its other system settings. libvirt''s driver writes a bare <os> for every VM and its define ignores the firmware, so its XML cannot say which generation to create; written this way, the XML of a VM defines a VM of the same generation again with New-HvDomain. A generation 1 VM, and every VM on hosts older than Windows Server 2012 R2 (which have no generation 2), gets libvirt''s bare <os>, so only generation 2 VMs differ from virsh dumpxml.'
        'Where libvirt fails a whole domain on an image without a path, such an image is left out here. A domain whose settings make no sense (a drive whose controller the host did not return, an unreadable number) is a non-terminating DomainXmlUnavailable error naming what was missing; the other domains are still written.'
    )
    Parameters  = @{
        Name       = @{ Description = 'Names of the domains; wildcards are allowed, and tab completion offers the names of the connected hosts. Names also bind from the pipeline, as strings or from a Name property. Without -Name (and without -Uuid, -Id or -Domain) the XML of every domain is written. An exact name that matches nothing is a DomainNotFound error.' }
        Uuid       = @{ Description = 'UUIDs of the domains (Hyper-V''s VM ids); also from a VMId or Uuid property.' }
        Id         = @{ Description = 'libvirt ids of active domains (the VM worker''s process id). Inactive domains have no id; use -Name or -Uuid for them.' }
        Domain     = @{ Description = 'Domains from Get-HvDomain. Each is read from the connection it came from; a closed connection is a ConnectionClosed error.' }
        AsDocument = @{ Description = 'Write an XmlDocument per domain instead of its text.' }
        Inactive   = @{ Description = 'Format the XML as virsh dumpxml --inactive does: a running domain''s root element has no id. Nothing else in the Hyper-V driver''s XML is live.' }
        Connection = @{ Description = 'The connections to read from; also from the pipeline. Without it, the default connection is used. Not used with -Domain, whose domains name their own connection.'; Default = 'The default connection' }
    }
    Inputs      = @(
        @{ Type = 'HyperVLibvirt.Core.Domains.HvDomain'; Description = 'Domains from Get-HvDomain.' }
        @{ Type = 'System.String'; Description = 'Domain names.' }
    )
    Outputs     = @(
        @{ Type = 'System.String'; Description = 'The domain XML of each domain, as virsh dumpxml prints it (two-space indentation, single-quoted attributes, line feeds, ending with a line feed).' }
        @{ Type = 'System.Xml.XmlDocument'; Description = 'With -AsDocument, the same XML as a document.' }
    )
    Notes       = @(
        'As in libvirt, an active domain''s root element carries id=''<ProcessID>'', an inactive one none; maxMemory (slots 0) is the memory setting''s Limit and memory and currentMemory its VirtualQuantity, in KiB; on hosts of version 6.x (Windows Server 2012 R2 and older) serial ports are read from the resource allocation settings, on newer hosts from Msvm_SerialPortSettingData.'
        'libvirt''s own quirks are kept so a diff against virsh stays empty: a pass-through LUN on IDE is named with four units per channel (an image with two), a floppy''s address is all zeros, a disconnected or disabled network adapter is left out, and a serial port without a pipe has the path -1.'
        'To save many domains, read them in one call and write each string to its own file, as the third example does; Set-Content -NoNewline keeps the text byte for byte.'
    )
    Examples    = @(
        @{
            Title   = 'Save a domain''s XML to a file'
            Code    = @'
Get-HvDomainXml vm-001 > vm-001.xml
Get-Content vm-001.xml -TotalCount 7

<domain type='hyperv' id='1004'>
  <name>vm-001</name>
  <uuid>8286d046-9740-43e4-95cf-ff46699c73c4</uuid>
  <maxMemory slots='0' unit='KiB'>1048576</maxMemory>
  <memory unit='KiB'>1048576</memory>
  <currentMemory unit='KiB'>1048576</currentMemory>
  <vcpu placement='static'>4</vcpu>
'@
            Remarks = @('Writes the XML of vm-001 to vm-001.xml, as "virsh dumpxml vm-001 > vm-001.xml" does, and shows its first lines. The id is the VM worker''s process id while the domain runs.')
        }
        @{
            Title   = 'Query the XML as a document'
            Code    = @'
$doc = Get-HvDomainXml vm-002 -AsDocument
$doc.SelectSingleNode('/domain/memory').InnerText

524288
'@
            Remarks = @('Reads vm-002''s memory in KiB with XPath. [xml](Get-HvDomainXml vm-002) gives the same document.')
        }
        @{
            Title   = 'Read a domain''s devices from the document'
            Code    = @'
$doc = Get-HvDomainXml vm-002 -AsDocument
$doc.domain.devices.disk.target.dev
$doc.domain.devices.interface.mac.address
$doc.domain.devices.interface.source.bridge
$doc.domain.devices.serial.source.path

sda
00:15:5d:c1:17:6c
C4DA1147-26A3-497A-B254-23A9B8CE74DA
\\.\pipe\vm-002-com1
'@
            Remarks = @('vm-002 has one disk on SCSI controller 0 (sda), one network adapter whose bridge is its switch''s Name (a GUID, as libvirt shows it), and COM 1 on a named pipe; COM 2 has no pipe, so its path is empty.')
        }
        @{
            Title   = 'Tell generation 2 domains by their firmware'
            Code    = @'
Get-HvDomainXml -AsDocument | ForEach-Object { '{0} {1}' -f $_.domain.name, ($_.domain.os.GetAttribute('firmware') -replace '^$', 'bios') }

vm-001 efi
vm-002 efi
vm-003 bios
vm-004 efi
vm-005 efi
vm-006 efi
vm-007 efi
vm-008 efi
'@
            Remarks = @('Generation 2 domains have <os firmware=''efi''> (libvirt writes a bare <os> for all); vm-003 is generation 1, with IDE disks and BIOS.')
        }
        @{
            Title   = 'Save every domain to its own file in one batch'
            Code    = @'
Get-HvDomainXml | ForEach-Object { Set-Content -Path "$(([xml]$_).domain.name).xml" -Value $_ -NoNewline }
(Get-ChildItem vm-00*.xml).Name

vm-001.xml
vm-002.xml
vm-003.xml
vm-004.xml
vm-005.xml
vm-006.xml
vm-007.xml
vm-008.xml
'@
            Remarks = @('Reads all domains of the host in one batch of queries and writes each to a file named after it.')
        }
        @{
            Title   = 'Pipe domains from Get-HvDomain'
            Code    = @'
Get-HvDomain -State Running | Get-HvDomainXml -AsDocument | ForEach-Object { [pscustomobject]@{ Name = $_.domain.name; Id = $_.domain.id; VCpus = $_.domain.vcpu.InnerText } }

Name   Id   VCpus
----   --   -----
vm-001 1004 4
vm-005 1012 2
vm-007 1016 2
'@
            Remarks = @('Reads the running domains together (one batch, not one per domain) and picks values out of each document.')
        }
    )
    Links       = @('Get-HvDomain', 'about_HyperVLibvirt')
}
