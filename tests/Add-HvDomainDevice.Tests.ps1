BeforeAll {
    . $PSScriptRoot/Common.ps1
    . $PSScriptRoot/Lifecycle.Common.ps1
    Import-Module (Get-TestModulePath) -Force

    # The VMs each suite needs; 'store' only holds spare images, so the host has those files.
    $script:Inventory = @(
        @{ name = 'g2-off'; state = 'off'; generation = 2; drives = @(@{ type = 'vhd'; path = 'D:\VMs\g2-off.vhdx' }) }
        @{ name = 'g1-off'; state = 'off'; generation = 1; drives = @(@{ type = 'vhd'; path = 'D:\VMs\g1-off.vhdx' }) }
        @{ name = 'g2-run'; state = 'running'; generation = 2; drives = @(@{ type = 'vhd'; path = 'D:\VMs\g2-run.vhdx' }) }
        @{ name = 'g1-run'; state = 'running'; generation = 1; drives = @(@{ type = 'vhd'; path = 'D:\VMs\g1-run.vhdx' }) }
        @{ name = 'g2-saved'; state = 'saved'; generation = 2; drives = @(@{ type = 'vhd'; path = 'D:\VMs\g2-saved.vhdx' }) }
        @{ name = 'store'; state = 'off'; generation = 1; floppy = 'D:\Spare\boot.vfd'
            drives = @(@{ type = 'vhd'; path = 'D:\Spare\data1.vhdx' }, @{ type = 'vhd'; path = 'D:\Spare\data2.vhdx' }, @{ type = 'vhd'; path = 'D:\Spare\data3.vhdx' }) }
    )

    function Start-DeviceSimulator([string[]] $Faults = @()) {
        $path = Join-Path ([IO.Path]::GetTempPath()) ('hvl-devices-' + [guid]::NewGuid().ToString('n') + '.json')
        ConvertTo-Json -InputObject @{ vms = $script:Inventory } -Depth 5 | Set-Content -LiteralPath $path -Encoding utf8
        $arguments = @('--inventory', $path, '--job-ms', '50')
        foreach ($f in $Faults) { $arguments += @('--fault', $f) }
        Start-TestSimulator -ExtraArguments $arguments | Add-Member -NotePropertyName InventoryPath -NotePropertyValue $path -PassThru
    }

    function Get-Xml([string] $Name) { [xml] (Get-HvDomainXml $Name) }
}

