BeforeDiscovery {
    # One VM per EnabledState a v2 host reports (spec section 5 plus the v2 values), with the
    # libvirt state, activity and managed-save flag each must map to.
    $script:StateCases = @(
        @{ Vm = 'st-running';      EnabledState = 2;     State = 'Running';  IsActive = $true;  ManagedSave = $false; HyperV = 'Running' }
        @{ Vm = 'st-off';          EnabledState = 3;     State = 'Shutoff';  IsActive = $false; ManagedSave = $false; HyperV = 'Off' }
        @{ Vm = 'st-saved';        EnabledState = 6;     State = 'Shutoff';  IsActive = $false; ManagedSave = $true;  HyperV = 'Saved' }
        @{ Vm = 'st-paused';       EnabledState = 9;     State = 'Paused';   IsActive = $true;  ManagedSave = $false; HyperV = 'Paused' }
        @{ Vm = 'st-starting-v2';  EnabledState = 10;    State = 'Running';  IsActive = $true;  ManagedSave = $false; HyperV = 'Starting' }
        @{ Vm = 'st-shuttingdown'; EnabledState = 4;     State = 'Shutdown'; IsActive = $true;  ManagedSave = $false; HyperV = 'ShuttingDown' }
        @{ Vm = 'st-starting';     EnabledState = 32770; State = 'Running';  IsActive = $true;  ManagedSave = $false; HyperV = 'Starting' }
        @{ Vm = 'st-snapshotting'; EnabledState = 32771; State = 'Running';  IsActive = $true;  ManagedSave = $false; HyperV = 'Snapshotting' }
        @{ Vm = 'st-saving';       EnabledState = 32773; State = 'Running';  IsActive = $true;  ManagedSave = $false; HyperV = 'Saving' }
        @{ Vm = 'st-stopping';     EnabledState = 32774; State = 'Shutdown'; IsActive = $true;  ManagedSave = $false; HyperV = 'Stopping' }
        @{ Vm = 'st-pausing';      EnabledState = 32776; State = 'Running';  IsActive = $true;  ManagedSave = $false; HyperV = 'Pausing' }
        @{ Vm = 'st-resuming';     EnabledState = 32777; State = 'Running';  IsActive = $true;  ManagedSave = $false; HyperV = 'Resuming' }
    )
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-Module (Get-TestModulePath) -Force

    $vms = @(
        @{ name = 'st-running'; state = 2; vcpus = 4; memoryMB = 4096; maxMemoryMB = 8192; autostart = $true }
        @{ name = 'st-off'; state = 3; vcpus = 2; memoryMB = 1024; maxMemoryMB = 1024; autostart = $false }
        @{ name = 'st-saved'; state = 6 }
        @{ name = 'st-paused'; state = 9 }
        @{ name = 'st-starting-v2'; state = 10 }
        @{ name = 'st-shuttingdown'; state = 4 }
        @{ name = 'st-starting'; state = 32770 }
        @{ name = 'st-snapshotting'; state = 32771 }
        @{ name = 'st-saving'; state = 32773 }
        @{ name = 'st-stopping'; state = 32774 }
        @{ name = 'st-pausing'; state = 32776 }
        @{ name = 'st-resuming'; state = 32777 }
        @{ name = "o'brien \ ""quoted"""; state = 3 }
    )
    $script:VmCount = $vms.Count
    $script:Inventory = New-TestInventory -Vms $vms
    $script:Sim = Start-TestSimulator -ExtraArguments '--inventory', $script:Inventory
    $script:Conn = Connect-HvLibvirt (Get-SimulatorUri $script:Sim) -Credential $script:Sim.Credential
    $script:All = @(Get-HvDomain)
}

AfterAll {
    Disconnect-HvLibvirt -All -Confirm:$false
    $script:Sim | Stop-TestSimulator
    Remove-Item $script:Inventory -ErrorAction SilentlyContinue
}

