# Prose of Remove-HvDomain's help; parameter facts come from the cmdlet, shared texts from _DomainLifecycle.psd1.
@{
    Include     = '_DomainLifecycle.psd1'
    Synopsis    = 'Removes domains from their host.'
    Description = @(
        'Remove-HvDomain removes domains from their Hyper-V host, as virsh undefine does: Msvm_VirtualSystemManagementService.DestroySystem with a reference to the domain''s Msvm_ComputerSystem. Its configuration, checkpoints and saved state go with it; Hyper-V leaves the virtual hard disk files on the host.'
        'Each domain is read afresh first. An active domain (running, paused, or in a transition) is refused with DomainActive and left alone, unless -Force turns it off first (RequestStateChange 3, as Stop-HvDomain -TurnOff) and then removes it. An off or saved domain is removed at once.'
        'Removing is not undone: the cmdlet''s ConfirmImpact is High, so it asks before each domain unless -Confirm:$false is given. -WhatIf shows what would be removed.'
    )
    Parameters  = @{
        Domain     = @{ Description = 'The domains to remove, typically from Get-HvDomain. Each domain carries its own connection, so domains from several hosts can be piped together.' }
        Name       = @{ Description = 'The names of the domains to remove. Wildcards are permitted. Names that match nothing are a DomainNotFound error. Tab completion offers the names on the host of -Connection, or of the default connection.' }
        Uuid       = @{ Description = 'The UUIDs of the domains to remove (Hyper-V''s VM id).' }
        Id         = @{ Description = 'The libvirt ids of the domains to remove: the ProcessID of an active domain''s worker process.' }
        Force      = @{ Description = 'Turns an active domain off (a hard power-off, RequestStateChange 3) before removing it. Without it, an active domain is refused.' }
        TimeoutSec = @{ Description = 'How long, in seconds, to wait for each job (the turn-off and the removal). When the wait ends, the cmdlet reports an error but the job is not cancelled on the host.'; Default = '300' }
    }
    Inputs      = @(
        @{ Type = 'HyperVLibvirt.Core.Domains.HvDomain'; Description = 'You can pipe domains from Get-HvDomain to this cmdlet.' }
        @{ Type = 'System.String'; Description = 'You can pipe domain names, and objects with a Name, Uuid (VMId) or Id property.' }
    )
    Outputs     = @(
        @{ Type = 'System.Void'; Description = 'This cmdlet returns no output.' }
    )
    Notes       = @(
        'Errors name what was refused: DomainActive (nothing was sent; add -Force or stop the domain first), DomainNotFound (already gone), HostRefused (the host''s return code, such as 32775 Invalid state for this operation), and JobFailed with the job''s own description.'
        'Domains are confirmed and removed one after another; a domain that fails is a non-terminating error naming it, and the others carry on.'
    )
    Examples    = @(
        @{
            Title   = 'Remove a stopped domain'
            Code    = @'
Remove-HvDomain vm-002 -Confirm:$false
(Get-HvDomain).Count

7
'@
            Remarks = @('Removes vm-002, which is off, without asking; the host then has seven domains.')
        }
        @{
            Title   = 'A running domain is refused'
            Code    = @'
try { Remove-HvDomain vm-001 -Confirm:$false -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }

DomainActive,HyperVLibvirt.Commands.Management.RemoveHvDomainCommand
'@
            Remarks = @('vm-001 is running, so nothing is sent; the error''s recommendation says to stop it first or to add -Force.')
        }
        @{
            Title   = 'Turn a running domain off and remove it'
            Code    = 'Remove-HvDomain vm-005 -Force -Confirm:$false'
            Remarks = @('Turns vm-005 off (a hard power-off) and removes it.')
        }
        @{
            Title   = 'Preview which domains would go'
            Code    = 'Get-HvDomain -Inactive | Remove-HvDomain -WhatIf'
            Remarks = @('Shows, for each inactive domain, that it would be removed, and removes nothing.')
        }
    )
    Links       = @('Get-HvDomain', 'Stop-HvDomain', 'Set-HvDomain', 'about_HyperVLibvirt')
}
