# Prose of Get-HvDomainScheduler's help; parameter facts come from the cmdlet. Build with Build-MamlHelp.ps1.
@{
    Synopsis    = 'Gets the processor scheduling parameters of domains: limit, reservation and weight (virsh schedinfo).'
    Description = @(
        'Get-HvDomainScheduler returns, for each domain, what virsh schedinfo prints for Hyper-V: the scheduler allocation and its three parameters, read from the domain''s Msvm_ProcessorSettingData. Limit is the most processor time the domain may use and Reservation the time kept for it, both in thousandths of a percent of its virtual processors'' capacity (AllocationUnits "percent / 1000": 100000 is 100 %); LimitPercent and ReservationPercent give them in percent, as Hyper-V Manager shows "Virtual machine limit" and "Virtual machine reserve". Weight is the domain''s relative share when processors are contended, from 1 to 10000 (default 100).'
        'Domains come from the pipeline, or by -Name (wildcards; none means every domain), -Uuid or -Id. All the domains of one host are read with one query, where libvirt walks two associations per domain.'
    )
    Parameters  = @{
        Domain     = @{ Description = 'The domains to read, typically from Get-HvDomain. Each domain carries its own connection, so domains of several hosts can be piped together.' }
        Name       = @{ Description = 'The names of the domains to read. Wildcards are permitted. Names that match nothing are a DomainNotFound error. Tab completion offers the names on the host of -Connection, or of the default connection.'; Default = 'All domains' }
        Uuid       = @{ Description = 'The UUIDs of the domains to read (Hyper-V''s VM id).' }
        Id         = @{ Description = 'The libvirt ids of the domains to read: the ProcessID of an active domain''s worker process.' }
        Connection = @{ Description = 'The connections on which -Name, -Uuid or -Id look domains up. Without it, the default connection is used. Domains given with -Domain or from the pipeline use their own connection.'; Default = 'The default connection' }
    }
    Inputs      = @(
        @{ Type = 'HyperVLibvirt.Core.Domains.HvDomain'; Description = 'You can pipe domains from Get-HvDomain.' }
        @{ Type = 'System.String'; Description = 'You can pipe domain names.' }
    )
    Outputs     = @(
        @{ Type = 'HyperVLibvirt.Core.Vcpus.HvDomainScheduler'; Description = 'One object per domain: Name, Uuid, Scheduler (always allocation), Limit, Reservation, Weight, LimitPercent, ReservationPercent, ComputerName and ConnectionId (so the objects pipe on to Get-HvDomain and the other domain cmdlets).' }
    )
    Notes       = @(
        'A domain whose processor settings the host does not return (while it is being created or deleted) is a DomainSettingsNotFound error of its own; the others are still returned.'
    )
    Examples    = @(
        @{
            Title   = 'Show a domain''s scheduler parameters, as virsh schedinfo'
            Code    = @'
Get-HvDomainScheduler vm-001

Name   Scheduler   Limit Reservation Weight LimitPercent ReservationPercent
----   ---------   ----- ----------- ------ ------------ ------------------
vm-001 allocation 100000           0    100          100                  0
'@
            Remarks = @('vm-001 may use all of its processors'' time, has none reserved and the default weight.')
        }
        @{
            Title   = 'Find domains with a reserve or a cap'
            Code    = 'Get-HvDomain | Get-HvDomainScheduler | Where-Object { $_.Reservation -gt 0 -or $_.Limit -lt 100000 }'
            Remarks = @('Reads every domain''s settings in one query and keeps those that differ from Hyper-V''s defaults. On the simulator none do, so it prints nothing.')
        }
    )
    Links       = @('Get-HvDomain', 'Get-HvDomainVcpu', 'about_HyperVLibvirt')
}