Describe 'Get-HvDomain state mapping' {
    It 'maps EnabledState <EnabledState> to <State>' -ForEach $script:StateCases {
        $d = $script:All | Where-Object Name -eq $Vm
        $d | Should -HaveCount 1
        $d.EnabledState | Should -Be $EnabledState
        $d.State | Should -Be $State
        $d.IsActive | Should -Be $IsActive
        $d.HasManagedSave | Should -Be $ManagedSave
        $d.HyperVState | Should -Be $HyperV
        if ($IsActive) { $d.Id | Should -BeGreaterThan 0 } else { $d.Id | Should -BeNullOrEmpty }
    }
}

Describe 'Get-HvDomain' {
    It 'returns every VM and never the host itself' {
        $script:All | Should -HaveCount $script:VmCount
        $script:All | ForEach-Object { $_ | Should -BeOfType ([HyperVLibvirt.Core.Domains.HvDomain]) }
        $script:All.Name | Should -Not -Contain 'HV-SIM01'
        $script:All | ForEach-Object { $_.Uuid | Should -Not -Be ([guid]::Empty) }
    }

    It 'tags each domain with its connection and computer name' {
        $script:All | ForEach-Object {
            $_.ComputerName | Should -Be '127.0.0.1'
            $_.ConnectionId | Should -Be $script:Conn.Id
        }
    }

    It 'finds a domain by exact name' {
        $d = Get-HvDomain -Name 'st-paused'
        $d.Name | Should -Be 'st-paused'
    }

    It 'finds a name with quotes and backslashes (escaped in the WQL)' {
        $name = "o'brien \ ""quoted"""
        (Get-HvDomain -Name $name).Name | Should -Be $name
    }

    It 'filters by wildcard' {
        $d = @(Get-HvDomain -Name 'st-s*')
        $d.Name | Sort-Object | Should -Be @('st-saved', 'st-saving', 'st-shuttingdown', 'st-snapshotting', 'st-starting', 'st-starting-v2', 'st-stopping')
    }

    It 'takes names from the pipeline, as strings and as objects with a Name' {
        @('st-off', 'st-running' | Get-HvDomain).Name | Sort-Object | Should -Be @('st-off', 'st-running')
        @([pscustomobject]@{ Name = 'st-saved' } | Get-HvDomain).Name | Should -Be 'st-saved'
    }

    It 'writes an ObjectNotFound error naming a missing exact name, and still returns the others' {
        $d = Get-HvDomain -Name 'st-off', 'no-such-vm' -ErrorVariable err -ErrorAction SilentlyContinue
        $d.Name | Should -Be 'st-off'
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DomainNotFound*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be 'no-such-vm'
    }

    It 'returns nothing, and no error, for a wildcard that matches nothing' {
        $d = Get-HvDomain -Name 'zz*' -ErrorVariable err
        $d | Should -BeNullOrEmpty
        $err | Should -BeNullOrEmpty
    }

    It 'finds domains by UUID, and reports a missing one' {
        $target = $script:All | Where-Object Name -eq 'st-saved'
        (Get-HvDomain -Uuid $target.Uuid).Name | Should -Be 'st-saved'
        $missing = [guid]::NewGuid()
        Get-HvDomain -Uuid $missing -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].TargetObject | Should -Be $missing
    }

    It 'finds active domains by id, and reports a missing id' {
        $target = $script:All | Where-Object Name -eq 'st-running'
        (Get-HvDomain -Id $target.Id).Name | Should -Be 'st-running'
        Get-HvDomain -Id 999999 -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'filters by libvirt state' {
        @(Get-HvDomain -State Paused).Name | Should -Be @('st-paused')
        @(Get-HvDomain -State Shutoff).Name | Sort-Object | Should -Be @("o'brien \ ""quoted""", 'st-off', 'st-saved')
    }

    It 'filters active and inactive domains on the host, consistently with IsActive' {
        $active = @(Get-HvDomain -Active)
        $inactive = @(Get-HvDomain -Inactive)
        ($active.Count + $inactive.Count) | Should -Be $script:VmCount
        $active | ForEach-Object { $_.IsActive | Should -BeTrue }
        $inactive | ForEach-Object { $_.IsActive | Should -BeFalse }
    }

    It 'refuses -Active with -Inactive' {
        { Get-HvDomain -Active -Inactive -ErrorAction Stop } | Should -Throw -ErrorId 'ConflictingActivityFilter*'
    }

    It 'reads vCPUs, memory and autostart with -Detailed' {
        $d = Get-HvDomain -Name 'st-running' -Detailed
        $d.VCpus | Should -Be 4
        $d.Memory | Should -Be (4096 * 1MB)
        $d.MaxMemory | Should -Be (8192 * 1MB)
        $d.Autostart | Should -BeTrue
        $d.OsType | Should -Be 'hvm'
        $d.Persistent | Should -BeTrue
        $off = Get-HvDomain -Name 'st-off' -Detailed
        $off.VCpus | Should -Be 2
        $off.Autostart | Should -BeFalse
    }

    It 'reads the same detail in one batch for the whole host' {
        $all = @(Get-HvDomain -Detailed)
        $all | Should -HaveCount $script:VmCount
        ($all | Where-Object Name -eq 'st-running').MaxMemory | Should -Be (8192 * 1MB)
        $all | ForEach-Object { $_.VCpus | Should -BeGreaterThan 0 }
    }

    It 'leaves the detail empty without -Detailed' {
        ($script:All | Where-Object Name -eq 'st-running').VCpus | Should -BeNullOrEmpty
    }

    It 'stops early for Select-Object -First 1' {
        $first = Get-HvDomain | Where-Object State -eq Running | Select-Object -First 1
        $first.State | Should -Be 'Running'
    }

    It 'writes one verbose line per WS-Man operation' {
        $out = Get-HvDomain -Verbose 4>&1
        $lines = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $lines -match '^WS-Man Enumerate .*root/virtualization/v2' | Should -Not -BeNullOrEmpty
    }
}

