<#
.SYNOPSIS
    B3: a fleet. Many simulated hosts (one process, each its own loopback port and added
    latency); Get-HvDomain over all of them against the same over one of them. Fleet and one-host
    runs alternate; the warm-up runs both until the fleet listing is steady at its best
    (Invoke-SteadyWarmUp), and its first iterations are reported as the cold figures.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $BenchAssembly,
    [Parameter(Mandatory)] [string] $ResultFile,
    [int] $Hosts = 50,
    [int] $Vms = 200,
    [int] $LatencyMs = 20,
    [int] $Runs = 9,
    # A fleet iteration runs the module's code for every host, so it tiers up in fewer iterations than B1.
    [int] $WarmUpMin = 40,
    [int] $WarmUpMax = 150,
    # Wider than B1's: the fleet listing shares the 2 cores with 50 simulators, and its
    # per-iteration spread at steady state is about ±30 %.
    [double] $WarmUpTolerance = 0.25
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
Import-Module $ModuleManifest
Import-BenchAssembly $BenchAssembly

$fleet = Start-BenchFleet -BenchAssembly $BenchAssembly -Hosts $Hosts -Vms $Vms -LatencyMs $LatencyMs
try {
    $all = @($fleet.Uris | Connect-HvLibvirt -Credential $fleet.Credential -NotDefault)
    if ($all.Count -ne $Hosts) { throw "Connected to $($all.Count) of $Hosts hosts." }
    $one = @($all[0])
    $iteration = {
        $s0 = Get-ServingMs $fleet.Endpoints
        $fleetRunMs = Measure-Milliseconds { $null = Get-HvDomain -Connection $all }
        $s1 = Get-ServingMs $fleet.Endpoints
        $oneRunMs = Measure-Milliseconds { $null = Get-HvDomain -Connection $one }
        [pscustomobject]@{ Fleet = $fleetRunMs; One = $oneRunMs; FleetServe = $s1 - $s0 }
    }

    $warm = Invoke-SteadyWarmUp -Iteration $iteration -Measure Fleet -Min $WarmUpMin -Max $WarmUpMax -Tolerance $WarmUpTolerance
    $count = @(Get-HvDomain -Connection $all).Count
    if ($count -ne $Hosts * $Vms) { throw "Get-HvDomain returned $count domains, expected $($Hosts * $Vms)." }

    $runsDone = @(foreach ($i in 1..$Runs) { & $iteration })
    $series = { param($Name) [double[]] @($runsDone | ForEach-Object { $_.$Name }) }
    $all | Disconnect-HvLibvirt
    [pscustomobject]@{
        Id         = 'B3'
        Hosts      = $Hosts
        Vms        = $Vms
        LatencyMs  = $LatencyMs
        Fleet      = Get-Summary (& $series Fleet)
        One        = Get-Summary (& $series One)
        # Summed over hosts: serving overlaps, so this is work, not wall time; it includes the added latency.
        FleetServe = Get-Summary (& $series FleetServe)
        WarmUp     = ConvertTo-WarmUpRecord -WarmUp $warm -Max $WarmUpMax -Series Fleet, One
        First      = [pscustomobject]@{
            Fleet = Get-EarlySummary $warm Fleet
            One   = Get-EarlySummary $warm One
        }
    } | ConvertTo-Json -Depth 5 | Set-Content -Path $ResultFile -Encoding utf8
}
finally {
    $fleet | Stop-BenchFleet
}
