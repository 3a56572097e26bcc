# Prose of Get-HvDomain's help; parameter facts come from the cmdlet. Build with Build-MamlHelp.ps1.
@{
    Synopsis    = 'Gets the virtual machines (libvirt domains) of Hyper-V hosts.'
    Description = @(
        'Get-HvDomain lists the virtual machines of Hyper-V hosts as libvirt''s Hyper-V driver describes them: name (ElementName), UUID (the VM''s GUID), id (the worker process id while the domain is active, none otherwise) and libvirt''s state, with Hyper-V''s own EnabledState and its name beside them. The host''s own Msvm_ComputerSystem is never returned, whatever the host''s language.'
        'Without parameters it lists every domain of the default connection, as virsh list --all does. -Name (with wildcards), -Id and -Uuid select domains; -State, -Active and -Inactive filter them. An exact name, id or UUID that matches nothing is a DomainNotFound error of its own; a state or activity filter that matches nothing returns nothing. A host with no domains is an empty result, not an error.'
        'Domains stream to the pipeline as the host sends them; with several connections the hosts are read concurrently. Each domain carries its Connection, so piping it to another cmdlet reaches the right host. -Detailed also reads vCPUs, memory and autostart, as virsh dominfo shows them, at the cost of three more queries.'
        '-Summary also reads the columns Get-VM shows: CPUUsage (percent), MemoryAssigned (bytes), Uptime, Heartbeat (named as Get-VM names it: OkApplicationsUnknown, NoContact, LostCommunication, ...), Status and Version (the configuration version). They come from Msvm_VirtualSystemManagementService.GetSummaryInformation, one call per 100 domains, so a whole host costs the listing and a handful of calls, not queries per VM. The objects are the same HvDomain objects with these properties filled; a type name -Summary adds selects a table laid out as Get-VM''s: Name, State (Hyper-V''s name for it), CPUUsage(%), MemoryAssigned(M), Uptime, Status and Version. A switch rather than a cmdlet of its own, so that the names, filters and pipeline input of Get-HvDomain all apply.'
        'States follow libvirt''s mapping of Msvm_ComputerSystem.EnabledState, with deliberate differences for values that libvirt''s own v2 operations produce but its table does not know. EnabledState 9 (Quiesce, how current hosts report a paused VM) and 32768 are Paused and active; libvirt reports 9 as NoState. EnabledState 6 (Enabled but offline: a saved VM) and 32769 are Shutoff, inactive, with HasManagedSave set, so Start-HvDomain resumes them from the saved state; libvirt reports 6 as NoState. EnabledState 10 (Starting) is Running and 4 (Shutting down) is Shutdown, both active and InTransition. -Active and -Inactive follow the same mapping, so they always agree with IsActive.'
    )
    Parameters  = @{
        Name       = @{ Description = 'The names of the domains to get. Wildcards are permitted and matching ignores case. Names come from the pipeline as strings or from a Name property. Tab completion offers the names on the host of -Connection, or of the default connection.'; Default = 'All domains' }
        Id         = @{ Description = 'The libvirt ids of the domains to get: the ProcessID of an active domain''s worker process, as virsh list shows it. Inactive domains have no id; use -Name or -Uuid for them.' }
        Uuid       = @{ Description = 'The UUIDs of the domains to get (Hyper-V''s VM id, the VMId of Get-VM).' }
        State      = @{ Description = 'Returns only domains in these libvirt states: NoState, Running, Blocked, Paused, Shutdown, Shutoff, Crashed or PMSuspended.'; Default = 'All states' }
        Active     = @{ Description = 'Returns only active domains, those with an id (Running, Paused, or in transition), as virsh list does. Cannot be combined with -Inactive.' }
        Inactive   = @{ Description = 'Returns only inactive domains (Shutoff, saved, or NoState), as virsh list --inactive does. Cannot be combined with -Active.' }
        Detailed   = @{ Description = 'Also reads each domain''s vCPUs, memory, maximum memory and autostart setting (and fills OsType and Persistent), as virsh dominfo shows them. Without it these properties are empty. It also fetches the whole Msvm_ComputerSystem instance (GetRecord().ComputerSystem), where a plain listing asks only for the properties a domain is built from.' }
        Summary    = @{ Description = 'Also reads Get-VM''s columns (CPUUsage, MemoryAssigned, Uptime, Heartbeat, Status, Version) with GetSummaryInformation, one call per 100 domains, and shows the domains in Get-VM''s table. Without it these properties are empty. Heartbeat is empty while a domain is not running; Version is empty on hosts before Windows Server 2016.' }
        Connection = @{ Description = 'The connections to read, one or many, from Connect-HvLibvirt or Get-HvConnection; also from the pipeline, by value or from a ConnectionId property (so domains piped in are looked up on their own host). Without it, the default connection is used; with no default the cmdlet stops with NoDefaultConnection.'; Default = 'The default connection' }
    }
    Inputs      = @(
        @{ Type = 'System.String'; Description = 'You can pipe domain names to this cmdlet.' }
        @{ Type = 'HyperVLibvirt.Core.Domains.HvDomain'; Description = 'You can pipe domains, for example to re-read them with -Detailed; their Name and ConnectionId bind by property name.' }
        @{ Type = 'HyperVLibvirt.Core.Connection.HvConnection'; Description = 'You can pipe connections, to list the domains of each.' }
    )
    Outputs     = @(
        @{ Type = 'HyperVLibvirt.Core.Domains.HvDomain'; Description = 'One object per domain. The default table shows Id (- while inactive), Name, State and ComputerName; Format-List shows the virsh dominfo fields; Format-Table -View ByHost groups sorted output by host. With -Summary the objects also carry the type name HyperVLibvirt.Core.Domains.HvDomain#Summary: the default table is Get-VM''s, and Format-List shows Get-VM''s columns with the heartbeat, the UUID and the host.' }
    )
    Notes       = @(
        'The state mapping, in full: EnabledState 2 Running; 3 Shutoff; 9 and 32768 Paused (active); 6 and 32769 Shutoff with HasManagedSave (inactive); 10, 32770 Starting, 32771 Snapshotting, 32773 Saving, 32776 Pausing and 32777 Resuming are Running and InTransition; 4 and 32774 Stopping are Shutdown and InTransition; 0 and any other value are NoState, inactive. The raw EnabledState and HyperVState (Running, Off, Saved, Paused, Starting, ...) stay on every object.'
        'Memory and MaxMemory are in bytes (libvirt reports KiB); the list view shows them in binary units such as 1 GiB.'
        'Hyper-V allows two VMs with the same name. Such a name returns both; use -Uuid to pick one.'
    )
    Examples    = @(
        @{
            Title   = 'List every domain, as virsh list --all'
            Code    = @'
Get-HvDomain

     Id Name   State    ComputerName
     -- ----   -----    ------------
   1004 vm-001 Running  127.0.0.1
      - vm-002 Shutoff  127.0.0.1
      - vm-003 Shutoff  127.0.0.1
   1008 vm-004 Paused   127.0.0.1
'@
            Remarks = @('Lists the domains of the default connection. Inactive domains have no id, shown as -. vm-003 is saved: its state is Shutoff and its HasManagedSave property is True.')
        }
        @{
            Title   = 'Show one domain, as virsh dominfo'
            Code    = @'
Get-HvDomain vm-001 -Detailed | Format-List

Id             : 1004
Name           : vm-001
Uuid           : 8286d046-9740-43e4-95cf-ff46699c73c4
OsType         : hvm
State          : Running
VCpus          : 4
MaxMemory      : 1 GiB
Memory         : 1 GiB
Persistent     : True
Autostart      : False
HasManagedSave : False
HyperVState    : Running
ComputerName   : 127.0.0.1
'@
            Remarks = @('Reads the domain with its vCPUs, memory and autostart setting and shows it as a list.')
        }
        @{
            Title   = 'Find saved and paused domains'
            Code    = @'
Get-HvDomain -State Paused
Get-HvDomain -Inactive | Where-Object HasManagedSave
'@
            Remarks = @('The first command returns paused domains, whether the host reports them as 9 or 32768. The second returns domains with a saved state, which Hyper-V calls Saved and libvirt calls Shutoff with a managed save.')
        }
        @{
            Title   = 'Show Get-VM''s columns for the domains that are not running'
            Code    = @'
Get-HvDomain -Summary -Inactive

Name   State CPUUsage(%) MemoryAssigned(M) Uptime   Status             Version
----   ----- ----------- ----------------- ------   ------             -------
vm-002 Off             0                 0 00:00:00 Operating normally 9.0
vm-003 Saved           0                 0 00:00:00 Operating normally 9.0
vm-006 Off             0                 0 00:00:00 Operating normally 9.0
vm-008 Off             0                 0 00:00:00 Operating normally 9.0
'@
            Remarks = @('The table is laid out as Get-VM''s, with Hyper-V''s state names. An inactive domain uses no processor and holds no memory; a saved one keeps its memory on disk, not assigned.')
        }
        @{
            Title   = 'Find the busiest running domains and their heartbeat'
            Code    = @'
Get-HvDomain -Summary -State Running | Sort-Object CPUUsage -Descending | Format-Table Name, CPUUsage, @{ n = 'MemoryAssigned(M)'; e = { $_.MemoryAssigned / 1MB } }, Heartbeat

Name   CPUUsage MemoryAssigned(M) Heartbeat
----   -------- ----------------- ---------
vm-001       31              1024 OkApplicationsUnknown
vm-007       14              4096 OkApplicationsUnknown
vm-005        3              2048 OkApplicationsUnknown
'@
            Remarks = @('Reads the listing and one GetSummaryInformation call for the host. CPUUsage is a percentage and MemoryAssigned is in bytes, as Get-VM reports them; a heartbeat of NoContact on a domain that has run for minutes means the guest has no integration services.')
        }
        @{
            Title   = 'List the running domains of every connected host, grouped by host'
            Code    = 'Get-HvConnection | Get-HvDomain -Active | Sort-Object | Format-Table -View ByHost'
            Remarks = @('Reads every host at once. Sort-Object without a property sorts domains by ComputerName, then Name, and the ByHost view prints one table per host.')
        }
    )
    Links       = @('Connect-HvLibvirt', 'Get-HvConnection', 'Start-HvDomain', 'Stop-HvDomain', 'about_HyperVLibvirt')
}
