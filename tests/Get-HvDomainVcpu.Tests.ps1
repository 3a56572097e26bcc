BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-Module (Get-TestModulePath) -Force
    # The seed-1 inventory: vm-001 runs (4 vCPUs), vm-002 is off (4), vm-003 is saved (4), vm-004 is paused (2).
    $script:Sim = Start-TestSimulator -Vms 4
    $script:Conn = Connect-HvLibvirt (Get-SimulatorUri $script:Sim) -Credential $script:Sim.Credential
}

AfterAll {
    Disconnect-HvLibvirt -All -Confirm:$false
    $script:Sim | Stop-TestSimulator
}

Describe 'Get-HvDomainVcpu (vcpuinfo)' {
    It 'returns one object per vCPU of every domain, numbered from 0' {
        $rows = @(Get-HvDomainVcpu)
        $rows | ForEach-Object { $_ | Should -BeOfType ([HyperVLibvirt.Core.Vcpus.HvDomainVcpu]) }
        $rows.Count | Should -Be (4 + 4 + 4 + 2)
        @($rows | Where-Object Name -eq 'vm-001').Vcpu | Should -Be @(0, 1, 2, 3)
    }

    It 'shows a running domain''s vCPUs as Running with the time they used' {
        $rows = @(Get-HvDomainVcpu vm-001)
        $rows.State | Sort-Object -Unique | Should -Be 'Running'
        $rows | ForEach-Object { $_.CpuTimeNs | Should -BeGreaterThan 0 }
        $rows[0].GetCpuTime() | Should -Be ([timespan]::FromTicks([long]($rows[0].CpuTimeNs / 100)))
        [timespan] $rows[0].CpuTime | Should -Be $rows[0].GetCpuTime()
    }

    It 'shows off and saved domains'' vCPUs as Offline with no time, and a paused one''s as Running' {
        $rows = @(Get-HvDomainVcpu vm-002, vm-003)
        $rows | ForEach-Object { $_.State | Should -Be 'Offline'; $_.CpuTimeNs | Should -BeNullOrEmpty }
        @(Get-HvDomainVcpu vm-004).State | Sort-Object -Unique | Should -Be 'Running'
    }

    It 'takes domains from the pipeline and reads a host''s domains in two queries' {
        $domains = Get-HvDomain -Connection $script:Conn
        $verbose = $domains | Get-HvDomainVcpu -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        @($verbose | Where-Object Message -like 'WS-Man Enumerate*').Count | Should -Be 2
    }

    It 'finds domains by UUID and by id' {
        $vm = Get-HvDomain vm-001
        @(Get-HvDomainVcpu -Uuid $vm.Uuid).Count | Should -Be 4
        @(Get-HvDomainVcpu -Id $vm.Id).Name | Sort-Object -Unique | Should -Be 'vm-001'
    }

    It 'writes DomainNotFound for a name that matches nothing, and still answers for the others' {
        $rows = @(Get-HvDomainVcpu vm-002, no-such-vm -ErrorVariable err -ErrorAction SilentlyContinue)
        $rows.Count | Should -Be 4
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DomainNotFound*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'exports as flat data' {
        $row = Get-HvDomainVcpu vm-001 | Select-Object -First 1 | ConvertTo-Csv | ConvertFrom-Csv
        $row.State | Should -Be 'Running'
        $row.Vcpu | Should -Be '0'
        $row.CpuTime | Should -Match '^\d\d:\d\d:\d\d'
    }

    It 'shows Name, Vcpu, State, CpuTime and ComputerName in its table' {
        $PSStyle.OutputRendering = 'PlainText'
        $text = Get-HvDomainVcpu vm-002 | Out-String -Width 160
        $text | Should -Match '(?m)^Name\s+Vcpu\s+State\s+CpuTime\s+ComputerName\s*$'
        $text | Should -Match '(?m)^vm-002\s+0\s+Offline\s+127\.0\.0\.1\s*$'
    }
}

Describe 'Get-HvDomainVcpu -Count (vcpucount)' {
    It 'gives the host''s maximum and the domain''s count, live values only while it runs' {
        $running, $off = Get-HvDomainVcpu vm-001, vm-002 -Count
        $running | Should -BeOfType ([HyperVLibvirt.Core.Vcpus.HvDomainVcpuCount])
        $running.MaximumConfig | Should -Be 32
        $running.MaximumLive | Should -Be 32
        $running.CurrentConfig | Should -Be 4
        $running.CurrentLive | Should -Be 4
        $off.Name | Should -Be 'vm-002'
        $off.MaximumConfig | Should -Be 32
        $off.CurrentConfig | Should -Be 4
        $off.MaximumLive | Should -BeNullOrEmpty
        $off.CurrentLive | Should -BeNullOrEmpty
    }

    It 'treats a paused domain as not live, as libvirt does' {
        (Get-HvDomainVcpu vm-004 -Count).CurrentLive | Should -BeNullOrEmpty
    }
}

Describe 'Get-HvDomainVcpu with two running VMs of one name' {
    BeforeAll {
        $script:Inventory = Join-Path ([IO.Path]::GetTempPath()) ("hvl-inventory-" + [guid]::NewGuid().ToString('n') + '.json')
        Set-Content -Path $script:Inventory -Value @'
{ "vms": [
    { "name": "web", "id": "0A000000-0000-4000-8000-000000000001", "state": "running", "vcpus": 2 },
    { "name": "web", "id": "0B000000-0000-4000-8000-000000000002", "state": "running", "vcpus": 1 },
    { "name": "db", "id": "0C000000-0000-4000-8000-000000000003", "state": "running", "vcpus": 1 }
] }
'@
        $script:Twins = Start-TestSimulator -ExtraArguments @('--inventory', $script:Inventory)
        $script:TwinConn = Connect-HvLibvirt (Get-SimulatorUri $script:Twins) -Credential $script:Twins.Credential -NotDefault
    }
    AfterAll {
        Disconnect-HvLibvirt -Connection $script:TwinConn -Confirm:$false
        $script:Twins | Stop-TestSimulator
        Remove-Item $script:Inventory -ErrorAction SilentlyContinue
    }

    It 'shows their vCPUs as Unknown with a warning, instead of one VM''s numbers for both' {
        $rows = @(Get-HvDomainVcpu web -Connection $script:TwinConn -WarningVariable warnings -WarningAction SilentlyContinue)
        $rows.Count | Should -Be 3
        $rows | ForEach-Object { $_.State | Should -Be 'Unknown'; $_.CpuTimeNs | Should -BeNullOrEmpty }
        @($warnings).Count | Should -Be 2
        $warnings[0] | Should -BeLike "*also named 'web'*"
    }

    It 'still reads a VM whose name is its own' {
        (Get-HvDomainVcpu db -Connection $script:TwinConn).State | Should -Be 'Running'
    }
}
