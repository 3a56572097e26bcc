# Prose of Get-HvCapabilityXml's help; parameter facts come from the cmdlet. Build with Build-MamlHelp.ps1.
@{
    Synopsis    = 'Gets libvirt''s capabilities XML for hosts (virsh capabilities).'
    Description = @(
        'Get-HvCapabilityXml returns the document virsh capabilities prints for a Hyper-V host, laid out as libvirt writes it: a host element with the host''s SMBIOS UUID (Win32_ComputerSystemProduct.UUID), the x86_64 architecture, an empty power_management element, iommu support=''no'' and live migration, then two guests, hvm on i686 and on x86_64, each with the domain type hyperv.'
        'libvirt reads the UUID once, when it connects; this cmdlet reads it afresh with one query per call. By default the document is a string, exactly as virsh prints it; -AsDocument returns an XmlDocument to navigate with dot notation or Select-Xml.'
    )
    Parameters  = @{
        AsDocument = @{ Description = 'Returns a System.Xml.XmlDocument instead of the text.' }
        Connection = @{ Description = 'The connections to ask, one or many, from Connect-HvLibvirt or Get-HvConnection; also from the pipeline, by value or from a ConnectionId property. Without it, the default connection is used; with no default the cmdlet stops with NoDefaultConnection.'; Default = 'The default connection' }
    }
    Inputs      = @(
        @{ Type = 'HyperVLibvirt.Core.Connection.HvConnection'; Description = 'You can pipe connections to this cmdlet, and objects with a ConnectionId property.' }
    )
    Outputs     = @(
        @{ Type = 'System.String'; Description = 'By default: the capabilities XML of each host.' }
        @{ Type = 'System.Xml.XmlDocument'; Description = 'With -AsDocument: the same document, parsed.' }
    )
    Notes       = @(
        'A host whose Win32_ComputerSystemProduct.UUID is not a UUID fails with libvirt''s "Could not parse UUID from string ''<s>''" (error id HyperVError); libvirt refuses to connect to such a host at all.'
        'The host element has no CPU model, topology or NUMA cells: libvirt''s Hyper-V driver does not fill them in. Get-HvNodeInfo gives them.'
    )
    Examples    = @(
        @{
            Title   = 'Print the document, as virsh capabilities'
            Code    = @'
Get-HvCapabilityXml

<capabilities>
  <host>
    <uuid>a2ad8cd4-7849-42ad-bfef-426b089f3f83</uuid>
    <cpu>
      <arch>x86_64</arch>
    </cpu>
    <power_management/>
    <iommu support='no'/>
    <migration_features>
      <live/>
    </migration_features>
  </host>
  <guest>
    <os_type>hvm</os_type>
    <arch name='i686'>
      <wordsize>32</wordsize>
      <domain type='hyperv'/>
    </arch>
  </guest>
  <guest>
    <os_type>hvm</os_type>
    <arch name='x86_64'>
      <wordsize>64</wordsize>
      <domain type='hyperv'/>
    </arch>
  </guest>
</capabilities>
'@
            Remarks = @('Returns the capabilities of the default connection''s host as one string (shown here without its blank lines).')
        }
        @{
            Title   = 'Read the host UUID and the guest architectures from the document'
            Code    = @'
$caps = Get-HvCapabilityXml -AsDocument
$caps.capabilities.host.uuid
$caps.capabilities.guest.arch.name

a2ad8cd4-7849-42ad-bfef-426b089f3f83
i686
x86_64
'@
            Remarks = @('With -AsDocument the XML is parsed, so its elements are properties.')
        }
    )
    Links       = @('Get-HvNodeInfo', 'Connect-HvLibvirt', 'about_HyperVLibvirt')
}
