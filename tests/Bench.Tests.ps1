# The benchmark smoke run: bench/Invoke-Bench.ps1 -Quick must still produce every B-line with
# sane numbers. Times are never asserted here: this machine's load is not the code's fault.

BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:Report = Join-Path ([IO.Path]::GetTempPath()) ("hvbench-" + [guid]::NewGuid().ToString('n') + '.md')
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $script:RepoRoot 'bench/Invoke-Bench.ps1') -Quick `
        -ModuleManifest (Get-TestModulePath) -SimulatorPath (Get-TestSimulatorPath) -ResultFile $script:Report *> $null
    $script:ExitCode = $LASTEXITCODE
    $script:Lines = if (Test-Path $script:Report) { @(Get-Content $script:Report) } else { @() }

    function Get-BenchLine([string] $Id) {
        # The machine-readable line: at the start of a line, 'Bn key=value ...'.
        $line = $script:Lines | Where-Object { $_ -match "^$Id " } | Select-Object -Last 1
        if (-not $line) { return $null }
        $values = @{}
        foreach ($pair in ($line -split ' ' | Select-Object -Skip 1)) {
            $key, $value = $pair -split '=', 2
            $values[$key] = [double]::Parse($value, [Globalization.CultureInfo]::InvariantCulture)
        }
        $values
    }
}

AfterAll {
    if ($script:Report -and (Test-Path $script:Report)) { Remove-Item $script:Report -Force }
}

Describe 'Benchmarks (quick smoke run)' {
    It 'runs to the end and writes a report' {
        $script:ExitCode | Should -Be 0
        $script:Lines.Count | Should -BeGreaterThan 0
    }

    It 'B1 reports a positive ratio of ours to the floor' {
        $b = Get-BenchLine 'B1'
        $b | Should -Not -BeNullOrEmpty
        $b.Keys | Sort-Object | Should -Be @('floor_ms', 'n', 'ours_ms', 'ratio')
        $b.ours_ms | Should -BeGreaterThan 0
        $b.floor_ms | Should -BeGreaterThan 0
        $b.ratio | Should -BeGreaterThan 0
        $b.n | Should -BeGreaterOrEqual 1
    }

    It 'B2 reports cold and bare start-up times' {
        $b = Get-BenchLine 'B2'
        $b | Should -Not -BeNullOrEmpty
        $b.Keys | Sort-Object | Should -Be @('added_ms', 'bare_ms', 'cold_ms', 'module_ms', 'n')
        $b.cold_ms | Should -BeGreaterThan 0
        $b.bare_ms | Should -BeGreaterThan 0
        $b.n | Should -BeGreaterOrEqual 1
    }

    It 'B3 reports the fleet against one host' {
        $b = Get-BenchLine 'B3'
        $b | Should -Not -BeNullOrEmpty
        $b.Keys | Sort-Object | Should -Be @('fleet_ms', 'one_ms', 'ratio')
        $b.fleet_ms | Should -BeGreaterThan 0
        $b.one_ms | Should -BeGreaterThan 0
    }

    It 'B4 reports peak working sets in megabytes' {
        $b = Get-BenchLine 'B4'
        $b | Should -Not -BeNullOrEmpty
        $b.Keys | Sort-Object | Should -Be @('base_mb', 'fixed_growth_mb', 'growth_mb', 'peak_mb')
        $b.base_mb | Should -BeGreaterThan 10
        $b.peak_mb | Should -BeGreaterThan 10
        $b.peak_mb | Should -BeLessThan 100000
    }

    It 'B5 reports many domains against one' {
        $b = Get-BenchLine 'B5'
        $b | Should -Not -BeNullOrEmpty
        $b.Keys | Sort-Object | Should -Be @('many_ms', 'one_ms', 'ratio')
        $b.many_ms | Should -BeGreaterThan 0
        $b.one_ms | Should -BeGreaterThan 0
    }

    It 'B6 reports NTLM with message encryption against Basic, with the host''s counters' {
        $b = Get-BenchLine 'B6'
        $b | Should -Not -BeNullOrEmpty
        $b.Keys | Sort-Object | Should -Be @('basic_ms', 'logons', 'n', 'ntlm_ms', 'ratio', 'requests')
        $b.ntlm_ms | Should -BeGreaterThan 0
        $b.basic_ms | Should -BeGreaterThan 0
        $b.ratio | Should -BeGreaterThan 0
        $b.requests | Should -BeGreaterOrEqual 1
        $b.logons | Should -BeGreaterOrEqual 0
        $b.n | Should -BeGreaterOrEqual 1
    }

    It 'B7 reports a connect''s round trips against the goal' {
        $b = Get-BenchLine 'B7'
        $b | Should -Not -BeNullOrEmpty
        $b.Keys | Sort-Object | Should -Be @('default_ms', 'default_requests', 'first_listing_handshakes', 'goal_requests', 'n', 'ntlm_ms', 'ntlm_requests')
        $b.goal_requests | Should -Be 3
        # Default starts Negotiate at once: it costs what -Authentication Ntlm costs.
        $b.default_requests | Should -Be $b.ntlm_requests
        $b.ntlm_requests | Should -BeGreaterOrEqual $b.goal_requests
        $b.first_listing_handshakes | Should -BeGreaterOrEqual 0
        $b.default_ms | Should -BeGreaterThan 0
        $b.ntlm_ms | Should -BeGreaterThan 0
    }

    It 'B8 reports the domain XML of a whole host in a handful of requests' {
        $b = Get-BenchLine 'B8'
        $b | Should -Not -BeNullOrEmpty
        $b.Keys | Sort-Object | Should -Be @('goal_requests', 'listing_ms', 'n', 'requests', 'serving_ms', 'xml_ms')
        $b.xml_ms | Should -BeGreaterThan 0
        $b.listing_ms | Should -BeGreaterThan 0
        $b.requests | Should -BeGreaterOrEqual 9
        $b.requests | Should -BeLessOrEqual $b.goal_requests
    }

    It 'B9 reports Get-VM''s columns against the plain listing, within one call per 100 VMs' {
        $b = Get-BenchLine 'B9'
        $b | Should -Not -BeNullOrEmpty
        $b.Keys | Sort-Object | Should -Be @('invokes', 'n', 'plain_ms', 'plain_requests', 'ratio', 'requests', 'summary_ms')
        $b.invokes | Should -Be 11
        # The listing's requests and one per call; never one per VM.
        $b.requests | Should -BeLessOrEqual ($b.plain_requests + $b.invokes)
        $b.requests | Should -BeGreaterThan $b.plain_requests
        $b.ratio | Should -BeGreaterThan 0
    }

    It 'B10 reports checkpoints of every domain of a host against one domain' {
        $b = Get-BenchLine 'B10'
        $b | Should -Not -BeNullOrEmpty
        $b.Keys | Sort-Object | Should -Be @('many_ms', 'n', 'one_ms', 'one_requests', 'ratio', 'requests')
        $b.many_ms | Should -BeGreaterThan 0
        $b.one_ms | Should -BeGreaterThan 0
        # Eight domains send more than one, and fewer than eight times one: their job polls are shared.
        $b.requests | Should -BeGreaterThan $b.one_requests
        $b.requests | Should -BeLessThan (8 * $b.one_requests)
    }
}