Describe 'Add-HvDomainDevice' {
    BeforeAll {
        $script:Sim = Start-DeviceSimulator
        $null = Connect-LifecycleSimulator $script:Sim
        $script:Switches = @{}
        foreach ($n in Get-HvNetwork) { $script:Switches[$n.Name] = $n.Uuid.ToString().ToUpperInvariant() }
    }
    AfterAll {
        Disconnect-HvLibvirt -All -Confirm:$false
        $script:Sim | Stop-LifecycleSimulator
    }

    Context 'disks' {
        It 'attaches a VHDX from -VhdPath at the first free SCSI location of a generation 2 domain, read back by Get-HvDomainBlockInfo' {
            $d = Add-HvDomainDevice g2-off -VhdPath D:\Spare\data1.vhdx -PassThru
            $d.Kind | Should -Be 'VirtualHardDisk'
            $d.Target | Should -Be 'sdb'
            $row = Get-HvDomainBlockInfo g2-off -NoSize | Where-Object Source -eq 'D:\Spare\data1.vhdx'
            $row.Target | Should -Be 'sdb'
            $row.Device | Should -Be 'disk'
        }

        It 'places a VHDX on the IDE channel and location given' {
            Add-HvDomainDevice g1-off -VhdPath D:\Spare\data2.vhdx -ControllerType Ide -ControllerNumber 1 -ControllerLocation 1
            $disk = (Get-Xml g1-off).domain.devices.disk | Where-Object { $_.source.file -eq 'D:\Spare\data2.vhdx' }
            $disk.target.dev | Should -Be 'hdd'
            $disk.address.bus | Should -Be '1'
            $disk.address.unit | Should -Be '1'
        }

        It 'attaches a DVD from device XML piped in, where its target says' {
            "<disk type='file' device='cdrom'><source file='C:\ISO\virtio-win-0.1.262.iso'/><target dev='sdd' bus='scsi'/></disk>" |
                Add-HvDomainDevice -Name g2-run
            $disk = (Get-Xml g2-run).domain.devices.disk | Where-Object device -eq 'cdrom'
            $disk.source.file | Should -Be 'C:\ISO\virtio-win-0.1.262.iso'
            $disk.target.dev | Should -Be 'sdd'
        }

        It 'adds a SCSI controller and a disk on it in one command to an off generation 1 domain' {
            Add-HvDomainDevice g1-off -Xml "<controller type='scsi' index='0'/>", "<disk type='file' device='disk'><source file='D:\Spare\data3.vhdx'/><target dev='sda' bus='scsi'/></disk>"
            $xml = Get-Xml g1-off
            @($xml.domain.devices.controller | Where-Object type -eq 'scsi').Count | Should -Be 1
            ($xml.domain.devices.disk | Where-Object { $_.source.file -eq 'D:\Spare\data3.vhdx' }).target.dev | Should -Be 'sda'
        }

        It 'puts a floppy image into the diskette drive of a generation 1 domain' {
            Add-HvDomainDevice g1-off -Xml "<disk type='file' device='floppy'><source file='D:\Spare\boot.vfd'/><target dev='fda' bus='fdc'/></disk>"
            ((Get-Xml g1-off).domain.devices.disk | Where-Object device -eq 'floppy').source.file | Should -Be 'D:\Spare\boot.vfd'
        }
    }

    Context 'network adapters' {
        It 'connects an adapter to a switch by name with a static MAC' {
            $d = Add-HvDomainDevice g2-off -SwitchName Isolated -MacAddress 00-15-5D-00-20-02 -PassThru
            $d.MacAddress | Should -Be '00:15:5d:00:20:02'
            $nic = (Get-Xml g2-off).domain.devices.interface | Where-Object { $_.mac.address -eq '00:15:5d:00:20:02' }
            $nic.source.bridge | Should -Be $script:Switches['Isolated']
        }

        It 'connects an adapter from device XML naming the switch by GUID, and Hyper-V gives it a MAC' {
            $xml = "<interface type='bridge'><source bridge='$($script:Switches['External'])'/></interface>"
            $d = Add-HvDomainDevice g2-run -Xml $xml -PassThru
            $d.MacAddress | Should -Match '^00:15:5d:'
            ((Get-Xml g2-run).domain.devices.interface | Where-Object { $_.mac.address -eq $d.MacAddress }).source.bridge | Should -Be $script:Switches['External']
        }
    }

    Context 'serial ports' {
        It 'sets COM 2''s pipe from parameters and disconnects it from XML' {
            Add-HvDomainDevice g2-off -ComPort 2 -PipePath '\\.\pipe\g2-off-com2'
            ((Get-Xml g2-off).domain.devices.serial | Where-Object { $_.target.port -eq '2' }).source.path | Should -Be '\\.\pipe\g2-off-com2'
            Add-HvDomainDevice g2-off -Xml "<serial type='pipe'><source path='-1'/><target port='2'/></serial>"
            ((Get-Xml g2-off).domain.devices.serial | Where-Object { $_.target.port -eq '2' }).source.path | Should -Not -Match 'pipe'
        }
    }

    Context 'the pipeline' {
        It 'takes domain names piped in, with the device from parameters' {
            $d = @('g2-off', 'g2-run' | Add-HvDomainDevice -ComPort 1 -PipePath '\\.\pipe\shared-com1' -PassThru)
            $d.DomainName | Should -Be @('g2-off', 'g2-run')
        }

        It 'takes domains from Get-HvDomain with -Xml' {
            $d = Get-HvDomain g2-run | Add-HvDomainDevice -Xml "<serial type='pipe'><source path='\\.\pipe\g2-run-com2'/><target port='2'/></serial>" -PassThru
            $d.DomainName | Should -Be 'g2-run'
            ((Get-Xml g2-run).domain.devices.serial | Where-Object { $_.target.port -eq '2' }).source.path | Should -Be '\\.\pipe\g2-run-com2'
        }

        It 'attaches -Xml once to each domain named through the pipeline' {
            $d = @('g2-off', 'g2-run' | Add-HvDomainDevice -Xml "<serial type='pipe'><source path='-1'/><target port='1'/></serial>" -PassThru)
            $d.DomainName | Should -Be @('g2-off', 'g2-run')
        }

        It 'refuses device XML piped in without a domain' {
            { "<serial type='pipe'><source path='-1'/><target port='2'/></serial>" | Add-HvDomainDevice -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidDeviceParameters,HyperVLibvirt.Commands.Devices.AddHvDomainDeviceCommand'
        }
    }

    Context 'output' {
        It 'writes devices as flat data that exports to CSV and JSON' {
            $d = Add-HvDomainDevice g2-off -SwitchName Isolated -MacAddress 00:15:5D:00:30:03 -PassThru
            foreach ($p in $d.PSObject.Properties) {
                if ($null -ne $p.Value) { $p.Value.GetType().IsPrimitive -or $p.Value -is [string] -or $p.Value -is [guid] | Should -BeTrue -Because "$($p.Name) must be a plain value" }
            }
            $csv = $d | ConvertTo-Csv | ConvertFrom-Csv
            $csv.MacAddress | Should -Be '00:15:5d:00:30:03'
            $csv.Kind | Should -Be 'NetworkAdapter'
            ($d | ConvertTo-Json | ConvertFrom-Json).Source | Should -Be 'Isolated'
        }

        It 'shows Domain, Kind, Target, Source and MacAddress in its table' {
            $d = Add-HvDomainDevice g2-off -ComPort 1 -PipePath '\\.\pipe\g2-off-com1' -PassThru
            $PSStyle.OutputRendering = 'PlainText'
            $text = $d | Format-Table | Out-String -Width 160
            $text | Should -Match '(?m)^Domain\s+Kind\s+Target\s+Source\s+MacAddress\s*$'
            $text | Should -Match ('(?m)^g2-off\s+SerialPort\s+COM 1\s+' + [regex]::Escape('\\.\pipe\g2-off-com1') + '\s*$')
        }
    }

    Context 'refusals' {
        It 'refuses an IDE drive for a running domain before anything is sent' {
            $before = (Get-HvDomainXml g1-run)
            Add-HvDomainDevice g1-run -IsoPath C:\ISO\virtio-win-0.1.262.iso -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -Be 'DeviceNeedsDomainOff,HyperVLibvirt.Commands.Devices.AddHvDomainDeviceCommand'
            $err[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
            $err[0].ErrorDetails.RecommendedAction | Should -Match 'Stop-HvDomain'
            Get-HvDomainXml g1-run | Should -Be $before
        }

        It 'refuses anything but a COM port for a saved domain' {
            Add-HvDomainDevice g2-saved -IsoPath C:\ISO\virtio-win-0.1.262.iso -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'DeviceNeedsDomainOff,*'
        }

        It 'refuses IDE on generation 2' {
            Add-HvDomainDevice g2-off -IsoPath C:\ISO\virtio-win-0.1.262.iso -ControllerType Ide -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'DeviceNotOnGeneration,*'
        }

        It 'refuses a taken location naming what holds it' {
            Add-HvDomainDevice g2-off -IsoPath C:\ISO\virtio-win-0.1.262.iso -ControllerLocation 0 -ControllerNumber 0 -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'DeviceLocationTaken,*'
            $err[0].CategoryInfo.Category | Should -Be 'ResourceExists'
            $err[0].Exception.Message | Should -Match ([regex]::Escape("holds a hard drive with 'D:\VMs\g2-off.vhdx'"))
        }

        It 'refuses an unknown switch listing the host''s switches' {
            Add-HvDomainDevice g2-off -SwitchName Nowhere -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'DeviceSwitchNotFound,*'
            $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err[0].Exception.Message | Should -Match "'External'"
        }

        It 'refuses device XML the driver cannot honour, naming the element, and attaches none of the command''s devices' {
            $before = Get-HvDomainXml g2-off
            { Add-HvDomainDevice g2-off -Xml "<interface type='bridge'><source bridge='Isolated'/></interface>", "<disk type='file' device='disk'><driver name='qemu'/><source file='x.vhdx'/></disk>" -ErrorAction Stop } |
                Should -Throw -ErrorId 'DeviceXmlInvalid,HyperVLibvirt.Commands.Devices.AddHvDomainDeviceCommand' -ExpectedMessage "*<driver name='qemu'>*"
            Get-HvDomainXml g2-off | Should -Be $before
        }

        It 'refuses parameters of different devices in one command' {
            { Add-HvDomainDevice g2-off -VhdPath D:\Spare\data1.vhdx -SwitchName External -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidDeviceParameters,*'
            { Add-HvDomainDevice g2-off -ComPort 1 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidDeviceParameters,*'
            { Add-HvDomainDevice g2-off -SwitchName External -MacAddress 01:00:5E:00:00:01 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidDeviceParameters,*'
            { Add-HvDomainDevice g2-off -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidDeviceParameters,*'
        }

        It 'refuses an image the host does not have before anything is sent' {
            $before = Get-HvDomainXml g2-run
            Add-HvDomainDevice g2-run -VhdPath D:\Nowhere\missing.vhdx -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'DeviceImageNotFound,*'
            $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err[0].Exception.Message | Should -Match ([regex]::Escape("the host has no file 'D:\Nowhere\missing.vhdx'"))
            Get-HvDomainXml g2-run | Should -Be $before
        }

        It 'changes nothing with -WhatIf' {
            $before = Get-HvDomainXml g2-off
            Add-HvDomainDevice g2-off -SwitchName External -WhatIf
            Get-HvDomainXml g2-off | Should -Be $before
        }
    }
}

Describe 'Add-HvDomainDevice when the host fails the media step' {
    BeforeAll {
        # The second AddResourceSettings (the image in the new drive) starts a job that fails.
        $script:Sim = Start-DeviceSimulator -Faults 'job:AddResourceSettings@2'
        $null = Connect-LifecycleSimulator $script:Sim
    }
    AfterAll {
        Disconnect-HvLibvirt -All -Confirm:$false
        $script:Sim | Stop-LifecycleSimulator
    }

    It 'removes the drive it added and says so' {
        $before = Get-HvDomainBlockInfo g2-off -NoSize
        Add-HvDomainDevice g2-off -VhdPath D:\Spare\data1.vhdx -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DeviceJobFailed,*'
        $err[0].Exception.Message | Should -Match 'The disk drive added for it was removed'
        @(Get-HvDomainBlockInfo g2-off -NoSize).Count | Should -Be @($before).Count
        # No drive was left at the location: the next disk takes it (sdb, location 1).
        (Add-HvDomainDevice g2-off -VhdPath D:\Spare\data1.vhdx -PassThru).Target | Should -Be 'sdb'
    }
}
