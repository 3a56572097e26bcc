<#
.SYNOPSIS
    B4: memory while streaming. A fresh pwsh imports the module, connects and runs
    'Get-HvDomain | Measure-Object', then reports its own peak working set; a listing of many
    instances against one of few. The simulators run in their own processes.
    After reading the peak, each run also reports what the garbage collector saw (all read at
    the end, so they do not move the peak): bytes allocated in all, collections per generation,
    the gen0 budget the runtime chose (GCGen0MaxBudget), the heap after the last collection and
    the memory the GC had committed, and the live data left (a full collection, last).
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $SimulatorPath,
    [Parameter(Mandatory)] [string] $ResultFile,
    [int] $Vms = 100000,
    [int] $BaseVms = 1000,
    [int] $Runs = 3
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')

$pwshDll = Join-Path $PSHOME 'pwsh.dll'
function Measure-Peak([object] $Simulator, [int] $Expected) {
    $uri = Get-SimulatorUri $Simulator
    $work = "Import-Module '$ModuleManifest'; " +
        "`$c = [pscredential]::new('admin', (ConvertTo-SecureString `$env:HVBENCH_PASSWORD -AsPlainText -Force)); " +
        "`$null = Connect-HvLibvirt '$uri' -Credential `$c; `$m = Get-HvDomain | Measure-Object; " +
        "`$p = [System.Diagnostics.Process]::GetCurrentProcess(); `$p.Refresh(); '{0} {1}' -f `$m.Count, `$p.PeakWorkingSet64; " +
        "`$i = [GC]::GetGCMemoryInfo(); `$budget = [long] [GC]::GetConfigurationVariables()['GCGen0MaxBudget']; " +
        "'gc {0} {1} {2} {3} {4} {5} {6} {7}' -f [GC]::GetTotalAllocatedBytes(`$false), [GC]::CollectionCount(0), [GC]::CollectionCount(1), " +
        "[GC]::CollectionCount(2), `$budget, `$i.HeapSizeBytes, `$i.TotalCommittedBytes, [GC]::GetTotalMemory(`$true)"
    $info = [System.Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
    foreach ($a in @($pwshDll, '-NoProfile', '-NonInteractive', '-Command', $work)) { $info.ArgumentList.Add($a) }
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.Environment['HVBENCH_PASSWORD'] = $Simulator.Password
    $p = [System.Diagnostics.Process]::Start($info)
    $errTask = $p.StandardError.ReadToEndAsync()
    $out = $p.StandardOutput.ReadToEnd()
    if (-not $p.WaitForExit(600000)) { $p.Kill($true); throw 'A B4 run did not finish within 600 s.' }
    if ($p.ExitCode -ne 0 -or $out -notmatch '(?m)^(\d+) (\d+)\s*$') { throw "A B4 run failed (exit code $($p.ExitCode)): $out $($errTask.Result)" }
    $p.Dispose()
    if ([int] $Matches[1] -ne $Expected) { throw "Measure-Object counted $($Matches[1]) domains, expected $Expected." }
    $peakMb = [double] $Matches[2] / 1MB
    if ($out -notmatch '(?m)^gc (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)\s*$') { throw "A B4 run did not report its GC figures: $out" }
    [pscustomobject]@{
        PeakMb       = $peakMb
        AllocatedMb  = [double] $Matches[1] / 1MB
        Gen0         = [int] $Matches[2]
        Gen1         = [int] $Matches[3]
        Gen2         = [int] $Matches[4]
        Gen0BudgetMb = [double] $Matches[5] / 1MB
        HeapMb       = [double] $Matches[6] / 1MB
        CommittedMb  = [double] $Matches[7] / 1MB
        LiveMb       = [double] $Matches[8] / 1MB
    }
}

$big = Start-BenchSimulator -SimulatorPath $SimulatorPath -Vms $Vms -StartTimeoutSec 300
$small = Start-BenchSimulator -SimulatorPath $SimulatorPath -Vms $BaseVms
try {
    $peak = @(); $base = @(); $growth = @(); $seconds = @(); $bigRuns = @(); $baseRuns = @()
    foreach ($i in 1..$Runs) {
        $b = Measure-Peak $small $BaseVms
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $p = Measure-Peak $big $Vms
        $seconds += $watch.Elapsed.TotalSeconds
        $base += $b.PeakMb; $peak += $p.PeakMb; $growth += $p.PeakMb - $b.PeakMb
        $bigRuns += $p; $baseRuns += $b
    }
    # Medians of the GC figures per listing size.
    $gc = {
        param($RunSet)
        $figures = [ordered]@{}
        foreach ($name in 'AllocatedMb', 'Gen0', 'Gen1', 'Gen2', 'Gen0BudgetMb', 'HeapMb', 'CommittedMb', 'LiveMb') {
            $figures[$name] = (Get-Summary ([double[]] @($RunSet | ForEach-Object { $_.$name }))).Median
        }
        [pscustomobject] $figures
    }
    [pscustomobject]@{
        Id      = 'B4'
        Vms     = $Vms
        BaseVms = $BaseVms
        Peak    = Get-Summary $peak
        Base    = Get-Summary $base
        Growth  = Get-Summary $growth
        Seconds = Get-Summary $seconds
        # What the garbage collector saw in the big and the base run (medians).
        Gc      = [pscustomobject]@{ Big = & $gc $bigRuns; Base = & $gc $baseRuns }
    } | ConvertTo-Json -Depth 4 | Set-Content -Path $ResultFile -Encoding utf8
}
finally {
    $big, $small | Stop-TestSimulator
}
