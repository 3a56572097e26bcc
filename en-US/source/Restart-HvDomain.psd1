# Prose of Restart-HvDomain's help; parameter facts come from the cmdlet, shared texts from _DomainLifecycle.psd1.
@{
    Include     = '_DomainLifecycle.psd1'
    Synopsis    = 'Reboots running domains, or resets them.'
    Description = @(
        'Restart-HvDomain reboots running domains, as virsh reboot does (RequestStateChange 10). With -Reset it hard-resets them instead, like pressing the reset button, as virsh reset does (RequestStateChange 11).'
        'Domains are selected by name (with wildcards), UUID or id on a connection, or piped in from Get-HvDomain. Each is checked against libvirt''s precondition first; a domain in the wrong state is refused with a specific error and left alone.'
    )
    Parameters  = @{
        Reset = @{ Description = 'Hard-resets the domains, like pressing the reset button (libvirt''s reset, RequestStateChange 11), instead of a reboot. Asks for confirmation as ConfirmImpact High.' }
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
        'A domain that is not running is refused with DomainNotRunning ("Domain is not active"). -Reset asks for confirmation as ConfirmImpact High; where nobody can answer (pwsh -NonInteractive, jobs, runbooks) it fails with ConfirmationRequired, so add -Confirm:$false to run it unattended.'
        'Domains are confirmed one by one (-WhatIf and -Confirm work as usual), then changed together: at most -ThrottleLimit requests at a time go to each host, and waiting for jobs holds none of them, so every job runs at once and the jobs on a host are polled with one query. A domain that fails is a non-terminating error naming it; the others carry on. Ctrl+C stops waiting and says which jobs are still running on the hosts.'
    )
    Examples    = @(
        @{
            Title   = 'Reboot a domain'
            Code    = 'Restart-HvDomain vm-001'
            Remarks = @('Reboots vm-001 and waits for the hosts job.')
        }
        @{
            Title   = 'Reset hung domains without asking'
            Code    = 'Restart-HvDomain web-* -Reset -Confirm:$false'
            Remarks = @('Hard-resets every domain whose name starts with web-.')
        }
    )
    Links       = @('Get-HvDomain', 'Start-HvDomain', 'Stop-HvDomain', 'Restart-HvDomain', 'Suspend-HvDomain', 'Resume-HvDomain', 'Remove-HvDomainManagedSave', 'about_HyperVLibvirt')
}
