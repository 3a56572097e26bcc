# Prose of Suspend-HvDomain's help; parameter facts come from the cmdlet, shared texts from _DomainLifecycle.psd1.
@{
    Include     = '_DomainLifecycle.psd1'
    Synopsis    = 'Pauses running domains.'
    Description = @(
        'Suspend-HvDomain pauses running domains, as virsh suspend does, by requesting EnabledState 9 (32768 on v1 hosts). The domains stay active, with their id, in the Paused state.'
        'Domains are selected by name (with wildcards), UUID or id on a connection, or piped in from Get-HvDomain. Each is checked against libvirt''s precondition first; a domain in the wrong state is refused with a specific error and left alone.'
    )
    Parameters  = @{
    }
    Inputs      = @(
        @{ Type = 'HyperVLibvirt.Core.Domains.HvDomain'; Description = 'You can pipe domains from Get-HvDomain to this cmdlet.' }
        @{ Type = 'System.String'; Description = 'You can pipe domain names (''vm-001'', ''vm-002'' | Start-HvDomain), and objects with a Name, Uuid (VMId) or Id property.' }
    )
    Outputs     = @(
        @{ Type = 'None'; Description = 'By default, this cmdlet returns no output.' }
        @{ Type = 'HyperVLibvirt.Core.Domains.HvDomain'; Description = 'With -PassThru, each changed domain as the host reports it afterwards.' }
    )
    Notes       = @(
        'A domain that is not running is refused with DomainNotRunning ("Domain is not active").'
        'Domains are confirmed one by one (-WhatIf and -Confirm work as usual), then changed together: at most -ThrottleLimit requests at a time go to each host, and waiting for jobs holds none of them, so every job runs at once and the jobs on a host are polled with one query. A domain that fails is a non-terminating error naming it; the others carry on. Ctrl+C stops waiting and says which jobs are still running on the hosts.'
    )
    Examples    = @(
        @{
            Title   = 'Pause a domain'
            Code    = 'Suspend-HvDomain vm-001 -PassThru'
            Remarks = @('Pauses vm-001 and shows it afterwards, Paused with its id.')
        }
        @{
            Title   = 'Preview pausing several domains'
            Code    = 'Suspend-HvDomain vm-* -WhatIf'
            Remarks = @('Shows which domains would be paused without pausing them.')
        }
    )
    Links       = @('Get-HvDomain', 'Start-HvDomain', 'Stop-HvDomain', 'Restart-HvDomain', 'Suspend-HvDomain', 'Resume-HvDomain', 'Remove-HvDomainManagedSave', 'about_HyperVLibvirt')
}
