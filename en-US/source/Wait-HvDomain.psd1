# Prose of Wait-HvDomain's help; parameter facts come from the cmdlet. Build with Build-MamlHelp.ps1.
@{
    Synopsis    = 'Waits until domains reach a state, report an OK heartbeat, or report an IP address.'
    Description = @(
        'Wait-HvDomain waits, with a time limit, until each domain given reaches what -State, -Heartbeat or -IPAddress asks for: what a script, Terraform or Packer needs after starting a machine. Domains come from the pipeline (Get-HvDomain, Start-HvDomain -PassThru) or by -Name, -Uuid or -Id, on one host or many.'
        'All the domains are waited on together. Each round asks each host once about all its pending domains: a -State wait is one listing query, a -Heartbeat wait one Msvm_VirtualSystemManagementService.GetSummaryInformation call, an -IPAddress wait that call and one Msvm_GuestNetworkAdapterConfiguration query. Rounds are 0.5 and 1 second apart, then every 2 seconds, and the last one falls on the time limit. Each domain is written as it gets there (with -PassThru), and a progress bar shows how many are done and what the others show.'
        'A wait that cannot succeed ends at once instead of running out the clock: a heartbeat or address wait on a domain that is off or saved on two polls in a row (no guest runs; WaitNotRunning), and on a running domain whose guest has run for three minutes without ever answering the heartbeat, which means it has no integration services or they are off (WaitNoIntegrationServices). A domain deleted meanwhile ends with WaitDeleted. When the time limit passes, each domain still pending is a WaitTimedOut error that says what it last showed.'
    )
    Parameters  = @{
        Domain     = @{ Description = 'The domains to wait for, typically from Get-HvDomain or Start-HvDomain -PassThru. Each domain carries its own connection, so domains from several hosts can be piped together.' }
        Name       = @{ Description = 'The names of the domains to wait for. Wildcards are permitted. Names that match nothing are a DomainNotFound error. Tab completion offers the names on the host of -Connection, or of the default connection.' }
        Uuid       = @{ Description = 'The UUIDs of the domains to wait for (Hyper-V''s VM id).' }
        Id         = @{ Description = 'The libvirt ids of the domains to wait for: the ProcessID of an active domain''s worker process.' }
        State      = @{ Description = 'Waits until each domain is in this libvirt state (Running, Paused, Shutoff, ...) and no longer in transition: a starting domain, which libvirt already calls Running, has to finish starting.' }
        Heartbeat  = @{ Description = 'Waits until each guest''s heartbeat is OK, as Get-VM''s Heartbeat column shows OkApplicationsUnknown, OkApplicationsHealthy or OkApplicationsCritical: the guest has booted far enough for its integration services to answer.' }
        IPAddress  = @{ Description = 'Waits until each guest reports an IP address on one of its network adapters. Link-local addresses (169.254.0.0/16, fe80::/10) do not count: a guest has those before it has a usable address.' }
        Family     = @{ Description = 'Only an address of this family counts: IPv4 or IPv6. Implies -IPAddress.' }
        TimeoutSec = @{ Description = 'How long, in seconds, to wait for all the domains. When it passes, each domain still pending is a WaitTimedOut error; nothing on the host is changed.'; Default = '300' }
        PassThru   = @{ Description = 'Writes each domain, read again with Get-VM''s columns (as Get-HvDomain -Summary reads them), as soon as it gets there. By default the cmdlet writes nothing.' }
        Connection = @{ Description = 'The connections on which -Name, -Uuid or -Id look domains up. Without it, the default connection is used. Domains given with -Domain or from the pipeline use their own connection.'; Default = 'The default connection' }
    }
    Inputs      = @(
        @{ Type = 'HyperVLibvirt.Core.Domains.HvDomain'; Description = 'You can pipe domains from Get-HvDomain or Start-HvDomain -PassThru to this cmdlet.' }
        @{ Type = 'System.String'; Description = 'You can pipe domain names, and objects with a Name, Uuid (VMId) or Id property.' }
    )
    Outputs     = @(
        @{ Type = 'None'; Description = 'By default, this cmdlet returns no output.' }
        @{ Type = 'HyperVLibvirt.Core.Domains.HvDomain'; Description = 'With -PassThru, each domain that got there, read again with Get-VM''s columns and shown in Get-VM''s table.' }
    )
    Notes       = @(
        'Exactly one of -State, -Heartbeat and -IPAddress (or -Family) is required; none is WaitConditionMissing, several WaitConditionsConflict.'
        'Error ids: WaitTimedOut (OperationTimeout), WaitNotRunning (InvalidOperation), WaitNoIntegrationServices (NotEnabled), WaitDeleted (ObjectNotFound), each targeted at the domain and with a recommended action. A host that fails a poll is an error of its own, and its domains are no longer waited on; the other hosts carry on.'
        'Ctrl+C stops the wait at once.'
    )
    Examples    = @(
        @{
            Title   = 'Start a domain and wait until it runs'
            Code    = @'
Start-HvDomain vm-002 -NoWait
Wait-HvDomain vm-002 -State Running -PassThru | Select-Object Name, State, HyperVState

Name   State   HyperVState
----   -----   -----------
vm-002 Running Running
'@
            Remarks = @('Start-HvDomain -NoWait returns once the host has accepted the request; Wait-HvDomain then waits until the domain has finished starting and shows it.')
        }
        @{
            Title   = 'Wait until every running guest answers its heartbeat'
            Code    = @'
Get-HvDomain -State Running | Wait-HvDomain -Heartbeat -TimeoutSec 120 -PassThru | Sort-Object Name | Format-Table Name, Heartbeat

Name   Heartbeat
----   ---------
vm-001 OkApplicationsUnknown
vm-002 OkApplicationsUnknown
vm-005 OkApplicationsUnknown
vm-007 OkApplicationsUnknown
'@
            Remarks = @('Waits for all the running domains at once, with one GetSummaryInformation call per round, and writes each as its guest answers; vm-002, just started, answers a few seconds after the others.')
        }
        @{
            Title   = 'Wait for an IPv4 address, then read it'
            Code    = @'
Wait-HvDomain vm-002 -Family IPv4 -TimeoutSec 600 -PassThru | Get-HvDomainIPAddress -Family IPv4 | Select-Object Domain, Address, Source

Domain Address     Source
------ -------     ------
vm-002 10.10.0.118 Static
'@
            Remarks = @('What a provisioning script does before it connects to a new machine: wait up to ten minutes for the guest to report a usable IPv4 address (link-local ones do not count), then read it.')
        }
    )
    Links       = @('Get-HvDomain', 'Start-HvDomain', 'Get-HvDomainIPAddress', 'about_HyperVLibvirt')
}
