# Shared helpers for the benchmark scripts. Dot-source it: . $PSScriptRoot/BenchCommon.ps1
# It reuses the test helpers (simulator start/stop, random passwords) from tests/Common.ps1.

. (Join-Path $PSScriptRoot '../../tests/Common.ps1')

function Get-Summary {
    # Median, min and max of a set of measurements (milliseconds or megabytes).
    param([Parameter(Mandatory)] [double[]] $Values)
    $sorted = [double[]] ($Values | Sort-Object)
    $n = $sorted.Count
    $median = if ($n % 2) { $sorted[($n - 1) / 2] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
    [pscustomobject]@{ Median = $median; Min = $sorted[0]; Max = $sorted[$n - 1]; N = $n; Values = $sorted }
}

function Invoke-SteadyWarmUp {
    <#
    .SYNOPSIS
        Runs one benchmark iteration (the same script block the measured runs use, so every kind of
        run still alternates) until the timings are steady, then returns what it saw.
    .DESCRIPTION
        Judged on one series (Measure: ours in B1, the fleet in B3), from the Min-th iteration on:
        the median of the last Window iterations is within Tolerance of the median of the Window
        before them, and within Tolerance of the lowest such median seen so far. The second
        condition is what tells the runtime's phases apart: a fresh pwsh runs the module's
        ReadyToRun code first, then tiered-PGO instrumented code (slower than ReadyToRun, and a
        plateau of its own for 100 listings and more), then tier-1 code (the fastest); a rule that
        only asks for two similar windows stops on the instrumented plateau. At most Max
        iterations; if that is reached, Steady is false.
        The JIT is not watched from inside the process: an EventListener on the runtime's JIT
        events, tried for this, doubled the listing time it was meant to judge.
    #>
    param(
        [Parameter(Mandatory)] [scriptblock] $Iteration,
        [Parameter(Mandatory)] [string] $Measure,
        [int] $Min = 20,
        [int] $Max = 300,
        [int] $Window = 10,
        [double] $Tolerance = 0.15
    )
    $samples = [System.Collections.Generic.List[object]]::new()
    $values = [System.Collections.Generic.List[double]]::new()
    $best = [double]::MaxValue
    $steady = $false
    for ($n = 1; $n -le $Max -and -not $steady; $n++) {
        $sample = & $Iteration
        $samples.Add($sample)
        $values.Add($sample.$Measure)
        if ($n -lt $Window) { continue }
        $last = (Get-Summary $values.GetRange($n - $Window, $Window)).Median
        $best = [math]::Min($best, $last)
        if ($n -lt $Min -or $n -lt 2 * $Window) { continue }
        $before = (Get-Summary $values.GetRange($n - 2 * $Window, $Window)).Median
        $steady = [math]::Abs($last - $before) -le $Tolerance * $before -and $last -le (1 + $Tolerance) * $best
    }
    [pscustomobject]@{
        Iterations = $samples.Count
        Steady     = $steady
        Samples    = $samples
        Rule       = "min $Min, max $Max, window $Window, tolerance $Tolerance, on $Measure"
    }
}

function ConvertTo-WarmUpRecord {
    # The warm-up as B1 and B3 record it in their JSON: how it ended and every timing of the named series.
    param(
        [Parameter(Mandatory)] $WarmUp,
        [Parameter(Mandatory)] [int] $Max,
        [Parameter(Mandatory)] [string[]] $Series
    )
    $record = [ordered]@{
        Iterations = $WarmUp.Iterations
        Steady     = $WarmUp.Steady
        Max        = $Max
        Rule       = $WarmUp.Rule
    }
    foreach ($name in $Series) { $record[$name] = [double[]] @($WarmUp.Samples | ForEach-Object { $_.$name }) }
    [pscustomobject] $record
}

function Get-EarlySummary {
    # The first call and the median of the first few warm-up iterations of one kind of run.
    param([Parameter(Mandatory)] $WarmUp, [Parameter(Mandatory)] [string] $Name, [int] $Count = 5)
    $values = [double[]] @($WarmUp.Samples | Select-Object -First $Count | ForEach-Object { $_.$Name })
    [pscustomobject]@{ First = $values[0]; Early = Get-Summary $values }
}

function Get-LoadAverage {
    # The 1-minute load average (Linux), or $null: other work on a shared machine shows in B6 and B7's spread.
    if (Test-Path /proc/loadavg) { [double]::Parse((Get-Content /proc/loadavg -Raw).Split(' ')[0], [Globalization.CultureInfo]::InvariantCulture) }
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
        # A host profile on top of the stock one, e.g. '--as-shipped' (B6, B7) or '--no-negotiate'.
        [string[]] $ExtraArguments = @(),
        [int] $StartTimeoutSec = 180
    )
    $password = New-TestPassword
    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @($SimulatorPath, '--http-port', '0', '--vms', "$Vms", '--latency-ms', "$LatencyMs", '--user', 'admin') + $ExtraArguments) {
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

function Get-BenchStatsJson {
    # One GET /simulator/stats. One shared HttpClient and System.Text.Json rather than Invoke-RestMethod:
    # that cmdlet builds a client, a connection and a JSON converter per call, and the JIT work it causes
    # in this process (PowerShell's own code, which the pwsh tool does not ship precompiled) competes with
    # the timed runs and postpones the runtime's tier-1 promotions, which wait for a lull in compilation.
    param([Parameter(Mandatory)] [uri] $Endpoint)
    if (-not (Get-Variable -Scope Script -Name BenchStatsClient -ErrorAction SilentlyContinue)) {
        $script:BenchStatsClient = [System.Net.Http.HttpClient]::new()
        $script:BenchStatsClient.Timeout = [TimeSpan]::FromSeconds(30)
    }
    [System.Text.Json.JsonDocument]::Parse($script:BenchStatsClient.GetStringAsync([uri]::new($Endpoint, '/simulator/stats')).GetAwaiter().GetResult())
}

function Get-ServingMs {
    # Total serving time the simulators report, summed over their endpoints.
    param([Parameter(Mandatory)] [uri[]] $Endpoints)
    $total = 0.0
    foreach ($e in $Endpoints) {
        $document = Get-BenchStatsJson $e
        try { $total += $document.RootElement.GetProperty('servingMs').GetDouble() }
        finally { $document.Dispose() }
    }
    $total
}

function Get-SimulatorCounters {
    # One simulator's counters: requests (every HTTP request answered, 401s and handshake legs included),
    # encrypted requests (sealed WS-Man operations), context logons (completed Negotiate/NTLM handshakes), serving time.
    param([Parameter(Mandatory)] [uri] $Endpoint)
    $document = Get-BenchStatsJson $Endpoint
    try {
        $root = $document.RootElement
        [pscustomobject]@{
            Requests  = $root.GetProperty('requests').GetInt64()
            Encrypted = $root.GetProperty('encryptedRequests').GetInt64()
            Logons    = $root.GetProperty('contextLogons').GetInt64()
            ServingMs = $root.GetProperty('servingMs').GetDouble()
        }
    }
    finally { $document.Dispose() }
}

function Get-CounterDelta {
    # What happened between two Get-SimulatorCounters reads. The simulator counts a request once it has answered
    # it, so the first read shows up in the second one's request count: it is taken off here.
    param([Parameter(Mandatory)] $Before, [Parameter(Mandatory)] $After)
    [pscustomobject]@{
        Requests  = $After.Requests - $Before.Requests - 1
        Encrypted = $After.Encrypted - $Before.Encrypted
        Logons    = $After.Logons - $Before.Logons
        ServingMs = $After.ServingMs - $Before.ServingMs
    }
}
