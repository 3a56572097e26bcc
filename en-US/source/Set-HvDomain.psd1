# Prose of Set-HvDomain's help; parameter facts come from the cmdlet, shared texts from _DomainLifecycle.psd1.
@{
    Include     = '_DomainLifecycle.psd1'
    Synopsis    = 'Changes domains'' memory, maximum memory, virtual processors and autostart.'
    Description = @(
        'Set-HvDomain changes what virsh setmem, setmaxmem, setvcpus and autostart change, through Msvm_VirtualSystemManagementService: memory and virtual processors with one ModifyResourceSettings call (Hyper-V applies both or neither), autostart with ModifySystemSettings (AutomaticStartupAction 4 for on, 2 for off). The settings travel as embedded CIM instances, as libvirt sends them.'
        'Memory sizes are in bytes, so PowerShell''s units work (-Memory 4GB, -MaxMemory 8192MB). They are rounded as libvirt rounds them: up to whole MiB, then up to an even number of MiB, because Hyper-V takes memory in 2 MiB steps.'
        'Each domain is read afresh first, and what Hyper-V would refuse for its state is refused before anything is sent: virtual processors change only while the domain is off (Shutoff, not saved), and the memory of an active domain changes only when it has dynamic memory. Values that already hold are not sent again. What the host refuses comes back as an error with its return code.'
    )
    Parameters  = @{
        Memory     = @{ Description = 'The startup memory in bytes (Msvm_MemorySettingData.VirtualQuantity), as virsh setmem sets it. At least 32 MiB, and not above the maximum memory (raise -MaxMemory in the same command).' }
        MaxMemory  = @{ Description = 'The maximum memory in bytes (Msvm_MemorySettingData.Limit), as virsh setmaxmem sets it.' }
        VcpuCount  = @{ Description = 'The number of virtual processors (Msvm_ProcessorSettingData.VirtualQuantity), as virsh setvcpus sets it. The domain must be off.' }
        Autostart  = @{ Description = 'Whether the domain starts with the host: $true sets AutomaticStartupAction 4 (always start), $false sets 2 (nothing), as virsh autostart and autostart --disable do.' }
        PassThru   = @{ Description = 'Writes each domain, read again after the change with its settings (as Get-HvDomain -Detailed shows them), to the pipeline. By default the cmdlet writes nothing.' }
        TimeoutSec = @{ Description = 'How long, in seconds, to wait for each job the host starts. When the wait ends, the cmdlet reports an error but the job is not cancelled on the host.'; Default = '300' }
    }
    Inputs      = @(
        @{ Type = 'HyperVLibvirt.Core.Domains.HvDomain'; Description = 'You can pipe domains from Get-HvDomain to this cmdlet.' }
        @{ Type = 'System.String'; Description = 'You can pipe domain names, and objects with a Name, Uuid (VMId) or Id property.' }
    )
    Outputs     = @(
        @{ Type = 'None'; Description = 'By default, this cmdlet returns no output.' }
        @{ Type = 'HyperVLibvirt.Core.Domains.HvDomain'; Description = 'With -PassThru, each changed domain with its settings as the host reports them afterwards.' }
    )
    Notes       = @(
        'Errors name what was refused: VcpusNeedDomainOff and MemoryFixedWhileActive (the domain''s state; nothing was sent), ValueOutOfRange (below 32 MiB, or memory above the maximum), HostRefused (the host''s return code, such as 32773 Invalid parameter for a size beyond the host''s limit), and JobFailed with the job''s own description.'
        'Domains are confirmed one by one (-WhatIf and -Confirm work as usual) and changed one after another; a domain that fails is a non-terminating error naming it, and the others carry on.'
    )
    Examples    = @(
        @{
            Title   = 'Give a stopped domain more memory'
            Code    = @'
Set-HvDomain vm-006 -Memory 3GB -MaxMemory 4GB -PassThru | Format-Table Name, State, Memory, MaxMemory

Name   State       Memory  MaxMemory
----   -----       ------  ---------
vm-006 Shutoff 3221225472 4294967296
'@
            Remarks = @('Sets the startup and the maximum memory of vm-006 in one ModifyResourceSettings call and shows the domain as the host reports it afterwards.')
        }
        @{
            Title   = 'Change the virtual processors and turn autostart on'
            Code    = @'
Set-HvDomain vm-002 -VcpuCount 2 -Autostart $true -PassThru | Format-Table Name, VCpus, Autostart

Name   VCpus Autostart
----   ----- ---------
vm-002     2      True
'@
            Remarks = @('vm-002 is off, so its virtual processors can change; autostart can change in any state.')
        }
        @{
            Title   = 'See libvirt''s rounding'
            Code    = @'
(Set-HvDomain vm-008 -Memory 1001MB -PassThru).Memory / 1MB

1002
'@
            Remarks = @('1001 MiB is rounded up to 1002 MiB, the next even number, as virsh setmem rounds it.')
        }
        @{
            Title   = 'A running domain keeps its virtual processors'
            Code    = @'
try { Set-HvDomain vm-001 -VcpuCount 8 -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }

VcpusNeedDomainOff,HyperVLibvirt.Commands.Management.SetHvDomainCommand
'@
            Remarks = @('vm-001 is running, so the change is refused before anything is sent; stop the domain with Stop-HvDomain first.')
        }
        @{
            Title   = 'Preview a change'
            Code    = 'Get-HvDomain vm-00[23] | Set-HvDomain -Autostart $false -WhatIf'
            Remarks = @('Shows, for each domain, what would be set, and changes nothing.')
        }
    )
    Links       = @('Get-HvDomain', 'Get-HvDomainXml', 'Stop-HvDomain', 'about_HyperVLibvirt')
}
