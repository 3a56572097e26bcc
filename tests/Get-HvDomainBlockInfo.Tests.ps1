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

    function Get-XmlDisks {
        # Each domain's disks as its domain XML lists them, in the cmdlet's shape.
        foreach ($text in Get-HvDomainXml) {
            $doc = [xml]$text
            foreach ($disk in $doc.SelectNodes('/domain/devices/disk')) {
                $source = $disk.SelectSingleNode('source')
                '{0}|{1}|{2}|{3}|{4}|{5}' -f $doc.domain.name, $disk.target.dev, $(if ($source.file) { $source.file } else { $source.dev }),
                    $disk.device, $disk.type, $disk.target.bus
            }
        }
    }
}

AfterAll {
    Disconnect-HvLibvirt -All -Confirm:$false
    $script:Sim | Stop-TestSimulator
}

Describe 'Get-HvDomainBlockInfo' {
    It 'lists exactly the disks the domain XML lists, in its order and with its names' {
        $devices = @(Get-HvDomainBlockInfo -NoSize -ErrorAction Stop)
        $devices | ForEach-Object { $_ | Should -BeOfType ([HyperVLibvirt.Core.DomainXml.HvDomainBlockDevice]) }
        $listed = @($devices | ForEach-Object { '{0}|{1}|{2}|{3}|{4}|{5}' -f $_.Domain, $_.Target, $_.Source, $_.Device, $_.Type, $_.Bus })
        $listed | Should -Be @(Get-XmlDisks)
    }

    It 'costs the same handful of requests as Get-HvDomainXml, and piped domains cost no more' {
        $xml = Measure-Requests { Get-HvDomainXml }
        Measure-Requests { Get-HvDomainBlockInfo -NoSize } | Should -Be $xml
        $domains = Get-HvDomain
        Measure-Requests { $domains | Get-HvDomainBlockInfo -NoSize } | Should -Be $xml
    }

    It 'shows each image file''s size as the host reports it: Physical and Allocation for every file, Capacity for raw images' {
        $devices = @(Get-HvDomainBlockInfo -ErrorAction Stop)
        $devices.Count | Should -Be (@(Get-HvDomainBlockInfo -NoSize).Count)
        $files = @($devices | Where-Object Type -eq 'file')
        $files.Count | Should -BeGreaterThan 0
        foreach ($file in $files) {
            $file.Physical | Should -BeGreaterThan 0 -Because $file.Source
            $file.Allocation | Should -Be $file.Physical
            if ($file.Device -eq 'cdrom') {
                $file.Capacity | Should -Be $file.Physical
                $file.Physical % 2048 | Should -Be 0 -Because 'an ISO is whole 2 KiB sectors'
            }
            else {
                $file.Capacity | Should -BeNullOrEmpty -Because 'a VHDX''s virtual size is read only with -Capacity'
                $file.Physical | Should -BeGreaterOrEqual 4MB -Because 'a VHDX holds at least its headers'
            }
        }
        # One file, one size, whichever domain uses it.
        foreach ($group in $files | Group-Object Source) { @($group.Group.Physical | Select-Object -Unique).Count | Should -Be 1 }
        $devices | Where-Object Type -eq 'block' | ForEach-Object { $_.Physical | Should -BeNullOrEmpty; $_.Capacity | Should -BeNullOrEmpty }
    }

    It 'reads each VHDX''s virtual size with -Capacity, one call per distinct disk file and nothing else more' {
        $devices = @(Get-HvDomainBlockInfo -Capacity -ErrorAction Stop)
        $disks = @($devices | Where-Object { $_.Type -eq 'file' -and $_.Device -eq 'disk' })
        $disks.Count | Should -BeGreaterThan 0
        foreach ($disk in $disks) {
            # The stock host's boot disks have Hyper-V's default 127 GiB, its data disks 256 GiB.
            $disk.Capacity | Should -Be $(if ($disk.Source -like '*-data.vhdx') { 256GB } else { 127GB }) -Because $disk.Source
            $disk.Capacity | Should -BeGreaterThan $disk.Physical
        }
        $withSizes = Measure-Requests { Get-HvDomainBlockInfo }
        Measure-Requests { Get-HvDomainBlockInfo -Capacity } | Should -Be ($withSizes + @($disks.Source | Sort-Object -Unique).Count)
    }

    It 'refuses -Capacity with -NoSize before sending anything' {
        $thrown = $null
        $requests = Measure-Requests { $script:thrown = { Get-HvDomainBlockInfo -Capacity -NoSize } | Should -Throw -ErrorId 'CapacityWithNoSize*' -PassThru }
        $script:thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
        # Measuring costs the same whatever is measured: nothing reached the host.
        $requests | Should -Be (Measure-Requests { })
    }

    It 'asks for file sizes in one more request, and not at all with -NoSize' {
        $withSizes = Measure-Requests { Get-HvDomainBlockInfo }
        $withSizes | Should -Be ((Measure-Requests { Get-HvDomainBlockInfo -NoSize }) + 1)
    }

    It 'reports an exact name that matches nothing as DomainNotFound' {
        Get-HvDomainBlockInfo nosuch -NoSize -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DomainNotFound*'
    }

    It 'refuses an empty name with EmptyDomainName and lists nothing' {
        Get-HvDomainBlockInfo '' -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'EmptyDomainName*'
    }

    It 'exports every property as a plain value' {
        $device = [HyperVLibvirt.Core.DomainXml.HvDomainBlockDevice]@{
            Domain = 'web01'; DomainUuid = [guid]::NewGuid(); Target = 'sda'; Source = 'C:\VMs\web01.vhdx'; Device = 'disk'; Type = 'file'; Bus = 'scsi'
            Physical = 4294967296; Allocation = 4294967296; ComputerName = 'hv01'; ConnectionId = [guid]::NewGuid()
        }
        $row = $device | ConvertTo-Csv | ConvertFrom-Csv
        $row.Target | Should -Be 'sda'
        $row.Physical | Should -Be '4294967296'
        $row.Capacity | Should -Be ''
    }

    It 'shows sizes in binary units and - where unknown' {
        $device = [HyperVLibvirt.Core.DomainXml.HvDomainBlockDevice]@{
            Domain = 'web01'; DomainUuid = [guid]::NewGuid(); Target = 'hdc'; Source = 'C:\ISO\setup.iso'; Device = 'cdrom'; Type = 'file'; Bus = 'ide'
            Physical = 1073741824; ComputerName = 'hv01'; ConnectionId = [guid]::NewGuid()
        }
        $PSStyle.OutputRendering = 'PlainText'
        $text = $device | Format-Table | Out-String -Width 160
        $text | Should -Match 'Domain\s+Target\s+Device\s+Capacity\s+Physical\s+Source'
        $text | Should -Match 'web01\s+hdc\s+cdrom\s+-\s+1 GiB\s+C:\\ISO\\setup.iso'
    }
}

