<#
.SYNOPSIS
    B1: Get-HvDomain on one host with many VMs (warm connection, in this process) against the
    floor: the same WS-Man requests over a keep-alive connection, bytes drained unparsed.
    Ours, Core-only and floor runs alternate, so machine noise hits all three alike. The warm-up
    runs until ours is steady at its best (Invoke-SteadyWarmUp, bounded by WarmUpMax); its first
    iterations are reported too, as the cold (ReadyToRun, not yet tiered) figures.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $BenchAssembly,
    [Parameter(Mandatory)] [string] $SimulatorPath,
    [Parameter(Mandatory)] [string] $ResultFile,
    [int] $Vms = 1024,
    [int] $Runs = 15,
    # Past the instrumented phase, which in this pwsh lasts 100 iterations and more (bench/README.md, 'Method').
    [int] $WarmUpMin = 150,
    [int] $WarmUpMax = 400,
    [double] $WarmUpTolerance = 0.15
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
Import-Module $ModuleManifest
Import-BenchAssembly $BenchAssembly

$sim = Start-BenchSimulator -SimulatorPath $SimulatorPath -Vms $Vms
try {
    $connection = Connect-HvLibvirt (Get-SimulatorUri $sim) -Credential $sim.Credential
    $floor = [HyperVLibvirt.Bench.FloorClient]::new($sim.HttpUri, $sim.UserName, $sim.Password,
        [HyperVLibvirt.Core.WsMan.WsManResourceUris]::NamespaceWildcard($connection.Namespace), [HyperVLibvirt.Bench.CoreListing]::AllDomainsWql)
    $endpoint = @($sim.HttpUri)
    $ours = { $null = Get-HvDomain -Connection $connection }
    $core = { $null = [HyperVLibvirt.Bench.CoreListing]::CountDomains($connection) }
    $floorRun = { $null = $floor.Run() }
    # One iteration: ours, Core-only and floor in turn, with the simulator's serving time around each.
    # The warm-up runs the same iteration, so the first one holds the process's first listing.
    $iteration = {
        $s0 = Get-ServingMs $endpoint
        $oursMs = Measure-Milliseconds $ours
        $s1 = Get-ServingMs $endpoint
        $coreMs = Measure-Milliseconds $core
        $s2 = Get-ServingMs $endpoint
        $floorMs = Measure-Milliseconds $floorRun
        $s3 = Get-ServingMs $endpoint
        [pscustomobject]@{ Ours = $oursMs; Core = $coreMs; Floor = $floorMs; OursServe = $s1 - $s0; FloorServe = $s3 - $s2 }
    }

    $warm = Invoke-SteadyWarmUp -Iteration $iteration -Measure Ours -Min $WarmUpMin -Max $WarmUpMax -Tolerance $WarmUpTolerance
    $count = @(Get-HvDomain -Connection $connection).Count
    if ($count -ne $Vms) { throw "Get-HvDomain returned $count domains, expected $Vms." }

    $runsDone = @(foreach ($i in 1..$Runs) { & $iteration })
    $series = { param($Name) [double[]] @($runsDone | ForEach-Object { $_.$Name }) }
    [pscustomobject]@{
        Id         = 'B1'
        Vms        = $Vms
        Requests   = $floor.Requests
        Bytes      = $floor.Bytes
        Ours       = Get-Summary (& $series Ours)
        Core       = Get-Summary (& $series Core)
        Floor      = Get-Summary (& $series Floor)
        OursServe  = Get-Summary (& $series OursServe)
        FloorServe = Get-Summary (& $series FloorServe)
        # The warm-up: how many iterations until steady (or the cap), and what the first ones took.
        WarmUp     = ConvertTo-WarmUpRecord -WarmUp $warm -Max $WarmUpMax -Series Ours, Floor
        First      = [pscustomobject]@{
            Ours  = Get-EarlySummary $warm Ours
            Core  = Get-EarlySummary $warm Core
            Floor = Get-EarlySummary $warm Floor
        }
    } | ConvertTo-Json -Depth 5 | Set-Content -Path $ResultFile -Encoding utf8
    $floor.Dispose()
}
finally {
    $sim | Stop-TestSimulator
}
