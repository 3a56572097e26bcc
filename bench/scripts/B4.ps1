<#
.SYNOPSIS
    B4: memory while streaming. A fresh pwsh imports the module, connects and runs
    'Get-HvDomain | Measure-Object', then reports its own peak working set; a listing of many
    instances against one of few. The simulators run in their own processes.
    After reading the peak, each run also reports what the garbage collector saw (all read at
    the end, so they do not move the peak): bytes allocated in all, collections per generation,
    the gen0 budget the runtime chose (GCGen0MaxBudget), the heap after the last collection and
    the memory the GC had committed, and the live data left (a full collection, last).
    Each size runs twice, alternating: with the runtime's own gen0 budget (what users get; on a
    workstation GC it follows the processor's cache size, so it differs between machines) and
    with a fixed one (DOTNET_GCgen0size=$FixedGen0Size in the child pwsh only), so the growth can
    be compared across machines and rounds.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $SimulatorPath,
    [Parameter(Mandatory)] [string] $ResultFile,
    [int] $Vms = 100000,
    [int] $BaseVms = 1000,
    [int] $Runs = 3,
    # The fixed gen0 budget of the second series (hex, as the runtime reads DOTNET_GCgen0size): 16 MB.
    [string] $FixedGen0Size = '0x1000000'
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')

$pwshDll = Join-Path $PSHOME 'pwsh.dll'
function Measure-Peak([object] $Simulator, [int] $Expected, [string] $Gen0Size) {
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
    # Only the measured pwsh gets the fixed budget; without it the runtime chooses, as for users.
    if ($Gen0Size) { $info.Environment['DOTNET_GCgen0size'] = $Gen0Size } else { $null = $info.Environment.Remove('DOTNET_GCgen0size') }
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
    # Medians of the GC figures per listing size.
    $gc = {
        param($RunSet)
        $figures = [ordered]@{}
        foreach ($name in 'AllocatedMb', 'Gen0', 'Gen1', 'Gen2', 'Gen0BudgetMb', 'HeapMb', 'CommittedMb', 'LiveMb') {
            $figures[$name] = (Get-Summary ([double[]] @($RunSet | ForEach-Object { $_.$name }))).Median
        }
        [pscustomobject] $figures
    }
    $series = [ordered]@{}
    foreach ($kind in 'Default', 'Fixed') {
        $series[$kind] = @{ Peak = @(); Base = @(); Growth = @(); Seconds = @(); BigRuns = @(); BaseRuns = @() }
    }
    foreach ($i in 1..$Runs) {
        # The two budgets alternate, so load from other work on the machine hits both alike.
        foreach ($kind in 'Default', 'Fixed') {
            $size = if ($kind -eq 'Fixed') { $FixedGen0Size } else { $null }
            $s = $series[$kind]
            $b = Measure-Peak $small $BaseVms $size
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $p = Measure-Peak $big $Vms $size
            $s.Seconds += $watch.Elapsed.TotalSeconds
            $s.Base += $b.PeakMb; $s.Peak += $p.PeakMb; $s.Growth += $p.PeakMb - $b.PeakMb
            $s.BigRuns += $p; $s.BaseRuns += $b
        }
    }
    $d = $series.Default; $f = $series.Fixed
    [pscustomobject]@{
        Id      = 'B4'
        Vms     = $Vms
        BaseVms = $BaseVms
        Peak    = Get-Summary $d.Peak
        Base    = Get-Summary $d.Base
        Growth  = Get-Summary $d.Growth
        Seconds = Get-Summary $d.Seconds
        # What the garbage collector saw in the big and the base run (medians).
        Gc      = [pscustomobject]@{ Big = & $gc $d.BigRuns; Base = & $gc $d.BaseRuns }
        # The same with the gen0 budget fixed.
        Fixed   = [pscustomobject]@{
            Gen0Size = $FixedGen0Size
            Peak     = Get-Summary $f.Peak
            Base     = Get-Summary $f.Base
            Growth   = Get-Summary $f.Growth
            Seconds  = Get-Summary $f.Seconds
            Gc       = [pscustomobject]@{ Big = & $gc $f.BigRuns; Base = & $gc $f.BaseRuns }
        }
    } | ConvertTo-Json -Depth 5 | Set-Content -Path $ResultFile -Encoding utf8
}
finally {
    $big, $small | Stop-TestSimulator
}
