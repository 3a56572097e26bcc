# Prose of Start-HvDomain's help; parameter facts come from the cmdlet, shared texts from _DomainLifecycle.psd1.
@{
    Include     = '_DomainLifecycle.psd1'
    Synopsis    = 'Starts stopped or saved domains.'
    Description = @(
        'Start-HvDomain starts domains, as virsh start does, by requesting EnabledState 2 (RequestStateChange) and waiting for the hosts job. A saved domain (HasManagedSave) resumes from its saved state.'
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
        'A domain that is already active or in transition is refused with DomainAlreadyActive ("Domain is already active or is in state transition").'
        'Domains are confirmed one by one (-WhatIf and -Confirm work as usual), then changed together: at most -ThrottleLimit requests at a time go to each host, and waiting for jobs holds none of them, so every job runs at once and the jobs on a host are polled with one query. A domain that fails is a non-terminating error naming it; the others carry on. Ctrl+C stops waiting and says which jobs are still running on the hosts.'
    )
    Examples    = @(
        @{
            Title   = 'Start a domain and show it'
            Code    = 'Start-HvDomain vm-002 -PassThru'
            Remarks = @('Starts vm-002 and shows it afterwards, Running with an id.')
        }
        @{
            Title   = 'Start every saved domain'
            Code    = 'Get-HvDomain -Inactive | Where-Object HasManagedSave | Start-HvDomain'
            Remarks = @('Resumes every saved domain of the default connection from its saved state.')
        }
    )
    Links       = @('Get-HvDomain', 'Start-HvDomain', 'Stop-HvDomain', 'Restart-HvDomain', 'Suspend-HvDomain', 'Resume-HvDomain', 'Remove-HvDomainManagedSave', 'about_HyperVLibvirt')
}
