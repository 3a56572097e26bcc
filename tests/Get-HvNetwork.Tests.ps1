BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-Module (Get-TestModulePath) -Force
}

Describe 'Get-HvNetwork' {
    BeforeAll {
        $script:Sim = Start-TestSimulator -Vms 8 -Seed 1
        $script:C = Connect-HvLibvirt (Get-SimulatorUri $script:Sim) -Credential $script:Sim.Credential
    }
    AfterAll {
        Disconnect-HvLibvirt -All -Confirm:$false
        $script:Sim | Stop-TestSimulator
    }

    It 'lists the healthy switches, as virsh net-list --all' {
        $networks = @(Get-HvNetwork)
        $networks.Name | Should -Be @('Default Switch', 'External', 'Isolated')
        $networks[0] | Should -BeOfType ([HyperVLibvirt.Core.Networks.HvNetwork])
        $networks[0].Uuid | Should -Be ([guid] 'c08cb7b8-9b3c-408e-8e30-5e16a3aeb444')
        $networks | ForEach-Object { $_.Active -and $_.Persistent -and $_.Autostart } | Should -Not -Contain $false
        $networks.ComputerName | Should -Be @('127.0.0.1', '127.0.0.1', '127.0.0.1')
        $networks.ConnectionId | Select-Object -Unique | Should -Be $script:C.Id
    }

    It 'finds a failed switch by its exact name, as libvirt''s lookup does' {
        $backup = Get-HvNetwork Backup
        $backup.HealthState | Should -Be 20
        Get-HvNetwork 'B*' | Should -BeNullOrEmpty
    }

    It 'matches wildcards without case and looks UUIDs up' {
        (Get-HvNetwork '*switch', 'ext*').Name | Should -Be @('Default Switch', 'External')
        $external = Get-HvNetwork External
        (Get-HvNetwork -Uuid $external.Uuid).Name | Should -Be 'External'
        $external.Bridge | Should -Be $external.Uuid.ToString().ToUpperInvariant()
    }

    It 'takes names from the pipeline, as strings and by property name' {
        ('Isolated', 'External' | Get-HvNetwork).Name | Should -Be @('Isolated', 'External')
        ([pscustomobject] @{ Name = 'Isolated' } | Get-HvNetwork).Name | Should -Be 'Isolated'
    }

    It 'reports an exact name that no host has, and still returns the others' {
        $found = Get-HvNetwork Nope, External -ErrorVariable problems -ErrorAction SilentlyContinue
        $found.Name | Should -Be 'External'
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'NetworkNotFound,HyperVLibvirt.Commands.GetHvNetworkCommand'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $problems[0].TargetObject | Should -Be 'Nope'
        $problems[0].ErrorDetails.RecommendedAction | Should -Match 'without -Name'
    }

    It 'refuses an empty name' {
        Get-HvNetwork '' -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -Match '^(EmptyNetworkName|ParameterArgumentValidationError)'
    }

    It 'shows the virsh net-list columns by default and the net-info fields in a list' {
        $table = Get-HvNetwork | Out-String -Width 80
        $table | Should -Match 'Name\s+Active\s+Autostart\s+Persistent\s+ComputerName'
        $table | Should -Match 'Default Switch\s+True\s+True\s+True\s+127\.0\.0\.1'
        $list = Get-HvNetwork External | Format-List | Out-String
        $list | Should -Match 'Uuid\s+: [0-9a-f-]{36}'
        $list | Should -Match 'Bridge\s+: [0-9A-F-]{36}'
    }

    It 'exports flat data' {
        $row = Get-HvNetwork External | ConvertTo-Csv | ConvertFrom-Csv
        $row.Name | Should -Be 'External'
        $row.Active | Should -Be 'True'
        $json = Get-HvNetwork External | ConvertTo-Json | ConvertFrom-Json
        $json.Uuid | Should -Be (Get-HvNetwork External).Uuid.ToString()
    }

    It 'writes one WS-Man query per call, with -Verbose' {
        $verbose = Get-HvNetwork -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        @($verbose | Where-Object Message -Match 'Enumerate').Count | Should -Be 1
        ($verbose.Message -join "`n") | Should -Match 'Enumerate \S+/root/virtualization/v2/\* 3 item\(s\)'
    }
}

Describe 'Get-HvNetwork on a host without virtual switches' {
    BeforeAll {
        $script:Sim = Start-TestSimulator -Profile ws2008r2
        $script:C = Connect-HvLibvirt (Get-SimulatorUri $script:Sim) -Credential $script:Sim.Credential
    }
    AfterAll {
        Disconnect-HvLibvirt -All -Confirm:$false
        $script:Sim | Stop-TestSimulator
    }

    It 'says the class is missing and which release has it' {
        Get-HvNetwork -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -Be 'WmiClassNotFound,HyperVLibvirt.Commands.GetHvNetworkCommand'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $problems[0].Exception.Message | Should -Match 'has no WMI class Msvm_VirtualEthernetSwitch in root\\virtualization\. .*Windows Server 2012 or later'
    }
}

Describe 'Get-HvNetwork on several hosts' {
    BeforeAll {
        $script:SimA = Start-TestSimulator -Vms 2
        $script:SimB = Start-TestSimulator -Vms 2 -ExtraArguments @('--computer-name', 'HV-SIM02')
        $script:A = Connect-HvLibvirt (Get-SimulatorUri $script:SimA) -Credential $script:SimA.Credential
        $script:B = Connect-HvLibvirt "hyperv://admin@localhost:$($script:SimB.HttpPort)/?transport=http" -Credential $script:SimB.Credential -NotDefault
    }
    AfterAll {
        Disconnect-HvLibvirt -All -Confirm:$false
        $script:SimA, $script:SimB | Stop-TestSimulator
    }

    It 'asks every connection piped in, each network carrying its own host' {
        $networks = @(Get-HvConnection | Get-HvNetwork External)
        $networks.Count | Should -Be 2
        @($networks.ComputerName | Sort-Object) | Should -Be @('127.0.0.1', 'localhost')
        @($networks.ConnectionId | Sort-Object -Unique).Count | Should -Be 2
        # The switch GUIDs come from each host's computer name: the two External switches differ.
        $networks[0].Uuid | Should -Not -Be $networks[1].Uuid
    }

    It 'reports a name missing on every host once' {
        $null = Get-HvNetwork Nope -Connection $script:A, $script:B -ErrorVariable problems -ErrorAction SilentlyContinue
        @($problems).Count | Should -Be 1
    }
}
