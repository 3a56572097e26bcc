# Prose of Get-HvDomainVcpu's help; parameter facts come from the cmdlet. Build with Build-MamlHelp.ps1.
@{
    Synopsis    = 'Gets the virtual CPUs of domains (virsh vcpuinfo), or their vCPU counts (virsh vcpucount).'
    Description = @(
        'Get-HvDomainVcpu returns one object per virtual CPU of each domain, as virsh vcpuinfo lists them: its number, its state and the processor time it has used. A vCPU is Running when the hypervisor has it (the domain runs or is paused) and Offline when the domain is off or saved. CpuTimeNs is libvirt''s cpuTime in nanoseconds (the Hyper-V Hypervisor Virtual Processor counter PercentTotalRunTime, in 100 ns ticks, times 100); CpuTime shows it as a time span.'
        'With -Count it returns one object per domain with the four numbers virsh vcpucount prints: MaximumConfig and MaximumLive, the most vCPUs the host lets a VM have (Hyper-V has no per-VM maximum, so libvirt reports the host''s), and CurrentConfig and CurrentLive, the domain''s vCPUs (Msvm_ProcessorSettingData.VirtualQuantity). The live numbers are empty unless the domain runs, as libvirt refuses them then.'
        'Domains come from the pipeline, or by -Name (wildcards; none means every domain), -Uuid or -Id. All the domains of one host are read together: one query for their processor settings and one for the host''s counters, where libvirt sends two association queries per domain and one counter query per vCPU.'
        'The counters name each virtual processor by its VM''s name ("<name>:Hv VP <n>"), not its id. When another running VM has the same name, the counters cannot be told apart: that domain''s vCPUs are Unknown, with a warning, where libvirt would show the other VM''s numbers. A domain that is not active is Offline without looking, so it never shows a running namesake''s numbers.'
    )
    Parameters  = @{
        Domain     = @{ Description = 'The domains to read, typically from Get-HvDomain. Each domain carries its own connection, so domains of several hosts can be piped together.' }
        Name       = @{ Description = 'The names of the domains to read. Wildcards are permitted. Names that match nothing are a DomainNotFound error. Tab completion offers the names on the host of -Connection, or of the default connection.'; Default = 'All domains' }
        Uuid       = @{ Description = 'The UUIDs of the domains to read (Hyper-V''s VM id).' }
        Id         = @{ Description = 'The libvirt ids of the domains to read: the ProcessID of an active domain''s worker process.' }
        Count      = @{ Description = 'Returns one object per domain with its current and maximum vCPU counts, as virsh vcpucount, instead of one object per vCPU.' }
        Connection = @{ Description = 'The connections on which -Name, -Uuid or -Id look domains up. Without it, the default connection is used. Domains given with -Domain or from the pipeline use their own connection.'; Default = 'The default connection' }
    }
    Inputs      = @(
        @{ Type = 'HyperVLibvirt.Core.Domains.HvDomain'; Description = 'You can pipe domains from Get-HvDomain.' }
        @{ Type = 'System.String'; Description = 'You can pipe domain names.' }
    )
    Outputs     = @(
        @{ Type = 'HyperVLibvirt.Core.Vcpus.HvDomainVcpu'; Description = 'By default, one object per vCPU: Name, Uuid, Vcpu, State (Running, Offline or Unknown), CpuTimeNs, CpuTime, ComputerName and ConnectionId. GetCpuTime() returns the time as a TimeSpan.' }
        @{ Type = 'HyperVLibvirt.Core.Vcpus.HvDomainVcpuCount'; Description = 'With -Count, one object per domain: Name, Uuid, MaximumConfig, MaximumLive, CurrentConfig, CurrentLive, ComputerName and ConnectionId.' }
    )
    Notes       = @(
        'Hyper-V does not pin vCPUs: each may run on any host processor, and the processor it last ran on is not reported, so there is no CPU or affinity column (libvirt reports every host CPU as usable).'
        'A host without the hypervisor''s performance counter class (Win32_PerfRawData_HvStats_HyperVHypervisorVirtualProcessor) fails with WmiClassNotFound and says how to restore the counters. A domain whose processor settings the host does not return is a DomainSettingsNotFound error of its own.'
    )
    Examples    = @(
        @{
            Title   = 'List the vCPUs of a domain that is off, as virsh vcpuinfo'
            Code    = @'
Get-HvDomainVcpu vm-002

Name   Vcpu State   CpuTime ComputerName
----   ---- -----   ------- ------------
vm-002    0 Offline         127.0.0.1
vm-002    1 Offline         127.0.0.1
vm-002    2 Offline         127.0.0.1
vm-002    3 Offline         127.0.0.1
'@
            Remarks = @('vm-002 is shut off, so the hypervisor has none of its four vCPUs.')
        }
        @{
            Title   = 'Show which vCPUs of the running domains have used time'
            Code    = @'
Get-HvDomain -State Running | Get-HvDomainVcpu | Format-Table Name, Vcpu, State, @{ n = 'Used'; e = { $_.CpuTimeNs -gt 0 } }

Name   Vcpu State   Used
----   ---- -----   ----
vm-001    0 Running True
vm-001    1 Running True
vm-001    2 Running True
vm-001    3 Running True
vm-005    0 Running True
vm-005    1 Running True
vm-007    0 Running True
vm-007    1 Running True
'@
            Remarks = @('Reads the vCPUs of every running domain in two queries; CpuTimeNs grows as the domains run.')
        }
        @{
            Title   = 'Count vCPUs, as virsh vcpucount'
            Code    = @'
Get-HvDomainVcpu vm-001, vm-002 -Count

Name   MaximumConfig MaximumLive CurrentConfig CurrentLive ComputerName
----   ------------- ----------- ------------- ----------- ------------
vm-001            32          32             4           4 127.0.0.1
vm-002            32                         4             127.0.0.1
'@
            Remarks = @('vm-002 is not running, so its live counts are empty. The maximum is the host''s: 32 logical processors.')
        }
    )
    Links       = @('Get-HvDomain', 'Get-HvDomainScheduler', 'Get-HvNodeInfo', 'about_HyperVLibvirt')
}
