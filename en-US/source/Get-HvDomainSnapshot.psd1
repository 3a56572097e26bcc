# Prose of Get-HvDomainSnapshot's help; parameter facts come from the cmdlet. Build with Build-MamlHelp.ps1.
@{
    Synopsis    = 'Gets domains'' snapshots (Hyper-V checkpoints): virsh snapshot-list, snapshot-current, snapshot-parent and snapshot-info.'
    Description = @(
        'Get-HvDomainSnapshot returns the snapshots of domains, each placed in its domain''s tree: Name, Domain, CreationTime, libvirt''s State (running when the snapshot holds the guest''s memory, shutoff otherwise), Parent, IsCurrent, Children, Descendants and Depth. A Hyper-V snapshot is an Msvm_VirtualSystemSettingData of type Microsoft:Hyper-V:Snapshot:Realized (or :Recovery, left by backup software); its Parent names its parent snapshot, and Msvm_MostCurrentSnapshotInBranch names the one the VM runs from, libvirt''s current snapshot.'
        'Without parameters it lists every snapshot of every domain on the default connection, in tree order (depth first, oldest first), as virsh snapshot-list --tree shows them; the table view indents each name by its depth and marks the current snapshot with *. -DomainName (with wildcards) or domains piped from Get-HvDomain select domains; -Name (with wildcards), -Current, -Roots and -Leaves select snapshots.'
        'Each host is asked three times however many domains are read: its domains, all its snapshots, and every VM''s current snapshot; trees are built here. Piped domains are collected and read together, per host. A domain named exactly that has no match is an error (NoCurrentSnapshot with -Current, SnapshotNotFound with an exact -Name); a wildcard or a whole-host read stays silent.'
    )
    Parameters  = @{
        Domain     = @{ Description = 'Domains, typically from Get-HvDomain. Each is read on its own connection; piped domains are collected and read in one pass per host.' }
        DomainName = @{ Description = 'The names of the domains whose snapshots to get. Wildcards are permitted and matching ignores case; names also come from the pipeline as strings. An exact name that matches no domain is a DomainNotFound error. Tab completion offers the names on the host.'; Default = 'Every domain' }
        Name       = @{ Description = 'The names of the snapshots to get. Wildcards are permitted and matching ignores case. Hyper-V lets two snapshots of a VM share a name; both are returned, and Id tells them apart.'; Default = 'Every snapshot' }
        Current    = @{ Description = 'Returns only each domain''s current snapshot, as virsh snapshot-current does.' }
        Roots      = @{ Description = 'Returns only snapshots without a parent, as virsh snapshot-list --roots does.' }
        Leaves     = @{ Description = 'Returns only snapshots without children, as virsh snapshot-list --leaves does.' }
        Connection = @{ Description = 'The connections to read, one or many, from Connect-HvLibvirt or Get-HvConnection; also from the pipeline, by value or from a ConnectionId property. Without it, the default connection is used; with no default the cmdlet stops with NoDefaultConnection.'; Default = 'The default connection' }
    }
    Inputs      = @(
        @{ Type = 'HyperVLibvirt.Core.Domains.HvDomain'; Description = 'You can pipe domains from Get-HvDomain.' }
        @{ Type = 'System.String'; Description = 'You can pipe domain names to this cmdlet.' }
        @{ Type = 'HyperVLibvirt.Core.Connection.HvConnection'; Description = 'You can pipe connections, to list the snapshots of each host.' }
    )
    Outputs     = @(
        @{ Type = 'HyperVLibvirt.Core.Snapshots.HvDomainSnapshot'; Description = 'One object per snapshot: Name, Domain, CreationTime, State, Parent, IsCurrent, Children, Descendants, Depth, HasMemory, Type (Standard or Recovery), Description (the snapshot''s notes), Id, ParentId, InstanceId, DomainUuid, ComputerName and ConnectionId. Format-List shows the fields of virsh snapshot-info. GetSettings() returns the snapshot''s Msvm_VirtualSystemSettingData.' }
    )
    Notes       = @(
        'Snapshots are read from root/virtualization/v2 (Windows Server 2012 and later); a host that offers only the v1 namespace is told so in a HyperVError.'
        'virsh snapshot-parent is the Parent property; virsh snapshot-info is Format-List of one snapshot.'
    )
    Examples    = @(
        @{
            Title   = 'List a domain''s snapshots as a tree'
            Code    = @'
Get-HvDomainSnapshot vm-002

Domain Name        CreationTime               State   Current
------ ----        ------------               -----   -------
vm-002 baseline    2025-03-05 09:30:00 +00:00 shutoff
vm-002   test-a    2025-03-13 09:30:00 +00:00 running
vm-002   test-b    2025-03-15 09:30:00 +00:00 shutoff
vm-002     test-b2 2025-03-18 09:30:00 +00:00 shutoff *
'@
            Remarks = @('Lists the snapshots of vm-002 as virsh snapshot-list --tree does: test-a and test-b are branches from baseline, and the domain runs from test-b2. test-a holds the guest''s memory, so its state is running.')
        }
        @{
            Title   = 'Get the current snapshot of every domain'
            Code    = @'
Get-HvDomainSnapshot -Current | Select-Object Domain, Name

Domain Name
------ ----
vm-002 test-b2
vm-003 pre-upgrade
vm-006 pre-upgrade
vm-007 test-b2
vm-008 test-b2
'@
            Remarks = @('Returns each domain''s current snapshot, as virsh snapshot-current --name does per domain; domains without snapshots are left out.')
        }
        @{
            Title   = 'Get a snapshot''s parent'
            Code    = @'
(Get-HvDomainSnapshot vm-003 -Name pre-upgrade).Parent

patched
'@
            Remarks = @('Answers virsh snapshot-parent vm-003 pre-upgrade.')
        }
        @{
            Title   = 'Show a snapshot as virsh snapshot-info does'
            Code    = @'
Get-HvDomainSnapshot vm-002 -Name test-b | Format-List Name, Domain, IsCurrent, State, Parent, Children, Descendants

Name        : test-b
Domain      : vm-002
IsCurrent   : False
State       : shutoff
Parent      : baseline
Children    : 1
Descendants : 1
'@
            Remarks = @('Shows where test-b sits in the tree: one child (test-b2), which is also its only descendant.')
        }
        @{
            Title   = 'List the leaves of a domain''s tree'
            Code    = @'
Get-HvDomainSnapshot vm-002 -Leaves | Select-Object Name, Parent

Name    Parent
----    ------
test-a  baseline
test-b2 test-b
'@
            Remarks = @('Returns the snapshots without children, as virsh snapshot-list --leaves does.')
        }
    )
    Links       = @('Get-HvDomainSnapshotXml', 'Get-HvDomain', 'about_HyperVLibvirt')
}
