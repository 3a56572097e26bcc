<#
.SYNOPSIS
    B2: cold start. A fresh pwsh that imports the module, connects and runs Get-HvVersion, as a
    whole process, minus a fresh pwsh that only exits; and the same minus a fresh pwsh that only builds the
    credential (the module's share). The three kinds of run alternate.
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
    $credential = "`$c = [pscredential]::new('admin', (ConvertTo-SecureString `$env:HVBENCH_PASSWORD -AsPlainText -Force)); "
    $work = "Import-Module '$ModuleManifest'; " + $credential +
        "`$null = Connect-HvLibvirt '$uri' -Credential `$c; `$v = Get-HvVersion; if (-not `$v) { exit 3 }"
    # The credential alone: ConvertTo-SecureString loads Microsoft.PowerShell.Security on first use, which is
    # PowerShell's cost, not the module's. Subtracting this run instead of the bare one leaves the module's share.
    $fixture = $credential + 'if (-not $c) { exit 3 }'

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

    foreach ($i in 1..$WarmUp) { $null = Invoke-Pwsh 'exit'; $null = Invoke-Pwsh $fixture; $null = Invoke-Pwsh $work }
    $cold = @(); $bare = @(); $added = @(); $credentialOnly = @(); $module = @()
    foreach ($i in 1..$Runs) {
        $b = Invoke-Pwsh 'exit'
        $f = Invoke-Pwsh $fixture
        $c = Invoke-Pwsh $work
        $bare += $b; $credentialOnly += $f; $cold += $c; $added += $c - $b; $module += $c - $f
    }
    [pscustomobject]@{
        Id         = 'B2'
        Cold       = Get-Summary $cold
        Bare       = Get-Summary $bare
        # Each triple ran back to back, so their differences see the same machine load.
        Added      = Get-Summary $added
        # The same runs against the credential alone instead of a bare pwsh: the module's share.
        Credential = Get-Summary $credentialOnly
        Module     = Get-Summary $module
    } | ConvertTo-Json -Depth 4 | Set-Content -Path $ResultFile -Encoding utf8
}
finally {
    $sim | Stop-TestSimulator
}
