<#
.SYNOPSIS
    B3: a fleet. Many simulated hosts (one process, each its own loopback port and added
    latency); Get-HvDomain over all of them against the same over one of them.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $BenchAssembly,
    [Parameter(Mandatory)] [string] $ResultFile,
    [int] $Hosts = 50,
    [int] $Vms = 200,
    [int] $LatencyMs = 20,
    [int] $Runs = 9,
    [int] $WarmUp = 3
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
Import-Module $ModuleManifest

$fleet = Start-BenchFleet -BenchAssembly $BenchAssembly -Hosts $Hosts -Vms $Vms -LatencyMs $LatencyMs
try {
    $all = @($fleet.Uris | Connect-HvLibvirt -Credential $fleet.Credential -NotDefault)
    if ($all.Count -ne $Hosts) { throw "Connected to $($all.Count) of $Hosts hosts." }
    $one = @($all[0])
    $count = @(Get-HvDomain -Connection $all).Count
    if ($count -ne $Hosts * $Vms) { throw "Get-HvDomain returned $count domains, expected $($Hosts * $Vms)." }
    foreach ($i in 1..$WarmUp) { $null = Get-HvDomain -Connection $all; $null = Get-HvDomain -Connection $one }

    $fleetMs = @(); $oneMs = @(); $fleetServe = @()
    foreach ($i in 1..$Runs) {
        $s0 = Get-ServingMs $fleet.Endpoints
        $fleetMs += Measure-Milliseconds { $null = Get-HvDomain -Connection $all }
        $s1 = Get-ServingMs $fleet.Endpoints
        $oneMs += Measure-Milliseconds { $null = Get-HvDomain -Connection $one }
        $fleetServe += $s1 - $s0
    }
    $all | Disconnect-HvLibvirt
    [pscustomobject]@{
        Id         = 'B3'
        Hosts      = $Hosts
        Vms        = $Vms
        LatencyMs  = $LatencyMs
        Fleet      = Get-Summary $fleetMs
        One        = Get-Summary $oneMs
        # Summed over hosts: serving overlaps, so this is work, not wall time; it includes the added latency.
        FleetServe = Get-Summary $fleetServe
    } | ConvertTo-Json -Depth 4 | Set-Content -Path $ResultFile -Encoding utf8
}
finally {
    $fleet | Stop-BenchFleet
}
