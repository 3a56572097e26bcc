# Prose of Get-HvDomainGuestInfo's help; parameter facts come from the cmdlet. Build with Build-MamlHelp.ps1.
@{
    Synopsis    = 'Gets what running guests report about themselves: operating system, version and host name (virsh guestinfo).'
    Description = @(
        'Get-HvDomainGuestInfo reads what each running guest publishes through Hyper-V''s data exchange integration service (Key-Value Pair Exchange): the items of Msvm_KvpExchangeComponent.GuestIntrinsicExchangeItems, such as OSName, OSVersion, OSBuildNumber, FullyQualifiedDomainName, ProcessorArchitecture, IntegrationServicesVersion and the guest''s addresses. It answers what virsh guestinfo answers on other hypervisors.'
        'Without parameters it reads every running domain of the default connection; domains that are not running are skipped. -Name (with wildcards), -Uuid, -Id or domains piped from Get-HvDomain select domains. A domain named exactly that is not running is a DomainNotRunning error (libvirt''s "domain is not running"); a running domain whose guest reports nothing (the integration service is off, missing, or the guest has not finished booting) is a GuestInfoUnavailable error. Each error names its domain and says what to do.'
        'Each host is asked twice however many domains are read: once for its domains and once for all their data exchange components. Domains piped in are collected first and read together, per host. The guest''s text is shown with control characters made visible; the properties keep it exactly.'
    )
    Parameters  = @{
        Domain     = @{ Description = 'Domains, typically from Get-HvDomain. Each is read on its own connection; piped domains are collected and read in one pass per host.' }
        Name       = @{ Description = 'The names of the domains to read. Wildcards are permitted and matching ignores case; domains a wildcard matches that are not running are skipped. Names come from the pipeline as strings or from a Name property. Tab completion offers the names on the host.'; Default = 'Every running domain' }
        Uuid       = @{ Description = 'The UUIDs of the domains to read (Hyper-V''s VM id, the VMId of Get-VM).' }
        Id         = @{ Description = 'The libvirt ids of the domains to read: the ProcessID of a running domain''s worker process, as Get-HvDomain shows it.' }
        Connection = @{ Description = 'The connections to read, one or many, from Connect-HvLibvirt or Get-HvConnection; also from the pipeline, by value or from a ConnectionId property. Without it, the default connection is used; with no default the cmdlet stops with NoDefaultConnection.'; Default = 'The default connection' }
    }
    Inputs      = @(
        @{ Type = 'HyperVLibvirt.Core.Domains.HvDomain'; Description = 'You can pipe domains from Get-HvDomain.' }
        @{ Type = 'System.String'; Description = 'You can pipe domain names to this cmdlet.' }
        @{ Type = 'HyperVLibvirt.Core.Connection.HvConnection'; Description = 'You can pipe connections, to read the running domains of each.' }
    )
    Outputs     = @(
        @{ Type = 'HyperVLibvirt.Core.Guest.HvDomainGuestInfo'; Description = 'One object per guest that answered: Domain, Uuid, HostName, OSName, OSVersion, OSBuildNumber, Architecture (x86_64, i686, aarch64), IntegrationServicesVersion, IPAddresses (one text, for Export-Csv), ComputerName and ConnectionId. GetIPv4Addresses() and GetIPv6Addresses() return the addresses as lists; GetItems() returns every item the guest sent, by name; GetLibvirtFields() returns the fields as virsh guestinfo names them (os.name, os.version, os.kernel-release, os.machine, hostname).' }
    )
    Notes       = @(
        'A guest publishes its items some seconds after it boots and only while it runs; a paused domain is treated as not running, as libvirt treats it. Hyper-V''s own tools read the same data with Get-VM | Select-Object -ExpandProperty NetworkAdapters and Get-VMIntegrationService.'
        'Errors: DomainNotRunning (InvalidOperation), GuestInfoUnavailable (ResourceUnavailable), DomainNotFound for an exact name or UUID that matches nothing, and WmiClassNotFound when the host has no Msvm_KvpExchangeComponent class.'
    )
    Examples    = @(
        @{
            Title   = 'Read every running guest'
            Code    = @'
Get-HvDomainGuestInfo

Domain OSName                         OSVersion  HostName            ComputerName
------ ------                         ---------  --------            ------------
vm-001 Windows Server 2019 Standard   10.0.17763 vm-001.corp.example 127.0.0.1
vm-005 Windows Server 2019 Standard   10.0.17763 vm-005.corp.example 127.0.0.1
vm-007 Windows Server 2022 Datacenter 10.0.20348 vm-007.corp.example 127.0.0.1
'@
            Remarks = @('Reads the guests of every running domain on the default connection''s host in two queries; the domains that are off, saved or paused are skipped.')
        }
        @{
            Title   = 'Show everything one guest reports'
            Code    = @'
Get-HvDomainGuestInfo vm-001 | Format-List

Domain                     : vm-001
Uuid                       : 8286d046-9740-43e4-95cf-ff46699c73c4
OSName                     : Windows Server 2019 Standard
OSVersion                  : 10.0.17763
OSBuildNumber              : 17763
Architecture               : x86_64
HostName                   : vm-001.corp.example
IntegrationServicesVersion : 10.0.17763.1
IPAddresses                :
ComputerName               : 127.0.0.1
'@
            Remarks = @('Shows the guest''s operating system, build, architecture, host name and integration services version.')
        }
        @{
            Title   = 'Print the fields as virsh guestinfo names them'
            Code    = @'
(Get-HvDomainGuestInfo vm-001).GetLibvirtFields()

Key               Value
---               -----
os.name           Windows Server 2019 Standard
os.version        10.0.17763
os.kernel-release 17763
os.machine        x86_64
hostname          vm-001.corp.example
'@
            Remarks = @('Returns the key and value pairs virsh guestinfo vm-001 prints, for scripts that expect libvirt''s names.')
        }
        @{
            Title   = 'Read the guests of the domains piped in'
            Code    = @'
Get-HvDomain -State Running | Get-HvDomainGuestInfo | Select-Object Domain, OSVersion

Domain OSVersion
------ ---------
vm-001 10.0.17763
vm-005 10.0.17763
vm-007 10.0.20348
'@
            Remarks = @('Pipes the running domains in; they are collected and read together, so the host is asked for its data exchange components once.')
        }
    )
    Links       = @('Get-HvDomain', 'Start-HvDomain', 'about_HyperVLibvirt')
}
