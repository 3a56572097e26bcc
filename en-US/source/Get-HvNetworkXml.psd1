# Prose of Get-HvNetworkXml's help; parameter facts come from the cmdlet. Build with Build-MamlHelp.ps1.
@{
    Synopsis    = 'Gets the libvirt XML of Hyper-V networks, as virsh net-dumpxml prints it.'
    Description = @(
        'Get-HvNetworkXml writes the XML that libvirt''s Hyper-V network driver gives for a network (a virtual switch): a network element with the network''s name and UUID and no forward element, two-space indented, as virsh net-dumpxml prints it.'
        'Networks are selected as Get-HvNetwork selects them: -Name (exact names and UUIDs are looked up whatever the switch''s health; wildcards match the healthy switches) or -Uuid, and networks piped from Get-HvNetwork. Without a selection it writes the XML of every healthy network. The XML is text by default; -AsDocument writes an XmlDocument instead.'
    )
    Parameters  = @{
        Name       = @{ Description = 'The names of the networks (virtual switches). Wildcards are permitted and matching ignores case. Names come from the pipeline as strings or from a Name property, so networks from Get-HvNetwork bind. Tab completion offers the names on the host of -Connection, or of the default connection.'; Default = 'All healthy networks' }
        Uuid       = @{ Description = 'The UUIDs of the networks (the switch''s Name).' }
        AsDocument = @{ Description = 'Writes each network''s XML as a System.Xml.XmlDocument instead of a string.' }
        Connection = @{ Description = 'The connections to read, one or many, from Connect-HvLibvirt or Get-HvConnection; also from the pipeline, by value or from a ConnectionId property (so networks piped in are looked up on their own host). Without it, the default connection is used; with no default the cmdlet stops with NoDefaultConnection.'; Default = 'The default connection' }
    }
    Inputs      = @(
        @{ Type = 'System.String'; Description = 'You can pipe network names to this cmdlet.' }
        @{ Type = 'HyperVLibvirt.Core.Networks.HvNetwork'; Description = 'You can pipe networks from Get-HvNetwork; their Name and ConnectionId bind by property name.' }
    )
    Outputs     = @(
        @{ Type = 'System.String'; Description = 'The XML of each network, ending in a newline.' }
        @{ Type = 'System.Xml.XmlDocument'; Description = 'With -AsDocument, the XML of each network as a document.' }
    )
    Notes       = @(
        'libvirt''s XML for a Hyper-V network carries only the name and the UUID: Hyper-V''s switches have no libvirt forward mode, bridge or addresses to describe.'
    )
    Examples    = @(
        @{
            Title   = 'Print a network''s XML, as virsh net-dumpxml'
            Code    = @'
Get-HvNetworkXml 'Default Switch'

<network>
  <name>Default Switch</name>
  <uuid>c08cb7b8-9b3c-408e-8e30-5e16a3aeb444</uuid>
</network>
'@
            Remarks = @('Writes the XML of the switch named Default Switch, whose GUID Windows gives every host that has it.')
        }
        @{
            Title   = 'Read a network''s XML as a document'
            Code    = @'
(Get-HvNetworkXml External -AsDocument).network.uuid

0977035f-c53a-4e14-8e2d-c316b541ebcb
'@
            Remarks = @('With -AsDocument the XML is an XmlDocument, so its elements are properties.')
        }
        @{
            Title   = 'Save the XML of every network'
            Code    = 'Get-HvNetwork | ForEach-Object { Get-HvNetworkXml -Uuid $_.Uuid | Set-Content -NoNewline "$($_.Name).xml" }'
            Remarks = @('Writes one file per healthy network, named after the network.')
        }
    )
    Links       = @('Get-HvNetwork', 'about_HyperVLibvirt')
}
