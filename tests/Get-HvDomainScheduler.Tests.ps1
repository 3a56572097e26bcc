BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-Module (Get-TestModulePath) -Force
    $script:Sim = Start-TestSimulator -Vms 4
    $script:Conn = Connect-HvLibvirt (Get-SimulatorUri $script:Sim) -Credential $script:Sim.Credential
}

AfterAll {
    Disconnect-HvLibvirt -All -Confirm:$false
    $script:Sim | Stop-TestSimulator
}

Describe 'Get-HvDomainScheduler' {
    It 'returns the allocation parameters of every domain, as virsh schedinfo' {
        $all = @(Get-HvDomainScheduler)
        $all.Count | Should -Be 4
        $all[0] | Should -BeOfType ([HyperVLibvirt.Core.Vcpus.HvDomainScheduler])
        $all | ForEach-Object {
            $_.Scheduler | Should -Be 'allocation'
            $_.Limit | Should -Be 100000
            $_.Reservation | Should -Be 0
            $_.Weight | Should -Be 100
            $_.LimitPercent | Should -Be 100
            $_.ReservationPercent | Should -Be 0
        }
    }

    It 'reads a host''s domains in one query' {
        $domains = Get-HvDomain -Connection $script:Conn
        $verbose = $domains | Get-HvDomainScheduler -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        @($verbose | Where-Object Message -like 'WS-Man Enumerate*').Count | Should -Be 1
    }

    It 'selects by wildcard name, UUID and id' {
        @(Get-HvDomainScheduler 'vm-00[12]').Name | Should -Be @('vm-001', 'vm-002')
        $vm = Get-HvDomain vm-001
        (Get-HvDomainScheduler -Uuid $vm.Uuid).Uuid | Should -Be $vm.Uuid
        (Get-HvDomainScheduler -Id $vm.Id).Name | Should -Be 'vm-001'
    }

    It 'takes names from the pipeline, looking them all up in one query' {
        $out = 'vm-003', 'vm-004', 'vm-00[12]' | Get-HvDomainScheduler -Verbose 4>&1
        @($out | Where-Object { $_ -is [HyperVLibvirt.Core.Vcpus.HvDomainScheduler] }).Name | Sort-Object | Should -Be @('vm-001', 'vm-002', 'vm-003', 'vm-004')
        # One listing for the three names, one for the processor settings.
        @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'WS-Man Enumerate*' }).Count | Should -Be 2
    }

    It 'reports a piped name that matches nothing once, and returns the others' {
        $rows = @('vm-001', 'nope' | Get-HvDomainScheduler -ErrorVariable err -ErrorAction SilentlyContinue)
        $rows.Name | Should -Be 'vm-001'
        @($err).Count | Should -Be 1
        $err[0].TargetObject | Should -Be 'nope'
    }

    It 'writes DomainNotFound for an exact name that matches nothing' {
        Get-HvDomainScheduler no-such-vm -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DomainNotFound*'
    }

    It 'refuses an empty name with a clear error' {
        { Get-HvDomainScheduler -Name '' -ErrorAction Stop } | Should -Throw -ErrorId 'EmptyDomainName*'
    }

    It 'says a piped domain''s connection is closed' {
        $c = Connect-HvLibvirt ((Get-SimulatorUri $script:Sim) -replace '127\.0\.0\.1', 'localhost') -Credential $script:Sim.Credential -NotDefault
        $d = Get-HvDomain vm-001 -Connection $c
        Disconnect-HvLibvirt -Connection $c -Confirm:$false
        $d | Get-HvDomainScheduler -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ConnectionClosed*'
    }

    It 'carries its connection, so piping it on reaches the same host' {
        $s = Get-HvDomainScheduler vm-002
        $s.ConnectionId | Should -Be $script:Conn.Id
        ($s | Get-HvDomain).Name | Should -Be 'vm-002'
    }

    It 'exports as flat data' {
        $row = Get-HvDomainScheduler vm-001 | ConvertTo-Csv | ConvertFrom-Csv
        $row.Limit | Should -Be '100000'
        $row.Scheduler | Should -Be 'allocation'
    }

    It 'shows the three parameters and the percentages in its table' {
        $PSStyle.OutputRendering = 'PlainText'
        $text = Get-HvDomainScheduler vm-001 | Out-String -Width 160
        $text | Should -Match '(?m)^Name\s+Scheduler\s+Limit\s+Reservation\s+Weight\s+LimitPercent\s+ReservationPercent\s*$'
        $text | Should -Match '(?m)^vm-001\s+allocation\s+100000\s+0\s+100\s+100\s+0\s*$'
    }
}
