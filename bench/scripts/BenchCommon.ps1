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
    # Total serving time the simulators report, summed over their endpoints.
    param([Parameter(Mandatory)] [uri[]] $Endpoints)
    $total = 0.0
    foreach ($e in $Endpoints) {
        $total += (Invoke-RestMethod -Uri ([uri]::new($e, '/simulator/stats'))).servingMs
    }
    $total
}
