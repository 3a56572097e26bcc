<#
.SYNOPSIS
    B4: memory while streaming. A fresh pwsh imports the module, connects and runs
    'Get-HvDomain | Measure-Object', then reports its own peak working set; a listing of many
    instances against one of few. The simulators run in their own processes.
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
        "`$p = [System.Diagnostics.Process]::GetCurrentProcess(); `$p.Refresh(); '{0} {1}' -f `$m.Count, `$p.PeakWorkingSet64"
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
    if ($p.ExitCode -ne 0 -or $out -notmatch '(\d+) (\d+)') { throw "A B4 run failed (exit code $($p.ExitCode)): $out $($errTask.Result)" }
    $p.Dispose()
    if ([int] $Matches[1] -ne $Expected) { throw "Measure-Object counted $($Matches[1]) domains, expected $Expected." }
    [double] $Matches[2] / 1MB
}

$big = Start-BenchSimulator -SimulatorPath $SimulatorPath -Vms $Vms -StartTimeoutSec 300
$small = Start-BenchSimulator -SimulatorPath $SimulatorPath -Vms $BaseVms
try {
    $peak = @(); $base = @(); $growth = @(); $seconds = @()
    foreach ($i in 1..$Runs) {
        $b = Measure-Peak $small $BaseVms
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $p = Measure-Peak $big $Vms
        $seconds += $watch.Elapsed.TotalSeconds
        $base += $b; $peak += $p; $growth += $p - $b
    }
    [pscustomobject]@{
        Id      = 'B4'
        Vms     = $Vms
        BaseVms = $BaseVms
        Peak    = Get-Summary $peak
        Base    = Get-Summary $base
        Growth  = Get-Summary $growth
        Seconds = Get-Summary $seconds
    } | ConvertTo-Json -Depth 4 | Set-Content -Path $ResultFile -Encoding utf8
}
finally {
    $big, $small | Stop-TestSimulator
}
