BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-Module (Get-TestModulePath) -Force
    # Names that need quoting, next to plain ones.
    $script:Inventory = Join-Path ([IO.Path]::GetTempPath()) ("hvl-completion-" + [guid]::NewGuid().ToString('n') + '.json')
    @{ vms = @(
            @{ name = 'web-01'; state = 'running' }
            @{ name = 'web-02'; state = 'off' }
            @{ name = 'web 03'; state = 'off' }
            @{ name = "bob's vm"; state = 'saved' }
            @{ name = 'db-01'; state = 'running' }
        ) } | ConvertTo-Json -Depth 4 | Set-Content -Path $script:Inventory -Encoding utf8
    $script:Sim = Start-TestSimulator -ExtraArguments @('--inventory', $script:Inventory)
    $script:Other = Start-TestSimulator -Vms 2

    function Get-Completion([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches)
    }
}

AfterAll {
    Disconnect-HvLibvirt -All -Confirm:$false
    $script:Sim, $script:Other | Stop-TestSimulator
    Remove-Item $script:Inventory -ErrorAction SilentlyContinue
}

Describe 'Domain name completion for Get-HvDomain -Name' {
    BeforeAll {
        $script:Default = Connect-HvLibvirt (Get-SimulatorUri $script:Sim) -Credential $script:Sim.Credential
        $script:OtherConnection = Connect-HvLibvirt (Get-SimulatorUri $script:Other) -Credential $script:Other.Credential -NotDefault
    }

    It 'offers the default connection''s names that start with the typed text' {
        $results = Get-Completion 'Get-HvDomain -Name web'
        @($results.CompletionText) | Should -Be @("'web 03'", 'web-01', 'web-02')
        @($results.ListItemText) | Should -Be @('web 03', 'web-01', 'web-02')
        $results[0].ResultType | Should -Be 'ParameterValue'
        $results[1].ToolTip | Should -Match '^web-01: Running \(id \d+\)$'
        $results[0].ToolTip | Should -Be 'web 03: Shutoff (inactive)'
    }

    It 'offers the same names to the lifecycle cmdlets' {
        foreach ($command in 'Start-HvDomain', 'Stop-HvDomain', 'Restart-HvDomain', 'Suspend-HvDomain', 'Resume-HvDomain', 'Remove-HvDomainManagedSave') {
            @((Get-Completion "$command -Name db").CompletionText) | Should -Be @('db-01') -Because "$command -Name completes"
        }
    }

    It 'offers the same names to the cmdlets that read domains, by -Name and by position' {
        foreach ($command in 'Get-HvDomainVcpu', 'Get-HvDomainScheduler', 'Get-HvDomainXml', 'Get-HvDomainBlockInfo', 'Wait-HvDomain', 'Get-HvDomainIPAddress', 'Save-HvDomainScreenshot') {
            @((Get-Completion "$command -Name db").CompletionText) | Should -Be @('db-01') -Because "$command -Name completes"
            @((Get-Completion "$command db").CompletionText) | Should -Be @('db-01') -Because "$command completes its positional name"
        }
    }

    It 'completes the positional name too' {
        @((Get-Completion 'Get-HvDomain db').CompletionText) | Should -Be @('db-01')
    }

    It 'quotes names with spaces or quotes, doubling single quotes' {
        @((Get-Completion 'Get-HvDomain -Name bo').CompletionText) | Should -Be @("'bob''s vm'")
    }

    It 'keeps the quote the user opened' {
        @((Get-Completion "Get-HvDomain -Name 'web-0").CompletionText) | Should -Be @("'web-01'", "'web-02'")
        @((Get-Completion 'Get-HvDomain -Name "web-0').CompletionText) | Should -Be @('"web-01"', '"web-02"')
    }

    It 'asks the host of -Connection given on the command line' {
        $global:HvlCompletionConnection = $script:OtherConnection
        try {
            @((Get-Completion 'Get-HvDomain -Connection $HvlCompletionConnection -Name vm-').CompletionText) | Should -Be @('vm-001', 'vm-002')
        }
        finally { Remove-Variable HvlCompletionConnection -Scope Global }
    }

    It 'answers from its cache while the names are fresh' {
        $global:HvlCompletionConnection = $script:OtherConnection
        try {
            $line = 'Get-HvDomain -Connection $HvlCompletionConnection -Name vm-'
            @((Get-Completion $line).CompletionText).Count | Should -Be 2
            # The host goes away: a fresh query would find nothing, the cached names still come back.
            $script:Other.Process.Kill($true)
            $null = $script:Other.Process.WaitForExit(10000)
            @((Get-Completion $line).CompletionText) | Should -Be @('vm-001', 'vm-002')
        }
        finally { Remove-Variable HvlCompletionConnection -Scope Global }
    }
}

