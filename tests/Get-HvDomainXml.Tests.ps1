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
}

AfterAll {
    Disconnect-HvLibvirt -All -Confirm:$false
    $script:Sim | Stop-TestSimulator
}

Describe 'Get-HvDomainXml' {
    It 'writes one string of domain XML per domain, each naming its domain' {
        $xml = @(Get-HvDomainXml)
        $xml.Count | Should -Be 8
        $xml | ForEach-Object { $_ | Should -BeOfType [string] }
        @($xml | ForEach-Object { ([xml]$_).domain.name }) | Should -Be @((Get-HvDomain).Name)
    }

    It 'writes the text as virsh does: line feeds only, a final line feed, type hyperv' {
        $text = Get-HvDomainXml vm-002
        $text | Should -Not -Match "`r"
        $text | Should -Match "^<domain type='hyperv'>`n  <name>vm-002</name>`n"
        $text | Should -Match "</domain>`n$"
    }

    It 'gives an active domain its id and an inactive one none' {
        $running = Get-HvDomain vm-001
        ([xml](Get-HvDomainXml vm-001)).domain.id | Should -Be "$($running.Id)"
        ([xml](Get-HvDomainXml vm-002)).domain.GetAttribute('id') | Should -BeNullOrEmpty
    }

    It 'shows the memory and vCPUs Get-HvDomain -Detailed reads, in KiB' {
        foreach ($domain in Get-HvDomain -Detailed) {
            $doc = [xml](Get-HvDomainXml -Uuid $domain.Uuid)
            $doc.domain.uuid | Should -Be $domain.Uuid.ToString()
            [uint64]$doc.domain.memory.InnerText | Should -Be ($domain.Memory / 1024)
            [uint64]$doc.domain.currentMemory.InnerText | Should -Be ($domain.Memory / 1024)
            [uint64]$doc.domain.maxMemory.InnerText | Should -Be ($domain.MaxMemory / 1024)
            [int]$doc.domain.vcpu.InnerText | Should -Be $domain.VCpus
            $doc.domain.os.type | Should -Be 'hvm'
        }
    }

    It 'writes firmware efi for a generation 2 domain and libvirt''s bare os for generation 1' {
        $gen2 = [xml](Get-HvDomainXml vm-002)
        $gen2.domain.os.GetAttribute('firmware') | Should -Be 'efi'
        $gen2.domain.os.type | Should -Be 'hvm'
        (Get-HvDomainXml vm-003) | Should -Match "`n  <os>`n    <type>hvm</type>`n  </os>`n"
    }

    It 'lists the devices of a generation 1 domain as libvirt numbers them: IDE channels as one controller, hda and hdc' {
        $doc = [xml](Get-HvDomainXml vm-003)
        @($doc.domain.devices.controller | ForEach-Object { "$($_.type)/$($_.index)" }) | Should -Be @('ide/0')
        $disks = @($doc.domain.devices.disk)
        @($disks | ForEach-Object { "$($_.device) $($_.target.dev) $($_.target.bus) $($_.address.bus)/$($_.address.unit)" }) |
            Should -Be @('disk hda ide 0/0', 'cdrom hdc ide 1/0')
        # Its two adapters are disconnected: libvirt shows no interface for them.
        $doc.SelectNodes('/domain/devices/interface').Count | Should -Be 0
    }

    It 'puts a pass-through disk first, as a block device named by its host drive number' {
        $doc = [xml](Get-HvDomainXml vm-001)
        $first = @($doc.domain.devices.disk)[0]
        $first.type | Should -Be 'block'
        $first.source.dev | Should -Be '2'
        $first.target.bus | Should -Be 'scsi'
        $doc.domain.devices.controller.type | Should -Be 'scsi'
    }

    It 'shows each connected adapter with its MAC and its switch''s Name as the bridge, and serial ports with their pipes' {
        $doc = [xml](Get-HvDomainXml vm-002)
        $nic = $doc.domain.devices.interface
        $nic.type | Should -Be 'bridge'
        $nic.mac.address | Should -Match '^00:15:5d(:[0-9a-f]{2}){3}$'
        $nic.source.bridge | Should -Match '^[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}$'
        @($doc.domain.devices.serial | ForEach-Object { "$($_.target.port)=$($_.source.path)" }) | Should -Be @('1=\\.\pipe\vm-002-com1', '2=')
    }

    It 'leaves out a running domain''s id with -Inactive, as virsh dumpxml --inactive' {
        $active = Get-HvDomainXml vm-001
        $inactive = Get-HvDomainXml vm-001 -Inactive
        $active | Should -Match "^<domain type='hyperv' id='\d+'>"
        $inactive | Should -Be ($active -replace " id='\d+'", '')
    }

    It 'writes an XmlDocument with -AsDocument' {
        $doc = Get-HvDomainXml vm-003 -AsDocument
        $doc | Should -BeOfType [System.Xml.XmlDocument]
        $doc.domain.name | Should -Be 'vm-003'
        $doc.domain.uuid | Should -Be (Get-HvDomain vm-003).Uuid.ToString()
    }

    It 'takes domains from the pipeline and by id' {
        $running = Get-HvDomain -Active
        @(($running | Get-HvDomainXml -AsDocument).domain.name) | Should -Be @($running.Name)
        ([xml](Get-HvDomainXml -Id $running[0].Id)).domain.name | Should -Be $running[0].Name
    }

    It 'reads a whole host in a fixed handful of requests, however many domains' {
        $one = Measure-Requests { Get-HvDomainXml vm-001 }
        $all = Measure-Requests { Get-HvDomainXml }
        $piped = Get-HvDomain
        $pipedCost = Measure-Requests { $piped | Get-HvDomainXml }
        $all | Should -BeLessOrEqual 12
        $all | Should -Be $one
        $pipedCost | Should -Be $one
    }

    It 'reports an exact name that matches nothing as DomainNotFound and still writes the others' {
        $out = Get-HvDomainXml vm-001, nosuch -ErrorVariable err -ErrorAction SilentlyContinue
        @($out).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DomainNotFound*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'refuses an empty name with EmptyDomainName' {
        Get-HvDomainXml '' -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'EmptyDomainName*'
    }

    It 'writes one verbose line per WS-Man call' {
        $verbose = Get-HvDomainXml vm-001 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        @($verbose).Count | Should -BeGreaterOrEqual 9
        $verbose[0].Message | Should -BeLike 'WS-Man Enumerate*'
    }
}

Describe 'Get-HvDomainXml on a v1 host' {
    BeforeAll {
        $script:V1 = Start-TestSimulator -Vms 8 -Seed 1 -Profile ws2008r2
        $script:V1Conn = Connect-HvLibvirt (Get-SimulatorUri $script:V1) -Credential $script:V1.Credential -NotDefault
    }
    AfterAll {
        $script:V1Conn | Disconnect-HvLibvirt
        $script:V1 | Stop-TestSimulator
    }

    It 'reads only settings, memory and processors, as libvirt''s v1 XML had no devices' {
        $script:V1Conn.Api | Should -Be 'V1'
        $before = (Get-SimulatorStats $script:V1).requests
        $xml = @(Get-HvDomainXml -Connection $script:V1Conn -AsDocument)
        $requests = (Get-SimulatorStats $script:V1).requests - $before
        $xml.Count | Should -Be 8
        # The listing, the VSSDs, processors and memory; a Pull may follow a listing.
        $requests | Should -BeLessOrEqual 6
        $detailed = Get-HvDomain vm-001 -Detailed -Connection $script:V1Conn
        $doc = $xml | Where-Object { $_.domain.name -eq 'vm-001' }
        [int]$doc.domain.vcpu.InnerText | Should -Be $detailed.VCpus
        [uint64]$doc.domain.memory.InnerText | Should -Be ($detailed.Memory / 1024)
        $doc.SelectNodes('/domain/devices/*').Count | Should -Be 0
    }
}