Describe 'Get-HvDomain on other hosts' {
    AfterEach { Disconnect-HvLibvirt -All -Confirm:$false }

    It 'returns nothing, and no error, for a host without VMs' {
        $sim = Start-TestSimulator -Vms 0
        try {
            $c = Connect-HvLibvirt (Get-SimulatorUri $sim) -Credential $sim.Credential -NotDefault
            $d = Get-HvDomain -Connection $c -ErrorVariable err
            $d | Should -BeNullOrEmpty
            $err | Should -BeNullOrEmpty
            Get-HvDomain -Connection $c -Detailed | Should -BeNullOrEmpty
        }
        finally { $sim | Stop-TestSimulator }
    }

    It 'excludes the host on a Japanese-language host' {
        $sim = Start-TestSimulator -Vms 5 -ExtraArguments '--language', 'ja-JP'
        try {
            $c = Connect-HvLibvirt (Get-SimulatorUri $sim) -Credential $sim.Credential -NotDefault
            $d = @(Get-HvDomain -Connection $c)
            $d | Should -HaveCount 5
            $d.Name | Should -Not -Contain 'HV-SIM01'
        }
        finally { $sim | Stop-TestSimulator }
    }

    It 'maps the v1 paused and saved states on a Windows Server 2008 R2 host' {
        $inventory = New-TestInventory -Vms @(
            @{ name = 'v1-paused'; state = 32768 }
            @{ name = 'v1-saved'; state = 32769 }
            @{ name = 'v1-running'; state = 2; vcpus = 2; memoryMB = 2048 }
        )
        $sim = Start-TestSimulator -Profile ws2008r2 -ExtraArguments '--inventory', $inventory
        try {
            $c = Connect-HvLibvirt (Get-SimulatorUri $sim) -Credential $sim.Credential -NotDefault
            $c.Namespace | Should -Be 'root/virtualization'
            $d = @(Get-HvDomain -Connection $c -Detailed)
            $paused = $d | Where-Object Name -eq 'v1-paused'
            $paused.EnabledState | Should -Be 32768
            $paused.State | Should -Be 'Paused'
            $saved = $d | Where-Object Name -eq 'v1-saved'
            $saved.EnabledState | Should -Be 32769
            $saved.State | Should -Be 'Shutoff'
            $saved.HasManagedSave | Should -BeTrue
            ($d | Where-Object Name -eq 'v1-running').VCpus | Should -Be 2
        }
        finally { $sim | Stop-TestSimulator; Remove-Item $inventory }
    }

    It 'lists 1,024 VMs, with detail' {
        $sim = Start-TestSimulator -Vms 1024
        try {
            $c = Connect-HvLibvirt (Get-SimulatorUri $sim) -Credential $sim.Credential -NotDefault
            $d = @(Get-HvDomain -Connection $c)
            $d | Should -HaveCount 1024
            @($d.Uuid | Sort-Object -Unique) | Should -HaveCount 1024
            $detailed = @(Get-HvDomain -Connection $c -Detailed)
            $detailed | Should -HaveCount 1024
            @($detailed | Where-Object { $null -eq $_.VCpus }) | Should -HaveCount 0
        }
        finally { $sim | Stop-TestSimulator }
    }

    It 'stops a big enumeration early for Select-Object -First 1 and releases the server context' {
        # More VMs than one page, so the first page leaves an open context behind it.
        $sim = Start-TestSimulator -Vms 1200
        try {
            $c = Connect-HvLibvirt (Get-SimulatorUri $sim) -Credential $sim.Credential -NotDefault
            $first = Get-HvDomain -Connection $c | Where-Object State -eq Running | Select-Object -First 1
            $first.State | Should -Be 'Running'
            (Get-SimulatorStats $sim).openEnumerations | Should -Be 0
            # Reading everything leaves nothing open either.
            @(Get-HvDomain -Connection $c) | Should -HaveCount 1200
            (Get-SimulatorStats $sim).openEnumerations | Should -Be 0
        }
        finally { $sim | Stop-TestSimulator }
    }

    It 'returns both VMs that share a name, each with its own UUID' {
        $inventory = New-TestInventory -Vms @(
            @{ name = 'twin'; id = '11111111-1111-4111-8111-111111111111'; state = 'running' }
            @{ name = 'twin'; id = '22222222-2222-4222-8222-222222222222'; state = 'off' }
            @{ name = 'single'; state = 'off' }
        )
        $sim = Start-TestSimulator -ExtraArguments '--inventory', $inventory
        try {
            $c = Connect-HvLibvirt (Get-SimulatorUri $sim) -Credential $sim.Credential -NotDefault
            $twins = @(Get-HvDomain -Connection $c -Name 'twin')
            $twins | Should -HaveCount 2
            $twins.Uuid | Sort-Object | Should -Be @([guid] '11111111-1111-4111-8111-111111111111', [guid] '22222222-2222-4222-8222-222222222222')
        }
        finally { $sim | Stop-TestSimulator; Remove-Item $inventory }
    }

    It 'queries three hosts at once and tags each domain with its host' {
        $sims = 1..3 | ForEach-Object { Start-TestSimulator -Vms (2 + $_) -Seed $_ }
        try {
            $conns = $sims | ForEach-Object { Connect-HvLibvirt (Get-SimulatorUri $_) -Credential $_.Credential -NotDefault }
            $d = @(Get-HvDomain -Connection $conns)
            $d | Should -HaveCount (3 + 4 + 5)
            ($d | Group-Object ConnectionId).Count | Should -Be 3
            ($d | Where-Object { $_.ConnectionId -eq $conns[2].Id }) | Should -HaveCount 5
            @($conns | Get-HvDomain) | Should -HaveCount 12
        }
        finally { $sims | Stop-TestSimulator }
    }

    It 'reports a failing host and still returns the others' {
        $good = Start-TestSimulator -Vms 3
        $bad = Start-TestSimulator -Vms 3
        try {
            $c1 = Connect-HvLibvirt (Get-SimulatorUri $good) -Credential $good.Credential -NotDefault
            $c2 = Connect-HvLibvirt (Get-SimulatorUri $bad) -Credential $bad.Credential -NotDefault
            $bad | Stop-TestSimulator
            $d = @(Get-HvDomain -Connection $c1, $c2 -ErrorVariable err -ErrorAction SilentlyContinue)
            $d | Should -HaveCount 3
            $err | Should -HaveCount 1
            $err[0].TargetObject | Should -Be $c2
            $err[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        }
        finally { $good | Stop-TestSimulator }
    }
}
