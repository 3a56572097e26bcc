BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-Module (Get-TestModulePath) -Force
    $script:Sim = Start-TestSimulator -Vms 8 -Seed 1
    $script:Conn = Connect-HvLibvirt (Get-SimulatorUri $script:Sim) -Credential $script:Sim.Credential

    function Get-Names { @((Get-HvDomain).Name | Sort-Object) }
}

AfterAll {
    Disconnect-HvLibvirt -All -Confirm:$false
    $script:Sim | Stop-TestSimulator
}

Describe 'New-HvDomain' {
    It 'is New with ShouldProcess, outputs HvDomain, and takes XML from the pipeline' {
        $command = Get-Command New-HvDomain
        $command.Verb | Should -Be 'New'
        $command.OutputType.Type | Should -Contain ([HyperVLibvirt.Core.Domains.HvDomain])
        $command.Parameters.ContainsKey('WhatIf') | Should -BeTrue
        $command.Parameters['Xml'].Attributes.Where({ $_ -is [Parameter] }).ValueFromPipeline | Should -Contain $true
        @($command.ParameterSets.Name | Sort-Object) | Should -Be @('Parameters', 'Path', 'Xml')
    }

    It 'defines a generation 2 domain from parameters and the read side shows every part' {
        $d = New-HvDomain param-g2 -Generation 2 -MemoryStartupBytes 2GB -VcpuCount 2 -SwitchName External -Description 'from parameters' `
            -IsoPath 'C:\ISO\ubuntu-24.04-live-server-amd64.iso'
        $d | Should -BeOfType ([HyperVLibvirt.Core.Domains.HvDomain])
        $d.State | Should -Be 'Shutoff'
        $d.VCpus | Should -Be 2
        $d.Memory | Should -Be 2GB

        $doc = [xml](Get-HvDomainXml -Uuid $d.Uuid)
        $doc.domain.os.firmware | Should -Be 'efi'
        $doc.domain.description | Should -Be 'from parameters'
        @($doc.domain.devices.controller | ForEach-Object { "$($_.type)/$($_.index)" }) | Should -Be @('scsi/0')
        $dvd = $doc.SelectSingleNode("/domain/devices/disk[@device='cdrom']")
        "$($dvd.target.dev) $($dvd.target.bus) $($dvd.address.unit)" | Should -Be 'sdb scsi 1'
        $switch = Get-HvNetwork External
        $doc.domain.devices.interface.source.bridge | Should -Be $switch.Uuid.ToString().ToUpperInvariant()
        $doc.domain.devices.interface.mac.address | Should -Match '^00:15:5d(:[0-9a-f]{2}){3}$'
    }

    It 'defines a generation 1 domain with its disk at IDE 0:0 and its DVD at IDE 1:0, as New-VM' {
        $d = New-HvDomain param-g1 -VhdPath 'C:\ProgramData\Microsoft\Windows\Virtual Hard Disks\vm-003.vhdx' -IsoPath 'C:\ISO\ubuntu-24.04-live-server-amd64.iso'
        $doc = [xml](Get-HvDomainXml -Uuid $d.Uuid)
        $doc.domain.os.GetAttribute('firmware') | Should -BeNullOrEmpty
        @($doc.domain.devices.disk | ForEach-Object { "$($_.device) $($_.target.dev) $($_.address.bus)/$($_.address.unit)" }) |
            Should -Be @('disk hda 0/0', 'cdrom hdc 1/0')
        $d.VCpus | Should -Be 1
        $d.Memory | Should -Be 1GB
    }

    It 'round-trips stock domains of both generations with disks, a DVD, serial pipes and a connected adapter: the copy''s XML equals the input' {
        $sources = 'vm-002', 'vm-003', 'vm-004', 'vm-005'
        # Between them: generation 1 and 2, an IDE and SCSI disk, a DVD, piped COM ports, an adapter on a switch.
        $all = ($sources | ForEach-Object { Get-HvDomainXml $_ -Inactive }) -join ''
        foreach ($part in "<os firmware='efi'>", "<controller type='ide'", "device='cdrom'", "<source path='\\.\pipe\", "<interface type='bridge'>") {
            $all | Should -BeLike "*$part*"
        }
        foreach ($source in $sources) {
            $uuid = [guid]::NewGuid()
            $in = (Get-HvDomainXml $source -Inactive) -replace "<name>$source</name>", "<name>$source-rt</name>" -replace '<uuid>[^<]+</uuid>', "<uuid>$uuid</uuid>"
            $copy = $in | New-HvDomain
            $copy.Uuid | Should -Be $uuid
            Get-HvDomainXml -Uuid $uuid -Inactive | Should -BeExactly $in
        }
    }

    It 'creates the disk of -NewVHDPath first, attaches it, and deletes it again when the define fails' {
        $d = New-HvDomain newdisk01 -Generation 2 -NewVHDPath 'C:\VMs\newdisk01.vhdx' -NewVHDSizeBytes 20GB
        $disk = Get-HvDomainBlockInfo -Uuid $d.Uuid -Capacity
        "$($disk.Target) $($disk.Source) $($disk.Capacity)" | Should -Be "sda C:\VMs\newdisk01.vhdx $(20GB)"

        $before = Get-Names
        # 2 TB passes every check before sending; the host refuses it after DefineSystem.
        New-HvDomain newdisk02 -NewVHDPath 'C:\VMs\newdisk02.vhdx' -NewVHDSizeBytes 20GB -MemoryStartupBytes 2TB -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'DefineFailed,HyperVLibvirt.Commands.Management.NewHvDomainCommand'
        $err[0].Exception.Message | Should -BeLike "*and the disk 'C:\VMs\newdisk02.vhdx' were removed again; nothing remains."
        Get-Names | Should -Be $before
        # The disk is gone: creating it again works.
        (New-HvDomain newdisk03 -NewVHDPath 'C:\VMs\newdisk02.vhdx' -NewVHDSizeBytes 20GB).Name | Should -Be 'newdisk03'
    }

    It 'refuses -NewVHDPath without -NewVHDSizeBytes before anything is sent' {
        { New-HvDomain half -NewVHDPath 'C:\VMs\half.vhdx' -ErrorAction Stop } | Should -Throw -ErrorId 'NewVhdParametersIncomplete,HyperVLibvirt.Commands.Management.NewHvDomainCommand'
    }

    It 'defines from a file with -Path' {
        $file = Join-Path $TestDrive 'file01.xml'
        Set-Content $file "<domain type='hyperv'><name>file01</name><memory unit='MiB'>512</memory><vcpu>3</vcpu></domain>"
        $d = New-HvDomain -Path $file
        $d.Name | Should -Be 'file01'
        $d.VCpus | Should -Be 3
        $d.Memory | Should -Be 512MB
    }

    It 'does not read a file too large to be domain XML' {
        $file = Join-Path $TestDrive 'huge.xml'
        $stream = [System.IO.File]::Create($file); $stream.SetLength(5MB); $stream.Dispose()
        New-HvDomain -Path $file -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'DomainXmlInvalid,HyperVLibvirt.Commands.Management.NewHvDomainCommand'
        $err[0].Exception.Message | Should -BeLike '*larger than domain XML can be*'
    }

    It 'defines nothing with -WhatIf' {
        $before = Get-Names
        New-HvDomain whatif01 -WhatIf | Should -BeNullOrEmpty
        Get-Names | Should -Be $before
    }

    It 'refuses XML it cannot honour with DomainXmlInvalid naming the element, sending nothing' {
        $before = Get-Names
        "<domain type='hyperv'><name>bad</name><cpu mode='host-model'/></domain>" | New-HvDomain -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'DomainXmlInvalid,HyperVLibvirt.Commands.Management.NewHvDomainCommand'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].Exception.Message | Should -BeLike "*<cpu mode='host-model'>*"
        Get-Names | Should -Be $before
    }

    It 'refuses a UUID that exists with DomainExists, sending nothing' {
        $before = Get-Names
        $taken = (Get-HvDomain vm-002).Uuid
        "<domain type='hyperv'><name>dup</name><uuid>$taken</uuid></domain>" | New-HvDomain -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'DomainExists,HyperVLibvirt.Commands.Management.NewHvDomainCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $err[0].Exception.Message | Should -BeLike "*Domain already exists with UUID '$taken'*"
        Get-Names | Should -Be $before
    }

    It 'refuses a missing image or an unknown switch with DeviceNotFound before anything is sent' {
        $before = Get-Names
        New-HvDomain broken -Generation 2 -VhdPath 'C:\VMs\missing.vhdx' -ErrorVariable err -ErrorAction SilentlyContinue
        New-HvDomain no-switch -SwitchName 'No Such Switch' -ErrorVariable +err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 2
        $err | ForEach-Object { $_.FullyQualifiedErrorId | Should -Be 'DeviceNotFound,HyperVLibvirt.Commands.Management.NewHvDomainCommand' }
        $err | ForEach-Object { $_.CategoryInfo.Category | Should -Be 'ObjectNotFound' }
        $err[0].Exception.Message | Should -BeLike "*no file 'C:\VMs\missing.vhdx'. Nothing was sent."
        $err[1].Exception.Message | Should -BeLike "*no virtual switch named 'No Such Switch'*"
        Get-Names | Should -Be $before
    }

    It 'removes the new domain when a device is refused after DefineSystem, and says nothing remains' {
        $before = Get-Names
        $iso = 'C:\ISO\ubuntu-24.04-live-server-amd64.iso'
        $xml = "<domain type='hyperv'><name>clash</name><os firmware='efi'><type>hvm</type></os><devices><controller type='scsi'/>" +
            "<disk type='file' device='cdrom'><source file='$iso'/><target dev='sda' bus='scsi'/></disk>" +
            "<disk type='file' device='cdrom'><source file='$iso'/><target dev='sda' bus='scsi'/></disk></devices></domain>"
        $xml | New-HvDomain -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'DefineFailed,HyperVLibvirt.Commands.Management.NewHvDomainCommand'
        $err[0].Exception.Message | Should -BeLike '*removed again; nothing remains.'
        $err[0].Exception.InnerException | Should -Not -BeNullOrEmpty
        Get-Names | Should -Be $before
    }

    It 'refuses memory below 32 MiB as a parameter error' {
        { New-HvDomain tiny -MemoryStartupBytes 16MB -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,HyperVLibvirt.Commands.Management.NewHvDomainCommand'
    }

    It 'writes one verbose line per step and per WS-Man call' {
        $verbose = New-HvDomain verbose01 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        @($verbose.Message) | Should -Contain "Defining domain 'verbose01' on 127.0.0.1: DefineSystem."
        @($verbose.Message -like 'WS-Man DefineSystem *').Count | Should -Be 1
    }
}

Describe 'New-HvDomain against injected failures' {
    BeforeAll {
        # The 2nd AddResourceSettings (the disk drive) is refused, and the first DestroySystem's job fails.
        $script:Faulty = Start-TestSimulator -Vms 2 -Seed 1 -ExtraArguments @('--fault', 'method:AddResourceSettings=32768@2', '--fault', 'job:DestroySystem@1')
        $script:FaultyConn = Connect-HvLibvirt (Get-SimulatorUri $script:Faulty) -Credential $script:Faulty.Credential -NotDefault
    }
    AfterAll {
        $script:FaultyConn | Disconnect-HvLibvirt
        $script:Faulty | Stop-TestSimulator
    }

    It 'reports DefineUndoFailed with what remains and the command that removes it when the undo fails too' {
        New-HvDomain leftover -Generation 2 -IsoPath 'C:\ISO\ubuntu-24.04-live-server-amd64.iso' -Connection $script:FaultyConn -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'DefineUndoFailed,HyperVLibvirt.Commands.Management.NewHvDomainCommand'
        $left = Get-HvDomain leftover -Connection $script:FaultyConn
        $err[0].Exception.Message | Should -BeLike "*domain 'leftover' with UUID $($left.Uuid) remains*"
        $err[0].ErrorDetails.RecommendedAction | Should -Be "Remove it with Remove-HvDomain -Uuid $($left.Uuid) -Force."
        # The fault fired once; the second attempt (as the message says) removes it.
        Remove-HvDomain -Uuid $left.Uuid -Force -Confirm:$false -Connection $script:FaultyConn
        Get-HvDomain leftover -Connection $script:FaultyConn -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}
