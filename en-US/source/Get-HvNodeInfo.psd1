# Prose of Get-HvNodeInfo's help; parameter facts come from the cmdlet. Build with Build-MamlHelp.ps1.
@{
    Synopsis    = 'Gets a host''s processors, memory, free memory, host name, UUID and vCPU limit (virsh nodeinfo, hostname, maxvcpus, freecell).'
    Description = @(
        'Get-HvNodeInfo returns one object per host with what virsh nodeinfo prints (CPU model, CPU(s), CPU frequency, sockets, cores per socket, threads per core, NUMA cells, memory size), what virsh hostname, virsh maxvcpus and virsh freecell print, and the host''s SMBIOS UUID that virsh capabilities shows.'
        'The facts are mapped as libvirt''s Hyper-V driver maps them: the CPU model is the first processor''s Win32_Processor.Name with runs of spaces collapsed, (R), (C) and (TM) removed and the clock speed from " @ " cut; CpuMHz is its MaxClockSpeed; Sockets counts the Win32_Processor instances; CoresPerSocket is the first processor''s NumberOfCores; ThreadsPerCore is its NumberOfLogicalProcessors divided by NumberOfCores; Cpus is Sockets times CoresPerSocket, so hardware threads are not counted (LogicalProcessors has them); Memory is Win32_ComputerSystem.TotalPhysicalMemory; FreeMemory is Win32_OperatingSystem.FreePhysicalMemory; HostName is Win32_ComputerSystem.DNSHostName; MaxVcpus is the VirtualQuantity of the host''s Maximum Msvm_ProcessorSettingData definition, the most vCPUs one VM may have.'
        'The five queries go to the host together over Basic authentication (one round trip''s wait instead of five); over Negotiate or Kerberos they go one after another on the one authenticated connection. With several connections the hosts are asked concurrently and each result is written as it arrives.'
    )
    Parameters  = @{
        Connection = @{ Description = 'The connections to ask, one or many, from Connect-HvLibvirt or Get-HvConnection; also from the pipeline, by value or from a ConnectionId property. Without it, the default connection is used; with no default the cmdlet stops with NoDefaultConnection.'; Default = 'The default connection' }
    }
    Inputs      = @(
        @{ Type = 'HyperVLibvirt.Core.Connection.HvConnection'; Description = 'You can pipe connections to this cmdlet, and objects with a ConnectionId property.' }
    )
    Outputs     = @(
        @{ Type = 'HyperVLibvirt.Core.Node.NodeInfo'; Description = 'One object per host: ComputerName, HostName, Uuid, CpuModel, Cpus, CpuMHz, Sockets, CoresPerSocket, ThreadsPerCore, Nodes, LogicalProcessors, Memory and MemoryKiB, FreeMemory (bytes), MaxVcpus, CpuModelTooLongForLibvirt and ConnectionId. The default view is a list with memory in binary units.' }
    )
    Notes       = @(
        'libvirt copies the model into a 32-byte field and fails nodeinfo with "CPU model <m> too long for destination" when the cleaned name is 32 bytes or longer (AMD EPYC names, padded with spaces, often are). This cmdlet returns the whole name without the trailing space and sets CpuModelTooLongForLibvirt instead of failing.'
        'A fact the host does not report is empty rather than an error; only a host without a Win32_ComputerSystem instance fails, with libvirt''s "Could not look up Win32_ComputerSystem" (error id HyperVError). NUMA cells are always 1, as libvirt reports for Hyper-V.'
    )
    Examples    = @(
        @{
            Title   = 'Show the default host, as virsh nodeinfo'
            Code    = @'
Get-HvNodeInfo

ComputerName   : 127.0.0.1
HostName       : HV-SIM01
Uuid           : a2ad8cd4-7849-42ad-bfef-426b089f3f83
CpuModel       : Intel Xeon Gold 6148 CPU
Cpus           : 16
CpuMHz         : 2400
Sockets        : 2
CoresPerSocket : 8
ThreadsPerCore : 2
Nodes          : 1
Memory         : 256 GiB
FreeMemory     : 85.33 GiB
MaxVcpus       : 32
'@
            Remarks = @('Reads the host of the default connection: two sockets of eight cores with two threads each. Cpus is 16, as libvirt counts it, although the host has 32 logical processors.')
        }
        @{
            Title   = 'Compare the free memory of every connected host'
            Code    = @'
Get-HvConnection | Get-HvNodeInfo | Select-Object ComputerName, @{ n = 'FreeGiB'; e = { [math]::Round([double] $_.FreeMemory / 1GB, 1) } }, MaxVcpus

ComputerName FreeGiB MaxVcpus
------------ ------- --------
127.0.0.1      85.30       32
localhost      85.30       32
'@
            Remarks = @('Asks every connected host at once; FreeMemory is in bytes, as virsh freecell --all totals it.')
        }
        @{
            Title   = 'Get the numbers virsh prints'
            Code    = @'
$node = Get-HvNodeInfo
"Memory size: $($node.MemoryKiB) KiB"
"Max vCPUs:   $($node.MaxVcpus)"

Memory size: 268435456 KiB
Max vCPUs: 32
'@
            Remarks = @('MemoryKiB is the number virsh nodeinfo prints as "Memory size"; MaxVcpus is what virsh maxvcpus prints.')
        }
    )
    Links       = @('Get-HvCapabilityXml', 'Get-HvDomainVcpu', 'Connect-HvLibvirt', 'about_HyperVLibvirt')
}
