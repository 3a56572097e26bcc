# Prose of Checkpoint-HvDomain's help; parameter facts come from the cmdlet. Build with Build-MamlHelp.ps1.
@{
    Synopsis    = 'Takes a snapshot (Hyper-V checkpoint) of domains, as Hyper-V''s Checkpoint-VM and virsh snapshot-create-as do.'
    Description = @(
        'Checkpoint-HvDomain takes a full snapshot of each domain through Msvm_VirtualSystemSnapshotService.CreateSnapshot (SnapshotType 2) and waits for the host''s job. The new snapshot becomes the domain''s current one, with the previous current snapshot as its parent. It holds the guest''s memory when the domain was running, paused or saved (libvirt''s state running), and only the disks when it was off (shutoff).'
        'Hyper-V names the snapshot itself, "<domain> - (<date> - <time>)" in the host''s culture. With -SnapshotName the new snapshot is then renamed, as Hyper-V''s Checkpoint-VM -SnapshotName does: Msvm_VirtualSystemManagementService.ModifySystemSettings with an embedded Msvm_VirtualSystemSettingData holding the snapshot''s InstanceID and the name. If the rename fails, the snapshot exists with its default name, and the domain''s SnapshotRenameFailed error names it.'
        'Domains come from the pipeline (Get-HvDomain) or by -Name (wildcards), -Uuid or -Id, as for the lifecycle cmdlets. Each domain is confirmed (-WhatIf, -Confirm) first; then every domain''s snapshot is started at once, at most -ThrottleLimit (8) requests in flight per host, and the jobs of a host are polled together with one query, so eight domains take about as long as one. A failure is a non-terminating error naming the domain, and the others carry on. Results come in the order the jobs finish. With -PassThru each new snapshot is read back from the host and written as Get-HvDomainSnapshot writes it.'
    )
    Parameters  = @{
        Domain     = @{ Description = 'Domains, typically from Get-HvDomain; each is checkpointed on its own connection.' }
        Name       = @{ Description = 'The names of the domains to checkpoint. Wildcards are permitted. Names that match nothing are a DomainNotFound error. Tab completion offers the names on the host.' }
        Uuid       = @{ Description = 'The UUIDs of the domains to checkpoint (Hyper-V''s VMId).' }
        Id         = @{ Description = 'The libvirt ids of the domains to checkpoint (the worker process id of an active domain).' }
        SnapshotName = @{ Description = 'The name to give the new snapshot instead of Hyper-V''s default. It is given after the snapshot is taken; when the host refuses it, the snapshot keeps its default name and the error is SnapshotRenameFailed. An empty name is refused before anything is sent.' }
        PassThru   = @{ Description = 'Writes each new snapshot, read back from the host, to the pipeline.' }
        TimeoutSec = @{ Description = 'How long to wait for each job, in seconds. When the wait ends the job goes on on the host, and the domain''s error is JobTimedOut.'; Default = '300' }
        ThrottleLimit = @{ Description = 'How many WS-Man requests go to each host at once, 1 to 1024. Waiting for a job holds none: the jobs of all the domains run on the hosts together, and the jobs of a host are polled with one query.'; Default = '8' }
        Connection = @{ Description = 'The connections on which -Name, -Uuid or -Id look domains up. Without it, the default connection is used. Domains from the pipeline use their own connection.'; Default = 'The default connection' }
    }
    Inputs      = @(
        @{ Type = 'HyperVLibvirt.Core.Domains.HvDomain'; Description = 'You can pipe domains from Get-HvDomain to this cmdlet.' }
        @{ Type = 'System.String'; Description = 'You can pipe domain names, and objects with a Name, Uuid (VMId) or Id property.' }
    )
    Outputs     = @(
        @{ Type = 'None'; Description = 'By default, this cmdlet returns no output.' }
        @{ Type = 'HyperVLibvirt.Core.Snapshots.HvDomainSnapshot'; Description = 'With -PassThru, each new snapshot as Get-HvDomainSnapshot reads it.' }
    )
    Notes       = @(
        'Snapshots are taken through root/virtualization/v2 (Windows Server 2012 and later); a host that offers only the v1 namespace is told so in a HyperVError.'
        'A return code other than 0 or 4096 is a StateChangeFailed error with the code and its meaning; a job that fails is JobFailed with the host''s ErrorDescription.'
        'A rename that fails after the snapshot is taken is a SnapshotRenameFailed error that names the snapshot by its default name and InstanceID; the snapshot is not removed.'
    )
    Examples    = @(
        @{
            Title   = 'Checkpoint a domain and show the new snapshot'
            Code    = @'
Checkpoint-HvDomain vm-003 -PassThru | Format-List Domain, Parent, IsCurrent, State, Type

Domain    : vm-003
Parent    : pre-upgrade
IsCurrent : True
State     : running
Type      : Standard
'@
            Remarks = @('Takes a snapshot of vm-003, which is saved, so the snapshot holds its memory (state running). It becomes the current snapshot, under pre-upgrade, the one that was current.')
        }
        @{
            Title   = 'Checkpoint every running domain'
            Code    = @'
Get-HvDomain -State Running | Checkpoint-HvDomain -PassThru | Sort-Object Domain | Select-Object Domain, IsCurrent, HasMemory

Domain IsCurrent HasMemory
------ --------- ---------
vm-001      True      True
vm-005      True      True
vm-007      True      True
'@
            Remarks = @('Each running domain gets a snapshot with its memory, all taken at the same time; the snapshots come back as their jobs finish, so they are sorted here. Add -WhatIf to see which domains would be checkpointed.')
        }
        @{
            Title   = 'Checkpoint a domain under a name of your own'
            Code    = @'
Checkpoint-HvDomain vm-002 -SnapshotName 'before patch' -PassThru | Format-List Name, Parent, IsCurrent, HasMemory

Name      : before patch
Parent    : test-b2
IsCurrent : True
HasMemory : False
'@
            Remarks = @('Takes a snapshot of vm-002, which is off (so only its disks), and names it "before patch". It becomes the current snapshot, under test-b2.')
        }
    )
    Links       = @('Get-HvDomainSnapshot', 'Checkpoint-HvDomain', 'Restore-HvDomainSnapshot', 'Remove-HvDomainSnapshot', 'about_HyperVLibvirt')
}
