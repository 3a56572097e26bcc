<#
.SYNOPSIS
    B10: Checkpoint-HvDomain on every domain of a host (the stock inventory; CreateSnapshot jobs take the simulator's
    JobMs) against one domain, warm connection, in this process: times, and the requests each sends (the simulator's
    counters). Between runs the snapshots taken are removed, untimed.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $SimulatorPath,
    [Parameter(Mandatory)] [string] $ResultFile,
    [int] $Vms = 8,
    [int] $JobMs = 500,
    [int] $Runs = 5,
    [int] $WarmUp = 1
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
Import-Module $ModuleManifest

$sim = Start-BenchSimulator -SimulatorPath $SimulatorPath -Vms $Vms -ExtraArguments @('--job-ms', "$JobMs")
try {
    $connection = Connect-HvLibvirt (Get-SimulatorUri $sim) -Credential $sim.Credential
    $endpoint = $sim.HttpUri
    $all = @(Get-HvDomain -Connection $connection)
    $one = @($all | Select-Object -First 1)
    function Remove-BenchSnapshots {
        Get-HvDomainSnapshot -Connection $connection -DomainName * | Where-Object Name -eq 'bench' |
            Remove-HvDomainSnapshot -Confirm:$false
    }
    function Measure-Checkpoint([object[]] $Domain) {
        Remove-BenchSnapshots
        $before = Get-SimulatorCounters $endpoint
        $ms = Measure-Milliseconds { $Domain | Checkpoint-HvDomain -SnapshotName bench -Confirm:$false }
        $requests = (Get-CounterDelta $before (Get-SimulatorCounters $endpoint)).Requests
        $taken = @(Get-HvDomainSnapshot -Connection $connection -DomainName * | Where-Object Name -eq 'bench').Count
        if ($taken -ne $Domain.Count) { throw "Checkpoint-HvDomain took $taken snapshots of $($Domain.Count) domains." }
        [pscustomobject]@{ Ms = $ms; Requests = $requests }
    }

    $loadStart = Get-LoadAverage
    foreach ($i in 1..$WarmUp) { $null = Measure-Checkpoint $all; $null = Measure-Checkpoint $one }
    $many = @(); $single = @()
    foreach ($i in 1..$Runs) {
        $many += Measure-Checkpoint $all
        $single += Measure-Checkpoint $one
    }
    Remove-BenchSnapshots
    $connection | Disconnect-HvLibvirt
    [pscustomobject]@{
        Id          = 'B10'
        Domains     = $all.Count
        JobMs       = $JobMs
        WarmUp      = $WarmUp
        Many        = Get-Summary ([double[]] $many.Ms)
        One         = Get-Summary ([double[]] $single.Ms)
        Requests    = Get-Summary ([double[]] $many.Requests)
        OneRequests = Get-Summary ([double[]] $single.Requests)
        Load        = [pscustomobject]@{ Start = $loadStart; End = Get-LoadAverage }
    } | ConvertTo-Json -Depth 4 | Set-Content -Path $ResultFile -Encoding utf8
}
finally {
    $sim | Stop-TestSimulator
}
