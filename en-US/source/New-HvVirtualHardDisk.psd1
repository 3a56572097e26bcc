# Prose of New-HvVirtualHardDisk's help; parameter facts come from the cmdlet. Build with Build-MamlHelp.ps1.
@{
    Synopsis    = 'Creates a VHD or VHDX file on Hyper-V hosts, as New-VHD does.'
    Description = @(
        'New-HvVirtualHardDisk makes a virtual hard disk file on the host with Msvm_ImageManagementService.CreateVirtualHardDisk, waits for the Msvm_StorageJob the host starts, and writes the disk as the host reads it back (GetVirtualHardDiskSettingData, and the file size from CIM_DataFile). libvirt''s Hyper-V driver has no storage driver; this is the step New-VM -NewVHDPath takes before a VM is defined.'
        'The format is the file name''s: .vhdx (up to 64 TiB, 32 MiB blocks) or .vhd (up to 2040 GiB). The disk is dynamically expanding unless -Fixed is given; a fixed disk''s file holds every block, so the host takes longer to write it.'
        'What Hyper-V would refuse is refused before anything is sent: a path that is not absolute on the host (C:\dir\file.vhdx or \\server\share\file.vhdx), a name that does not end in .vhdx or .vhd, a size below 3 MiB, above the format''s limit or not in whole 512-byte sectors, and a path where a file exists already (one CIM_DataFile query). The folder must exist on the host.'
    )
    Parameters  = @{
        Path       = @{ Description = 'The new file''s absolute path on the host, ending in .vhdx or .vhd, which names the format. Also from a Path property of piped objects.' }
        SizeBytes  = @{ Description = 'The size the guest sees, in bytes, so PowerShell''s units work (40GB, 127GB). From 3 MiB to 64 TiB for VHDX or 2040 GiB for VHD, in whole 512-byte sectors.' }
        Dynamic    = @{ Description = 'Makes a dynamically expanding disk, whose file grows as the guest writes. This is the default.' }
        Fixed      = @{ Description = 'Makes a fixed disk, whose file holds every block from the start.' }
        TimeoutSec = @{ Description = 'How long, in seconds, to wait for the host''s job. When the wait ends, the cmdlet reports an error but the job is not cancelled on the host.'; Default = '300' }
        Connection = @{ Description = 'The connections whose hosts get the disk; also from the pipeline. Without it, the default connection is used.'; Default = 'The default connection' }
    }
    Inputs      = @(
        @{ Type = 'HyperVLibvirt.Core.Connection.HvConnection'; Description = 'You can pipe connections from Get-HvConnection.' }
        @{ Type = 'System.Management.Automation.PSObject'; Description = 'Objects with Path and SizeBytes properties, such as rows of a CSV file.' }
    )
    Outputs     = @(
        @{ Type = 'HyperVLibvirt.Core.Storage.HvVirtualHardDisk'; Description = 'The new disk as the host reads it: Path, Format, Type, Size (what the guest sees), FileSize, BlockSize, LogicalSectorSize, PhysicalSectorSize, ParentPath, DiskIdentifier, ComputerName and ConnectionId. The table shows ComputerName, Format, Type, Size, FileSize and Path, sizes in binary units.' }
    )
    Notes       = @(
        'Errors name what was refused: InvalidPath and ValueOutOfRange (nothing was sent), FileExists, HostRefused (the host''s return code, such as 32773 Invalid parameter for a folder that does not exist), JobFailed with the job''s own description, and ClassNotAvailable on a host without this method (Windows Server 2008 and 2008 R2 have an older image service).'
        'On a host that does not answer for CIM_DataFile the existence check is skipped; the host''s job then fails for an existing file instead.'
    )
    Examples    = @(
        @{
            Title   = 'Create a dynamic VHDX'
            Code    = @'
New-HvVirtualHardDisk D:\VMs\web-02.vhdx 40GB

ComputerName Format Type      Size FileSize Path
------------ ------ ----      ---- -------- ----
127.0.0.1    VHDX   Dynamic 40 GiB    4 MiB D:\VMs\web-02.vhdx
'@
            Remarks = @('The disk shows the guest 40 GiB; its new file holds only the VHDX headers and grows as the guest writes.')
        }
        @{
            Title   = 'Create a fixed VHD and see its settings'
            Code    = @'
New-HvVirtualHardDisk D:\VMs\legacy.vhd 10GB -Fixed | Format-List Path, Format, Type, Size, FileSize, LogicalSectorSize

Path              : D:\VMs\legacy.vhd
Format            : VHD
Type              : Fixed
Size              : 10737418240
FileSize          : 10737418752
LogicalSectorSize : 512
'@
            Remarks = @('A fixed VHD''s file is the disk itself plus its 512-byte footer. The cmdlet waits for the host''s job, which takes longer for a fixed disk.')
        }
        @{
            Title   = 'A file that exists is refused before anything is sent'
            Code    = @'
try { New-HvVirtualHardDisk 'C:\ProgramData\Microsoft\Windows\Virtual Hard Disks\vm-001.vhdx' 40GB -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }

FileExists,HyperVLibvirt.Commands.Storage.NewHvVirtualHardDiskCommand
'@
            Remarks = @('vm-001''s boot disk is there already; New-HvVirtualHardDisk never replaces a file.')
        }
        @{
            Title   = 'Preview the disk'
            Code    = 'New-HvVirtualHardDisk D:\VMs\web-03.vhdx 60GB -WhatIf'
            Remarks = @('Shows the disk that would be made and on which host, and sends nothing.')
        }
    )
    Links       = @('Get-HvDomainBlockInfo', 'Get-HvConnection', 'about_HyperVLibvirt')
}
