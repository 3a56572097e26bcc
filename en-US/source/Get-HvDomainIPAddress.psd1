# Prose of Get-HvDomainIPAddress's help; parameter facts come from the cmdlet. Build with Build-MamlHelp.ps1.
@{
    Synopsis    = 'Gets the IP addresses guests report for their network adapters, as virsh domifaddr.'
    Description = @(
        'Get-HvDomainIPAddress lists, for each domain given (every domain of the host when none is), the addresses its guest reports through the Hyper-V integration services (Msvm_GuestNetworkAdapterConfiguration): one object per address, with the adapter''s name and MAC address (as libvirt prints it, 00:15:5d:01:02:03), the family (IPv4 or IPv6), the address, its prefix length and where it came from (DHCP, Static, Other or Unknown).'
        'Each host is asked once for all its domains: one query for the guest network configurations and one for the adapters'' names and MAC addresses, filtered by the domains'' ids for up to 32 domains and class-wide above that. Inactive domains (off, saved) have no running guest and are not asked about; a running guest without integration services, or one still booting, reports nothing.'
        'A host that has no Msvm_GuestNetworkAdapterConfiguration class (before Windows Server 2012) is a WmiClassNotFound error that says so.'
    )
    Parameters  = @{
        Domain     = @{ Description = 'The domains whose addresses to get, typically from Get-HvDomain or Wait-HvDomain -PassThru. Each domain carries its own connection.' }
        Name       = @{ Description = 'The names of the domains whose addresses to get. Wildcards are permitted. Without it (and without -Uuid, -Id or piped domains), the addresses of every domain of the host. Names that match nothing are a DomainNotFound error. Tab completion offers the names on the host of -Connection, or of the default connection.'; Default = 'All domains' }
        Uuid       = @{ Description = 'The UUIDs of the domains (Hyper-V''s VM id).' }
        Id         = @{ Description = 'The libvirt ids of the domains: the ProcessID of an active domain''s worker process.' }
        Family     = @{ Description = 'Returns only addresses of this family: IPv4 or IPv6.'; Default = 'Both' }
        Connection = @{ Description = 'The connections on which -Name, -Uuid or -Id look domains up. Without it, the default connection is used. Domains given with -Domain or from the pipeline use their own connection.'; Default = 'The default connection' }
    }
    Inputs      = @(
        @{ Type = 'HyperVLibvirt.Core.Domains.HvDomain'; Description = 'You can pipe domains from Get-HvDomain or Wait-HvDomain -PassThru to this cmdlet.' }
        @{ Type = 'System.String'; Description = 'You can pipe domain names, and objects with a Name, Uuid (VMId) or Id property.' }
    )
    Outputs     = @(
        @{ Type = 'HyperVLibvirt.Core.Domains.HvDomainAddress'; Description = 'One object per address: Domain, Uuid, Interface, MacAddress, Family, Address, PrefixLength, Source, ComputerName and ConnectionId. The table shows Domain, Interface, MacAddress, Family, Address (with /prefix) and Source.' }
    )
    Notes       = @(
        'The guest writes these values; the host passes them on. An address shows only while the guest''s data exchange integration service runs (hv_kvp_daemon on Linux).'
        'An IPv4 address on an adapter with DHCP on is reported as DHCP (the class has no DHCP origin of its own); link-local IPv6 addresses are Other.'
    )
    Examples    = @(
        @{
            Title   = 'List the addresses of every running domain, as virsh domifaddr'
            Code    = @'
Get-HvDomain -Active | Get-HvDomainIPAddress

Domain Interface       MacAddress        Family Address                     Source
------ ---------       ----------        ------ -------                     ------
vm-005 Network Adapter 00:15:5d:07:fd:b1 IPv4   172.27.93.187/20            DHCP
vm-005 Network Adapter 00:15:5d:07:fd:b1 IPv6   fe80::215:5dff:fe07:fdb1/64 Unknown
vm-007 Network Adapter 00:15:5d:98:af:d1 IPv4   10.10.0.219/24              Static
vm-007 Network Adapter 00:15:5d:98:af:d1 IPv6   fe80::215:5dff:fe98:afd1/64 Unknown
'@
            Remarks = @('Reads the addresses of every active domain of the default connection with two queries. vm-001 runs but its adapter is not connected to a switch, so its guest reports no address; vm-004 is paused.')
        }
        @{
            Title   = 'Get the IPv4 address of one domain'
            Code    = @'
Get-HvDomainIPAddress vm-007 -Family IPv4 | Select-Object Interface, MacAddress, Address, PrefixLength

Interface       MacAddress        Address     PrefixLength
---------       ----------        -------     ------------
Network Adapter 00:15:5d:98:af:d1 10.10.0.219           24
'@
            Remarks = @('Returns the IPv4 addresses vm-007''s guest reports, with the adapter they are on and the prefix length read from the guest''s subnet mask.')
        }
    )
    Links       = @('Get-HvDomain', 'Wait-HvDomain', 'about_HyperVLibvirt')
}
