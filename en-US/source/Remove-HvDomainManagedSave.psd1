# Prose of Remove-HvDomainManagedSave's help; parameter facts come from the cmdlet, shared texts from _DomainLifecycle.psd1.
@{
    Include     = '_DomainLifecycle.psd1'
    Synopsis    = 'Discards the saved state of saved domains, leaving them off.'
    Description = @(
        'Remove-HvDomainManagedSave discards the saved state of domains, as virsh managedsave-remove does (RequestStateChange 3). The domains stay Shutoff, and the next start boots them afresh.'
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
        'A domain without a saved state is refused with NoManagedSave ("Domain has no managed save image").'
        'Domains are confirmed one by one (-WhatIf and -Confirm work as usual), then changed together: at most -ThrottleLimit requests at a time go to each host, and waiting for jobs holds none of them, so every job runs at once and the jobs on a host are polled with one query. A domain that fails is a non-terminating error naming it; the others carry on. Ctrl+C stops waiting and says which jobs are still running on the hosts.'
    )
    Examples    = @(
        @{
            Title   = 'Discard a saved state'
            Code    = 'Remove-HvDomainManagedSave vm-003'
            Remarks = @('Discards the saved state of vm-003; it is then Off in Hyper-V terms.')
        }
        @{
            Title   = 'Discard every saved state after confirming each'
            Code    = 'Get-HvDomain | Where-Object HasManagedSave | Remove-HvDomainManagedSave -Confirm'
            Remarks = @('Asks before discarding the saved state of each saved domain.')
        }
    )
    Links       = @('Get-HvDomain', 'Start-HvDomain', 'Stop-HvDomain', 'Restart-HvDomain', 'Suspend-HvDomain', 'Resume-HvDomain', 'Remove-HvDomainManagedSave', 'about_HyperVLibvirt')
}
