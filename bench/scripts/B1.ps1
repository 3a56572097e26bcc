<#
.SYNOPSIS
    B1: Get-HvDomain on one host with many VMs (warm connection, in this process) against the
    floor: the same WS-Man requests over a keep-alive connection, bytes drained unparsed.
    Ours, Core-only and floor runs alternate, so machine noise hits all three alike.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $BenchAssembly,
    [Parameter(Mandatory)] [string] $SimulatorPath,
    [Parameter(Mandatory)] [string] $ResultFile,
    [int] $Vms = 1024,
    [int] $Runs = 15,
    [int] $WarmUp = 5
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

    $count = @(Get-HvDomain -Connection $connection).Count
    if ($count -ne $Vms) { throw "Get-HvDomain returned $count domains, expected $Vms." }
    foreach ($i in 1..$WarmUp) { & $ours; & $core; & $floorRun }

    $samples = @{ ours = @(); core = @(); floor = @(); oursServe = @(); floorServe = @() }
    foreach ($i in 1..$Runs) {
        $s0 = Get-ServingMs $endpoint
        $samples.ours += Measure-Milliseconds $ours
        $s1 = Get-ServingMs $endpoint
        $samples.core += Measure-Milliseconds $core
        $s2 = Get-ServingMs $endpoint
        $samples.floor += Measure-Milliseconds $floorRun
        $s3 = Get-ServingMs $endpoint
        $samples.oursServe += $s1 - $s0
        $samples.floorServe += $s3 - $s2
    }
    [pscustomobject]@{
        Id         = 'B1'
        Vms        = $Vms
        Requests   = $floor.Requests
        Bytes      = $floor.Bytes
        Ours       = Get-Summary $samples.ours
        Core       = Get-Summary $samples.core
        Floor      = Get-Summary $samples.floor
        OursServe  = Get-Summary $samples.oursServe
        FloorServe = Get-Summary $samples.floorServe
    } | ConvertTo-Json -Depth 4 | Set-Content -Path $ResultFile -Encoding utf8
    $floor.Dispose()
}
finally {
    $sim | Stop-TestSimulator
}