Describe 'Get-HvDomainBlockInfo on a host without CIM_DataFile' {
    It 'warns once, names the class, and still lists every disk without sizes' {
        # Which Enumerate asks for file sizes: count the calls of a connect and of the command on a normal host.
        $countEnumerates = { param($records) @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'WS-Man Enumerate *' }).Count }
        $probe = Start-TestSimulator -Vms 8 -Seed 1
        try {
            $connect = & $countEnumerates (Connect-HvLibvirt (Get-SimulatorUri $probe) -Credential $probe.Credential -NotDefault -Verbose 4>&1)
            $conn = Get-HvConnection | Where-Object Uri -eq (Get-SimulatorUri $probe)
            $command = & $countEnumerates (Get-HvDomainBlockInfo vm-003 -Connection $conn -Verbose 4>&1)
            $conn | Disconnect-HvLibvirt
        }
        finally { $probe | Stop-TestSimulator }

        $faulty = Start-TestSimulator -Vms 8 -Seed 1 -ExtraArguments '--fault', "wsman:CannotProcessFilter@$($connect + $command)x1/Enumerate"
        try {
            $conn = Connect-HvLibvirt (Get-SimulatorUri $faulty) -Credential $faulty.Credential -NotDefault
            $devices = @(Get-HvDomainBlockInfo vm-003 -Connection $conn -WarningVariable warned -WarningAction SilentlyContinue -ErrorAction Stop)
            $conn | Disconnect-HvLibvirt
        }
        finally { $faulty | Stop-TestSimulator }
        @($devices.Target) | Should -Be @('hda', 'hdc')
        $devices | ForEach-Object { $_.Physical | Should -BeNullOrEmpty }
        @($warned).Count | Should -Be 1
        "$($warned[0])" | Should -BeLike '*CIM_DataFile*sizes are not shown*'
    }
}
