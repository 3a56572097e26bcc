<#
.SYNOPSIS
    B2: cold start. A fresh pwsh that imports the module, connects and runs Get-HvVersion, as a
    whole process, minus a fresh pwsh that only exits. The two kinds of run alternate.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $SimulatorPath,
    [Parameter(Mandatory)] [string] $ResultFile,
    [int] $Runs = 9,
    [int] $WarmUp = 2
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')

# The same pwsh that runs this script, started the way 'dotnet pwsh' starts it.
$pwshDll = Join-Path $PSHOME 'pwsh.dll'
$sim = Start-BenchSimulator -SimulatorPath $SimulatorPath -Vms 8
try {
    $uri = Get-SimulatorUri $sim
    # The password reaches the child through its environment, never its command line.
    $work = "Import-Module '$ModuleManifest'; " +
        "`$c = [pscredential]::new('admin', (ConvertTo-SecureString `$env:HVBENCH_PASSWORD -AsPlainText -Force)); " +
        "`$null = Connect-HvLibvirt '$uri' -Credential `$c; `$v = Get-HvVersion; if (-not `$v) { exit 3 }"

    function Invoke-Pwsh([string] $Command) {
        $info = [System.Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        foreach ($a in @($pwshDll, '-NoProfile', '-NonInteractive', '-Command', $Command)) { $info.ArgumentList.Add($a) }
        $info.UseShellExecute = $false
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $info.Environment['HVBENCH_PASSWORD'] = $sim.Password
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $p = [System.Diagnostics.Process]::Start($info)
        $errTask = $p.StandardError.ReadToEndAsync()
        $null = $p.StandardOutput.ReadToEnd()
        if (-not $p.WaitForExit(120000)) { $p.Kill($true); throw 'A cold-start run did not finish within 120 s.' }
        $watch.Stop()
        if ($p.ExitCode -ne 0) { throw "A cold-start run failed (exit code $($p.ExitCode)): $($errTask.Result)" }
        $p.Dispose()
        $watch.Elapsed.TotalMilliseconds
    }

    foreach ($i in 1..$WarmUp) { $null = Invoke-Pwsh 'exit'; $null = Invoke-Pwsh $work }
    $cold = @(); $bare = @(); $added = @()
    foreach ($i in 1..$Runs) {
        $b = Invoke-Pwsh 'exit'
        $c = Invoke-Pwsh $work
        $bare += $b; $cold += $c; $added += $c - $b
    }
    [pscustomobject]@{
        Id    = 'B2'
        Cold  = Get-Summary $cold
        Bare  = Get-Summary $bare
        # Each pair ran back to back, so their difference sees the same machine load.
        Added = Get-Summary $added
    } | ConvertTo-Json -Depth 4 | Set-Content -Path $ResultFile -Encoding utf8
}
finally {
    $sim | Stop-TestSimulator
}
