BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-Module (Get-TestModulePath) -Force
    $script:Sim = Start-TestSimulator -Vms 8 -Seed 1
    $script:Conn = Connect-HvLibvirt (Get-SimulatorUri $script:Sim) -Credential $script:Sim.Credential

    function Measure-Requests([scriptblock] $Script) {
        $before = (Get-SimulatorStats $script:Sim).requests
        $null = & $Script
        (Get-SimulatorStats $script:Sim).requests - $before
    }

    function Get-ErrorOf([scriptblock] $Script) {
        # The first error the command writes, the command stopped by it.
        $ErrorActionPreference = 'Stop'
        try { $null = & $Script; $null } catch { $_ }
    }
}

AfterAll {
    Disconnect-HvLibvirt -All -Confirm:$false
    $script:Sim | Stop-TestSimulator
}

Describe 'New-HvVirtualHardDisk' {
    It 'creates a dynamic VHDX and writes it as the host reads it back' {
        $disk = New-HvVirtualHardDisk D:\VMs\new-a.vhdx 40GB
        $disk | Should -BeOfType ([HyperVLibvirt.Core.Storage.HvVirtualHardDisk])
        $disk.Path | Should -Be 'D:\VMs\new-a.vhdx'
        $disk.Format | Should -Be 'VHDX'
        $disk.Type | Should -Be 'Dynamic'
        $disk.Size | Should -Be 40GB
        $disk.BlockSize | Should -Be 32MB
        $disk.FileSize | Should -BeLessThan 64MB
        $disk.ConnectionId | Should -Be $script:Conn.Id
    }

    It 'creates a fixed VHD whose file holds every block' {
        $disk = New-HvVirtualHardDisk D:\VMs\new-b.vhd 1GB -Fixed
        $disk.Format | Should -Be 'VHD'
        $disk.Type | Should -Be 'Fixed'
        $disk.FileSize | Should -Be (1GB + 512)
    }

    It 'takes Path and SizeBytes from piped objects, one disk each' {
        $disks = @(
            [pscustomobject]@{ Path = 'D:\VMs\csv-1.vhdx'; SizeBytes = 10GB }
            [pscustomobject]@{ Path = 'D:\VMs\csv-2.vhdx'; SizeBytes = 20GB }
        ) | New-HvVirtualHardDisk
        @($disks.Size) | Should -Be @(10GB, 20GB)
    }

    It 'refuses an existing file as FileExists with a recommended action, and changes nothing' {
        $boot = 'C:\ProgramData\Microsoft\Windows\Virtual Hard Disks\vm-001.vhdx'
        $before = (Get-HvDomainBlockInfo vm-001 | Where-Object Source -eq $boot).Physical
        $err = Get-ErrorOf { New-HvVirtualHardDisk $boot.ToUpperInvariant() 40GB }
        $err.FullyQualifiedErrorId | Should -BeLike 'FileExists,*'
        $err.CategoryInfo.Category | Should -Be 'ResourceExists'
        $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        (Get-HvDomainBlockInfo vm-001 | Where-Object Source -eq $boot).Physical | Should -Be $before
    }

    It 'refuses <Why> as <ErrorId> before sending anything' -ForEach @(
        @{ Why = 'a relative path'; Path = 'disk.vhdx'; Size = 1GB; ErrorId = 'InvalidPath' }
        @{ Why = 'a name that is no disk format'; Path = 'D:\VMs\disk.img'; Size = 1GB; ErrorId = 'InvalidPath' }
        @{ Why = 'a size below 3 MiB'; Path = 'D:\VMs\tiny.vhdx'; Size = 1MB; ErrorId = 'ValueOutOfRange' }
        @{ Why = 'a VHD above 2040 GiB'; Path = 'D:\VMs\huge.vhd'; Size = 3TB; ErrorId = 'ValueOutOfRange' }
        @{ Why = 'a size in part sectors'; Path = 'D:\VMs\odd.vhdx'; Size = 1GB + 100; ErrorId = 'ValueOutOfRange' }
    ) {
        $script:err = $null
        $requests = Measure-Requests { $script:err = Get-ErrorOf { New-HvVirtualHardDisk $Path $Size } }
        $script:err.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $script:err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $script:err.TargetObject | Should -Be $Path
        $requests | Should -Be (Measure-Requests { })
    }

    It 'makes nothing with -WhatIf' {
        New-HvVirtualHardDisk D:\VMs\whatif.vhdx 10GB -WhatIf
        $err = Get-ErrorOf { New-HvVirtualHardDisk D:\VMs\whatif.vhdx 10GB -WhatIf:$false }
        $err | Should -BeNullOrEmpty -Because 'the path was still free after -WhatIf'
    }

    It 'supports ShouldProcess and declares its output type' {
        $command = Get-Command New-HvVirtualHardDisk
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.OutputType.Type | Should -Contain ([HyperVLibvirt.Core.Storage.HvVirtualHardDisk])
        { New-HvVirtualHardDisk D:\VMs\both.vhdx 1GB -Fixed -Dynamic } | Should -Throw -ErrorId 'AmbiguousParameterSet*'
    }

    It 'shows a disk as Get-VHD''s table does, sizes in binary units' {
        $PSStyle.OutputRendering = 'PlainText'
        $text = New-HvVirtualHardDisk D:\VMs\view.vhdx 127GB | Format-Table | Out-String -Width 160
        $text | Should -Match 'ComputerName\s+Format\s+Type\s+Size\s+FileSize\s+Path'
        $text | Should -Match '127\.0\.0\.1\s+VHDX\s+Dynamic\s+127 GiB\s+4 MiB\s+D:\\VMs\\view\.vhdx'
    }

    It 'exports every property as a plain value' {
        $row = New-HvVirtualHardDisk D:\VMs\export.vhdx 8GB | ConvertTo-Csv | ConvertFrom-Csv
        $row.Size | Should -Be '8589934592'
        $row.Format | Should -Be 'VHDX'
        $row.Path | Should -Be 'D:\VMs\export.vhdx'
    }
}
