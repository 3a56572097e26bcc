# Prose of Get-HvNetwork's help; parameter facts come from the cmdlet. Build with Build-MamlHelp.ps1.
@{
    Synopsis    = 'Gets the networks (virtual switches) of Hyper-V hosts, as virsh net-list and net-info show them.'
    Description = @(
        'Get-HvNetwork returns the networks of Hyper-V hosts as libvirt''s Hyper-V network driver describes them: a network is a virtual switch (Msvm_VirtualEthernetSwitch), its name is the switch''s name (ElementName) and its UUID the switch''s Name. Hyper-V networks are always active, persistent and started with the host, so Active, Persistent and Autostart are always True.'
        'Without parameters it lists the switches the host reports as healthy (HealthState 5), as virsh net-list --all does: a switch whose external adapter failed is not listed. -Name with exact names and -Uuid look switches up whatever their health, as virsh net-info does. -Name accepts wildcards, matched against the healthy switches. An exact name or UUID that matches nothing is a NetworkNotFound error of its own.'
        'Each host is asked once, however many names are given; with several connections the hosts are asked concurrently and each network is written as it arrives. A host whose Hyper-V namespace has no virtual switch class (root\virtualization, Windows Server 2008 and 2008 R2) is a ClassNotFound error that names the release the feature needs.'
    )
    Parameters  = @{
        Name       = @{ Description = 'The names of the networks (virtual switches) to get. Wildcards are permitted and matching ignores case. Names come from the pipeline as strings or from a Name property. Tab completion offers the names on the host of -Connection, or of the default connection.'; Default = 'All healthy networks' }
        Uuid       = @{ Description = 'The UUIDs of the networks to get (the switch''s Name, the Id of Get-VMSwitch).' }
        Connection = @{ Description = 'The connections to read, one or many, from Connect-HvLibvirt or Get-HvConnection; also from the pipeline, by value or from a ConnectionId property. Without it, the default connection is used; with no default the cmdlet stops with NoDefaultConnection.'; Default = 'The default connection' }
    }
    Inputs      = @(
        @{ Type = 'System.String'; Description = 'You can pipe network names to this cmdlet.' }
        @{ Type = 'HyperVLibvirt.Core.Connection.HvConnection'; Description = 'You can pipe connections, to list the networks of each.' }
    )
    Outputs     = @(
        @{ Type = 'HyperVLibvirt.Core.Networks.HvNetwork'; Description = 'One object per network: Name, Uuid, Active, Persistent, Autostart, Bridge (the switch''s Name, which a domain''s interface names as its bridge), HealthState, ComputerName and ConnectionId. The default table shows the columns of virsh net-list; Format-List shows the virsh net-info fields. ToXml() returns the network''s libvirt XML.' }
    )
    Notes       = @(
        'virsh net-info shows no bridge for Hyper-V networks (libvirt''s driver cannot report one); Bridge here is what libvirt''s domain XML writes as an interface''s bridge.'
        'libvirt has no way to define, start, stop or remove Hyper-V networks: they are the host''s virtual switches, managed with Hyper-V''s own tools.'
    )
    Examples    = @(
        @{
            Title   = 'List the networks, as virsh net-list --all'
            Code    = @'
Get-HvNetwork

Name           Active Autostart Persistent ComputerName
----           ------ --------- ---------- ------------
Default Switch True   True      True       127.0.0.1
External       True   True      True       127.0.0.1
Isolated       True   True      True       127.0.0.1
'@
            Remarks = @('Lists the healthy virtual switches of the default connection''s host. The simulated host also has a switch named Backup whose adapter failed; like virsh net-list, the listing leaves it out.')
        }
        @{
            Title   = 'Show one network, as virsh net-info'
            Code    = @'
Get-HvNetwork External | Format-List Name, Uuid, Active, Persistent, Autostart

Name       : External
Uuid       : 0977035f-c53a-4e14-8e2d-c316b541ebcb
Active     : True
Persistent : True
Autostart  : True
'@
            Remarks = @('Looks the switch up by its exact name, as virsh net-info External does, and shows the fields net-info prints.')
        }
        @{
            Title   = 'Find a switch the listing leaves out'
            Code    = @'
Get-HvNetwork Backup | Format-List Name, HealthState

Name        : Backup
HealthState : 20
'@
            Remarks = @('An exact name finds a switch whatever its health, as libvirt''s lookup by name does. HealthState 20 is a major failure; 5 is OK.')
        }
    )
    Links       = @('Get-HvNetworkXml', 'Get-HvDomain', 'Connect-HvLibvirt', 'about_HyperVLibvirt')
}
