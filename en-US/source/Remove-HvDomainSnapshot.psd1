# Prose of Remove-HvDomainSnapshot's help; parameter facts come from the cmdlet. Build with Build-MamlHelp.ps1.
@{
    Synopsis    = 'Deletes snapshots, or whole subtrees of them, as Hyper-V''s Remove-VMSnapshot and virsh snapshot-delete [--children] do.'
    Description = @(
        'Remove-HvDomainSnapshot deletes each snapshot through Msvm_VirtualSystemSnapshotService.DestroySnapshot and waits for the host''s job: the snapshot''s children take its parent, and when it was current its parent becomes current. With -IncludeAllChildSnapshots it calls DestroySnapshotTree, which deletes the snapshot and every snapshot below it.'
        'Deleting cannot be undone, so the cmdlet asks before each snapshot (ConfirmImpact High); -Confirm:$false runs it unattended. Snapshots come from the pipeline (Get-HvDomainSnapshot) or by -DomainName and -Name, both with wildcards. With -IncludeAllChildSnapshots the highest snapshots go first, and a snapshot already deleted with its ancestor in the same call is passed over (a verbose line says so).'
        'Every snapshot is confirmed first; then the domains are changed at the same time (at most -ThrottleLimit requests in flight per host, 8 by default; the jobs of a host polled together with one query), each domain''s deletions one after another in that order. A failure is a non-terminating error and the others carry on.'
    )
    Parameters  = @{
        Snapshot                 = @{ Description = 'Snapshots, typically from Get-HvDomainSnapshot; each is deleted on its own connection.' }
        DomainName               = @{ Description = 'The names of the domains whose snapshots to delete. Wildcards are permitted. Tab completion offers the names on the host.' }
        Name                     = @{ Description = 'The names of the snapshots to delete. Wildcards are permitted; an exact name a domain lacks is a SnapshotNotFound error.' }
        IncludeAllChildSnapshots = @{ Description = 'Deletes each snapshot''s descendants too (DestroySnapshotTree), as virsh snapshot-delete --children does.' }
        PassThru                 = @{ Description = 'Writes each snapshot''s domain, read again after the deletion, to the pipeline.' }
        TimeoutSec               = @{ Description = 'How long to wait for each job, in seconds. When the wait ends the job goes on on the host, and the error is JobTimedOut.'; Default = '300' }
        ThrottleLimit = @{ Description = 'How many WS-Man requests go to each host at once, 1 to 1024. Waiting for a job holds none: the jobs of all the domains run on the hosts together, and the jobs of a host are polled with one query.'; Default = '8' }
        Connection               = @{ Description = 'The connections on which -DomainName looks domains up. Without it, the default connection is used. Piped snapshots use their own connection.'; Default = 'The default connection' }
    }
    Inputs      = @(
        @{ Type = 'HyperVLibvirt.Core.Snapshots.HvDomainSnapshot'; Description = 'You can pipe snapshots from Get-HvDomainSnapshot to this cmdlet.' }
    )
    Outputs     = @(
        @{ Type = 'None'; Description = 'By default, this cmdlet returns no output.' }
        @{ Type = 'HyperVLibvirt.Core.Domains.HvDomain'; Description = 'With -PassThru, the domain of each deleted snapshot, read again.' }
    )
    Notes       = @(
        'libvirt''s Hyper-V driver has no snapshot-delete; this is Hyper-V''s own DestroySnapshot and DestroySnapshotTree (Microsoft''s Msvm_VirtualSystemSnapshotService documentation).'
        'A snapshot removed since it was read is a SnapshotNotFound error; nothing is changed.'
    )
    Examples    = @(
        @{
            Title   = 'Delete one snapshot; its child moves up'
            Code    = @'
Remove-HvDomainSnapshot -DomainName vm-006 -Name patched -Confirm:$false
Get-HvDomainSnapshot vm-006

Domain Name          CreationTime               State   Current
------ ----          ------------               -----   -------
vm-006 baseline      2025-03-04 09:30:00 +00:00 shutoff
vm-006   pre-upgrade 2025-03-23 09:30:00 +00:00 running *
'@
            Remarks = @('patched is gone; pre-upgrade, its child, now hangs from baseline and is still current.')
        }
        @{
            Title   = 'Delete a snapshot with everything below it'
            Code    = @'
Get-HvDomainSnapshot vm-007 -Name test-b | Remove-HvDomainSnapshot -IncludeAllChildSnapshots -Confirm:$false
Get-HvDomainSnapshot vm-007

Domain Name     CreationTime               State   Current
------ ----     ------------               -----   -------
vm-007 baseline 2025-03-05 09:30:00 +00:00 shutoff *
vm-007   test-a 2025-03-13 09:30:00 +00:00 running
'@
            Remarks = @('Deletes test-b and test-b2 (virsh snapshot-delete vm-007 test-b --children). test-b2 was current, so baseline, the parent of test-b, becomes current.')
        }
    )
    Links       = @('Get-HvDomainSnapshot', 'Checkpoint-HvDomain', 'Restore-HvDomainSnapshot', 'Remove-HvDomainSnapshot', 'about_HyperVLibvirt')
}