Describe 'Network name completion for Get-HvNetwork and Get-HvNetworkXml -Name' {
    BeforeAll {
        $script:Default = Connect-HvLibvirt (Get-SimulatorUri $script:Sim) -Credential $script:Sim.Credential
    }
    AfterAll {
        Disconnect-HvLibvirt -All -Confirm:$false
    }

    It 'offers the healthy switches that start with the typed text, quoted where needed' {
        $results = Get-Completion 'Get-HvNetwork -Name '
        @($results.CompletionText) | Should -Be @("'Default Switch'", 'External', 'Isolated')
        $results[1].ToolTip | Should -Match '^External \([0-9a-f-]{36}\)$'
        @((Get-Completion 'Get-HvNetworkXml -Name is').CompletionText) | Should -Be @('Isolated')
        @((Get-Completion "Get-HvNetwork -Name 'def").CompletionText) | Should -Be @("'Default Switch'")
    }

    It 'offers nothing, and no error, without a connection' {
        Disconnect-HvLibvirt -All -Confirm:$false
        $Error.Clear()
        Get-Completion 'Get-HvNetwork -Name ' | Should -BeNullOrEmpty
        $Error.Count | Should -Be 0
    }
}

Describe 'Domain name completion without a usable host' {
    It 'offers nothing, silently, when there is no default connection' {
        Disconnect-HvLibvirt -All -Confirm:$false
        $Error.Clear()
        Get-Completion 'Get-HvDomain -Name web' | Should -BeNullOrEmpty
        $Error.Count | Should -Be 0
    }

    It 'offers nothing, silently, and gives up on a host that does not answer instead of waiting for it' {
        # Connecting takes two enumerations; from the third on, the host sits on every request for 10 minutes.
        $slow = Start-TestSimulator -Vms 1 -ExtraArguments @('--fault', 'latency:600000@3+/Enumerate')
        try {
            $null = Connect-HvLibvirt (Get-SimulatorUri $slow) -Credential $slow.Credential -OperationTimeoutSec 120
            $Error.Clear()
            $before = (Get-SimulatorStats $slow).abandoned
            $script:Result = Get-Completion 'Get-HvDomain -Name vm'
            $script:Result | Should -BeNullOrEmpty
            $Error.Count | Should -Be 0
            # Completion came back and dropped its request: the host sees it abandoned, not answered (had completion
            # waited, the host would have answered after 10 minutes). The host notices the closed connection a moment
            # later, so poll for it; the bound only catches a hang. How fast completion gives up is measured in bench/.
            $abandoned = 0
            foreach ($i in 1..600) {
                $abandoned = (Get-SimulatorStats $slow).abandoned - $before
                if ($abandoned -ge 1) { break }
                Start-Sleep -Milliseconds 100
            }
            $abandoned | Should -Be 1 -Because 'completion sent one listing and gave it up'
        }
        finally {
            Disconnect-HvLibvirt -All -Confirm:$false
            $slow | Stop-TestSimulator
        }
    }
}
