# Prose of Stop-HvDomain's help; parameter facts come from the cmdlet, shared texts from _DomainLifecycle.psd1.
@{
    Include     = '_DomainLifecycle.psd1'
    Synopsis    = 'Shuts domains down, turns them off, or saves them.'
    Description = @(
        'Stop-HvDomain shuts domains down through the guest, as virsh shutdown does (Msvm_ShutdownComponent.InitiateShutdown), and waits until the guest is off. -TurnOff powers them off at once, as virsh destroy does (RequestStateChange 3). -Save saves their state and stops them, as virsh managedsave does (RequestStateChange 6, or 32769 on v1 hosts); Start-HvDomain resumes them.'
        'Domains are selected by name (with wildcards), UUID or id on a connection, or piped in from Get-HvDomain. Each is checked against libvirt''s precondition first; a domain in the wrong state is refused with a specific error and left alone.'
    )
    Parameters  = @{
        TurnOff = @{ Description = 'Powers the domains off at once, as pulling the plug (libvirt''s destroy, RequestStateChange 3). Unsaved data in the guest is lost, so it asks for confirmation as ConfirmImpact High.' }
        Save    = @{ Description = 'Saves the domains'' memory and state and stops them (libvirt''s managedsave). Start-HvDomain resumes them from the saved state.' }
        Force   = @{ Description = 'Shuts down even if applications in the guest object (InitiateShutdown with Force). Asks for confirmation as ConfirmImpact High.' }
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
        'A graceful shutdown needs a running domain with the shutdown integration service ("Domain is not active or in state transition" otherwise). -TurnOff and -Save need an active domain that is not in transition. -TurnOff and -Force ask for confirmation as ConfirmImpact High; where nobody can answer (pwsh -NonInteractive, jobs, runbooks) they fail with ConfirmationRequired, so add -Confirm:$false to run them unattended.'
        'Domains are confirmed one by one (-WhatIf and -Confirm work as usual), then changed together: at most -ThrottleLimit requests at a time go to each host, and waiting for jobs holds none of them, so every job runs at once and the jobs on a host are polled with one query. A domain that fails is a non-terminating error naming it; the others carry on. Ctrl+C stops waiting and says which jobs are still running on the hosts.'
    )
    Examples    = @(
        @{
            Title   = 'Shut a domain down through its guest'
            Code    = 'Stop-HvDomain vm-001'
            Remarks = @('Asks the guest of vm-001 to shut down and waits until it is off.')
        }
        @{
            Title   = 'Save every running domain'
            Code    = 'Get-HvDomain -State Running | Stop-HvDomain -Save -PassThru'
            Remarks = @('Saves every running domain; they are then Shutoff with HasManagedSave, and Start-HvDomain resumes them.')
        }
    )
    Links       = @('Get-HvDomain', 'Start-HvDomain', 'Stop-HvDomain', 'Restart-HvDomain', 'Suspend-HvDomain', 'Resume-HvDomain', 'Remove-HvDomainManagedSave', 'about_HyperVLibvirt')
}
