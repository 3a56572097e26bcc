# Prose of Restore-HvDomainSnapshot's help; parameter facts come from the cmdlet. Build with Build-MamlHelp.ps1.
@{
    Synopsis    = 'Reverts domains to snapshots, as Hyper-V''s Restore-VMSnapshot and virsh snapshot-revert do.'
    Description = @(
        'Restore-HvDomainSnapshot applies a snapshot through Msvm_VirtualSystemSnapshotService.ApplySnapshot and waits for the host''s job. The snapshot becomes the domain''s current one; the domain is left saved when the snapshot holds memory (Shutoff with HasManagedSave; Start-HvDomain resumes the guest where the snapshot was taken), and off when it does not.'
        'Hyper-V applies a snapshot only to a domain that is off or saved. A running or paused domain is refused with DomainAlreadyActive before anything is sent; stop or save it first (Stop-HvDomain, Stop-HvDomain -Save). The domain''s present state is lost, so the cmdlet asks before each revert (ConfirmImpact High); -Confirm:$false runs it unattended.'
        'Snapshots come from the pipeline (Get-HvDomainSnapshot) or by -DomainName and -Name, both with wildcards. An exact -Name that a domain lacks is a SnapshotNotFound error.'
        'Every snapshot is confirmed first; then the domains are reverted at the same time (at most -ThrottleLimit requests in flight per host, 8 by default; the jobs of a host polled together with one query), each domain''s reverts in the order given. Results come in the order the jobs finish; a failure is a non-terminating error and the others carry on.'
    )
    Parameters  = @{
        Snapshot   = @{ Description = 'Snapshots, typically from Get-HvDomainSnapshot; each is reverted to on its own connection.' }
        DomainName = @{ Description = 'The names of the domains whose snapshots to revert to. Wildcards are permitted. Tab completion offers the names on the host.' }
        Name       = @{ Description = 'The names of the snapshots to revert to. Wildcards are permitted; an exact name a domain lacks is a SnapshotNotFound error.' }
        PassThru   = @{ Description = 'Writes each snapshot, read back from the host after the revert (now current), to the pipeline.' }
        TimeoutSec = @{ Description = 'How long to wait for each job, in seconds. When the wait ends the job goes on on the host, and the error is JobTimedOut.'; Default = '300' }
        ThrottleLimit = @{ Description = 'How many WS-Man requests go to each host at once, 1 to 1024. Waiting for a job holds none: the jobs of all the domains run on the hosts together, and the jobs of a host are polled with one query.'; Default = '8' }
        Connection = @{ Description = 'The connections on which -DomainName looks domains up. Without it, the default connection is used. Piped snapshots use their own connection.'; Default = 'The default connection' }
    }
    Inputs      = @(
        @{ Type = 'HyperVLibvirt.Core.Snapshots.HvDomainSnapshot'; Description = 'You can pipe snapshots from Get-HvDomainSnapshot to this cmdlet.' }
    )
    Outputs     = @(
        @{ Type = 'None'; Description = 'By default, this cmdlet returns no output.' }
        @{ Type = 'HyperVLibvirt.Core.Snapshots.HvDomainSnapshot'; Description = 'With -PassThru, each snapshot reverted to, read back from the host.' }
    )
    Notes       = @(
        'libvirt''s Hyper-V driver has no snapshot-revert; this is Hyper-V''s own ApplySnapshot (Microsoft''s Msvm_VirtualSystemSnapshotService documentation).'
        'A snapshot removed since it was read is a SnapshotNotFound error; nothing is changed.'
    )
    Examples    = @(
        @{
            Title   = 'Revert a stopped domain to a snapshot'
            Code    = @'
Get-HvDomainSnapshot vm-002 -Name baseline | Restore-HvDomainSnapshot -Confirm:$false -PassThru

Domain Name     CreationTime               State   Current
------ ----     ------------               -----   -------
vm-002 baseline 2025-03-05 09:30:00 +00:00 shutoff *
'@
            Remarks = @('vm-002 is off, so it can be reverted; baseline is now its current snapshot. Without -Confirm:$false the cmdlet asks first.')
        }
        @{
            Title   = 'Revert by name to a snapshot that holds memory'
            Code    = @'
Restore-HvDomainSnapshot -DomainName vm-002 -Name test-a -Confirm:$false
Get-HvDomain vm-002 | Select-Object Name, State, HasManagedSave

Name   State   HasManagedSave
----   -----   --------------
vm-002 Shutoff           True
'@
            Remarks = @('test-a was taken while vm-002 ran, so after the revert the domain is saved: Start-HvDomain vm-002 resumes the guest as it was then.')
        }
    )
    Links       = @('Get-HvDomainSnapshot', 'Checkpoint-HvDomain', 'Restore-HvDomainSnapshot', 'Remove-HvDomainSnapshot', 'about_HyperVLibvirt')
}
