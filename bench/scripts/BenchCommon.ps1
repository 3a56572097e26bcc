# Shared helpers for the benchmark scripts. Dot-source it: . $PSScriptRoot/BenchCommon.ps1
# It reuses the test helpers (simulator start/stop, random passwords) from tests/Common.ps1.

. (Join-Path $PSScriptRoot '../../tests/Common.ps1')

function Get-Summary {
    # Median, min and max of a set of measurements (milliseconds or megabytes).
    param([Parameter(Mandatory)] [double[]] $Values)
    $sorted = [double[]] ($Values | Sort-Object)
    $n = $sorted.Count
    $median = if ($n % 2) { $sorted[($n - 1) / 2] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
    [pscustomobject]@{ Median = $median; Min = $sorted[0]; Max = $sorted[$n - 1]; N = $n; Values = $sorted; InOrder = $Values }
}

function New-TieringWatch {
    <#
    .SYNOPSIS
        Starts watching the tiered JIT for the module's code and System.Xml (the code a listing runs),
        in this process; Invoke-SteadyWarmUp reads it. Needs the bench assembly (Import-BenchAssembly).
    #>
    [HyperVLibvirt.Bench.TieringWatch]::new([string[]] @('HyperVLibvirt.', 'System.Xml.'), [string[]] @('HyperVLibvirt.Bench.'))
}

function Test-TieredCompilation {
    # False when the runtime was told not to tier (then there is no tier 1 to wait for).
    foreach ($name in 'DOTNET_TieredCompilation', 'COMPlus_TieredCompilation') {
        if ([Environment]::GetEnvironmentVariable($name) -eq '0') { return $false }
    }
    $configured = [AppContext]::GetData('System.Runtime.TieredCompilation')
    -not ($null -ne $configured -and "$configured" -eq 'false')
}

function Invoke-SteadyWarmUp {
    <#
    .SYNOPSIS
        Runs one benchmark iteration (the same script block the measured runs use, so every kind of
        run still alternates) until the timings are steady, then returns what it saw.
    .DESCRIPTION
        Steady, checked after each iteration from the Min-th on, means both:
        - timing: the median of Numerator/Denominator per iteration over the last Window iterations
          is within Tolerance of the median over the Window before them (the ratio, not one side, so
          a change in the machine's load that slows both sides alike does not count as unsteady);
        - tiering: each of HotMethods (the per-instance parsing path) has been compiled at tier 1
          and none of them still runs instrumented (tiered PGO) or OSR code. Without this, the
          timing rule alone stops on the instrumented phase, itself a plateau of 20-50 iterations
          on this machine. Methods called a few times per listing are not waited for: in pwsh,
          which keeps compiling its own code, the runtime postpones their promotion indefinitely
          (a count of promoted against instrumented methods never settled), and they do not move
          the timings.
        At most Max iterations; if that is reached, Steady is false. The tiering condition is
        skipped when tiered compilation is off.
    #>
    param(
        [Parameter(Mandatory)] [scriptblock] $Iteration,
        [Parameter(Mandatory)] [string] $Numerator,
        [Parameter(Mandatory)] [string] $Denominator,
        [Parameter(Mandatory)] $Watch,
        [int] $Min = 10,
        [int] $Max = 60,
        [int] $Window = 5,
        [double] $Tolerance = 0.10,
        [string[]] $HotMethods = @(
            'HyperVLibvirt.Core.WsMan.ResponseReader::ReadNextItem',
            'HyperVLibvirt.Core.WsMan.InstanceReader::ReadProperty')
    )
    $tiered = Test-TieredCompilation
    $samples = [System.Collections.Generic.List[object]]::new()
    $ratios = [System.Collections.Generic.List[double]]::new()
    $tier1 = [System.Collections.Generic.List[int]]::new()
    $pending = [System.Collections.Generic.List[int]]::new()
    $steady = $false
    $timingSteady = $false
    $tieringDone = $false
    for ($n = 1; $n -le $Max -and -not $steady; $n++) {
        $sample = & $Iteration
        $samples.Add($sample)
        $ratios.Add($sample.$Numerator / $sample.$Denominator)
        $promoted = $Watch.Tier1Compiled
        $waiting = $Watch.Pending
        $tier1.Add($promoted)
        $pending.Add($waiting)
        if ($n -lt $Min -or $n -lt 2 * $Window) { continue }
        $last = (Get-Summary $ratios.GetRange($n - $Window, $Window)).Median
        $before = (Get-Summary $ratios.GetRange($n - 2 * $Window, $Window)).Median
        $timingSteady = [math]::Abs($last - $before) -le $Tolerance * $before
        $tieringDone = -not $tiered -or $Watch.ArePromoted($HotMethods)
        $steady = $timingSteady -and $tieringDone
    }
    [pscustomobject]@{
        Iterations = $samples.Count
        Steady     = $steady
        # How each condition stood at the end (both true when Steady).
        TimingSteady = $timingSteady
        HotPromoted  = $tieringDone
        Samples    = $samples
        Tier1      = $tier1
        Pending    = $pending
        Rule       = "min $Min, max $Max, window $Window, tolerance $Tolerance, tier 1: $($HotMethods -join ', '), tiered $tiered"
    }
}

function ConvertTo-WarmUpRecord {
    # The warm-up as B1 and B3 record it in their JSON: how it ended, every timing of the named
    # series, and the JIT's tiering after each iteration and during the measured runs.
    param(
        [Parameter(Mandatory)] $WarmUp,
        [Parameter(Mandatory)] [int] $Max,
        [Parameter(Mandatory)] [string[]] $Series,
        [Parameter(Mandatory)] [int] $Tier1DuringRuns
    )
    $record = [ordered]@{
        Iterations   = $WarmUp.Iterations
        Steady       = $WarmUp.Steady
        TimingSteady = $WarmUp.TimingSteady
        HotPromoted  = $WarmUp.HotPromoted
        Max          = $Max
        Rule         = $WarmUp.Rule
    }
    foreach ($name in $Series) { $record[$name] = [double[]] @($WarmUp.Samples | ForEach-Object { $_.$name }) }
    # After each iteration: watched methods compiled at tier 1 so far, and those still instrumented.
    $record.Tier1 = $WarmUp.Tier1
    $record.Pending = $WarmUp.Pending
    # Tier-1 compilations of the module's and System.Xml's methods during the measured runs.
    $record.Tier1DuringRuns = $Tier1DuringRuns
    [pscustomobject] $record
}

function Get-EarlySummary {
    # The first call and the median of the first few warm-up iterations of one kind of run.
    param([Parameter(Mandatory)] $WarmUp, [Parameter(Mandatory)] [string] $Name, [int] $Count = 5)
    $values = [double[]] @($WarmUp.Samples | Select-Object -First $Count | ForEach-Object { $_.$Name })
    [pscustomobject]@{ First = $values[0]; Early = Get-Summary $values }
}

function Measure-Milliseconds {
    # Wall time of one call of a script block, in milliseconds.
    param([Parameter(Mandatory)] [scriptblock] $Action)
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $null = & $Action
    $watch.Stop()
    $watch.Elapsed.TotalMilliseconds
}

function Import-BenchAssembly {
    # The bench helpers (floor client, Core-only listing). Load after the module, so both share its Core.
    param([Parameter(Mandatory)] [string] $Path)
    Add-Type -Path $Path
}

function Start-BenchSimulator {
    <#
    .SYNOPSIS
        Starts the bundled simulator program on a free loopback port; returns the same shape as
        Start-TestSimulator (stop it with Stop-TestSimulator). It waits patiently: generating a
        large inventory on a busy machine takes many seconds.
    #>
    param(
        [Parameter(Mandatory)] [string] $SimulatorPath,
        [int] $Vms = 8,
        [int] $LatencyMs = 0,
        [int] $StartTimeoutSec = 180
    )
    $password = New-TestPassword
    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @($SimulatorPath, '--http-port', '0', '--vms', "$Vms", '--latency-ms', "$LatencyMs", '--user', 'admin')) {
        $info.ArgumentList.Add($a)
    }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardInput = $true
    $info.UseShellExecute = $false
    $info.Environment['HVSIM_PASSWORD'] = $password
    $process = [System.Diagnostics.Process]::Start($info)
    $http = $null
    $task = $null
    $deadline = [DateTime]::UtcNow.AddSeconds($StartTimeoutSec)
    while ($null -eq $http -and [DateTime]::UtcNow -lt $deadline) {
        if ($null -eq $task) { $task = $process.StandardOutput.ReadLineAsync() }
        if (-not $task.Wait([TimeSpan]::FromSeconds(1))) { continue }
        $line = $task.Result
        $task = $null
        if ($null -eq $line) { break }
        if ($line -match '^listening: (http://\S+)$') { $http = [uri] $Matches[1] }
    }
    if ($null -eq $http) {
        if (-not $process.HasExited) { $process.Kill($true) }
        throw "The simulator did not start within $StartTimeoutSec s."
    }
    [pscustomobject]@{
        Process         = $process
        HttpUri         = $http
        HttpPort        = $http.Port
        UserName        = 'admin'
        Password        = $password
        Credential      = [pscredential]::new('admin', (ConvertTo-SecureString $password -AsPlainText -Force))
        CertificatePath = $null
    }
}

function Start-BenchFleet {
    <#
    .SYNOPSIS
        Starts 'HyperVLibvirt.Bench serve' (many simulated hosts in one process) and returns the
        process, the endpoints as libvirt URIs, and a credential. Stop it with Stop-BenchFleet.
    #>
    param(
        [Parameter(Mandatory)] [string] $BenchAssembly,
        [int] $Hosts = 1, [int] $Vms = 8, [int] $LatencyMs = 0, [int] $JobMs = 500, [string] $InventoryPath,
        [int] $StartTimeoutSec = 120
    )
    $password = New-TestPassword
    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @($BenchAssembly, 'serve', '--hosts', "$Hosts", '--vms', "$Vms", '--latency-ms', "$LatencyMs", '--job-ms', "$JobMs", '--max-minutes', '30')) {
        $info.ArgumentList.Add($a)
    }
    if ($InventoryPath) { $info.ArgumentList.Add('--inventory'); $info.ArgumentList.Add($InventoryPath) }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardInput = $true
    $info.UseShellExecute = $false
    $info.Environment['HVSIM_PASSWORD'] = $password
    $process = [System.Diagnostics.Process]::Start($info)
    $endpoints = [System.Collections.Generic.List[uri]]::new()
    $deadline = [DateTime]::UtcNow.AddSeconds($StartTimeoutSec)
    $ready = $false
    $task = $null
    while (-not $ready -and [DateTime]::UtcNow -lt $deadline) {
        # Keep a pending read across timeouts: a second ReadLineAsync on the same stream would throw.
        if ($null -eq $task) { $task = $process.StandardOutput.ReadLineAsync() }
        if (-not $task.Wait([TimeSpan]::FromSeconds(1))) { continue }
        $line = $task.Result
        $task = $null
        if ($null -eq $line) { break }
        if ($line -match '^listening: (http://\S+)$') { $endpoints.Add([uri] $Matches[1]) }
        elseif ($line -eq 'ready') { $ready = $true }
    }
    if (-not $ready) {
        if (-not $process.HasExited) { $process.Kill($true) }
        throw "The bench fleet did not start within $StartTimeoutSec s."
    }
    [pscustomobject]@{
        Process    = $process
        Endpoints  = $endpoints
        Uris       = @($endpoints | ForEach-Object { "hyperv://admin@127.0.0.1:$($_.Port)/?transport=http" })
        Credential = [pscredential]::new('admin', (ConvertTo-SecureString $password -AsPlainText -Force))
    }
}

function Stop-BenchFleet {
    param([Parameter(ValueFromPipeline)] $Fleet)
    process {
        if ($null -eq $Fleet) { return }
        if (-not $Fleet.Process.HasExited) {
            $Fleet.Process.StandardInput.Close()
            if (-not $Fleet.Process.WaitForExit(10000)) { $Fleet.Process.Kill($true) }
        }
        $Fleet.Process.Dispose()
    }
}

function Get-ServingMs {
    # Total serving time the simulators report, summed over their endpoints. One shared HttpClient
    # and System.Text.Json rather than Invoke-RestMethod: that cmdlet builds a client, a connection
    # and a JSON converter per call, and the JIT work it causes in this process (PowerShell's own
    # code, which the pwsh tool does not ship precompiled) competes with the timed runs and
    # postpones the runtime's tier-1 promotions, which wait for a lull in compilation.
    param([Parameter(Mandatory)] [uri[]] $Endpoints)
    if (-not (Get-Variable -Scope Script -Name BenchStatsClient -ErrorAction SilentlyContinue)) {
        $script:BenchStatsClient = [System.Net.Http.HttpClient]::new()
        $script:BenchStatsClient.Timeout = [TimeSpan]::FromSeconds(30)
    }
    $total = 0.0
    foreach ($e in $Endpoints) {
        $json = $script:BenchStatsClient.GetStringAsync([uri]::new($e, '/simulator/stats')).GetAwaiter().GetResult()
        $document = [System.Text.Json.JsonDocument]::Parse($json)
        try { $total += $document.RootElement.GetProperty('servingMs').GetDouble() }
        finally { $document.Dispose() }
    }
    $total
}
