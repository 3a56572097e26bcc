<#
.SYNOPSIS
    B8: Get-HvDomainXml for every domain of a host with many VMs (warm connection, in this process): the
    requests it sends (from the simulator's counters) and its time, beside a plain Get-HvDomain listing of
    the same host. libvirt's domainGetXMLDesc asks eight or more questions per domain; the goal is a fixed
    handful for the whole host.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $SimulatorPath,
    [Parameter(Mandatory)] [string] $ResultFile,
    [int] $Vms = 1024,
    [int] $Runs = 7,
    [int] $WarmUp = 3
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
Import-Module $ModuleManifest

$sim = Start-BenchSimulator -SimulatorPath $SimulatorPath -Vms $Vms
try {
    $connection = Connect-HvLibvirt (Get-SimulatorUri $sim) -Credential $sim.Credential
    $endpoint = $sim.HttpUri
    $count = 0
    $xml = { $script:count = @(Get-HvDomainXml -Connection $connection).Count }
    $listing = { $null = Get-HvDomain -Connection $connection }
    foreach ($i in 1..$WarmUp) { & $xml; & $listing }
    if ($count -ne $Vms) { throw "Get-HvDomainXml wrote $count documents, expected $Vms." }
    $xmlMs = @(); $listingMs = @(); $requests = @(); $servingMs = @()
    foreach ($i in 1..$Runs) {
        $before = Get-SimulatorCounters $endpoint
        $xmlMs += Measure-Milliseconds $xml
        $delta = Get-CounterDelta $before (Get-SimulatorCounters $endpoint)
        $requests += $delta.Requests
        $servingMs += $delta.ServingMs
        $listingMs += Measure-Milliseconds $listing
    }
    $connection | Disconnect-HvLibvirt
    $result = [pscustomobject]@{
        Id        = 'B8'
        Vms       = $Vms
        WarmUp    = $WarmUp
        Xml       = Get-Summary $xmlMs
        Listing   = Get-Summary $listingMs
        Requests  = Get-Summary $requests
        ServingMs = Get-Summary $servingMs
    }
    $result | ConvertTo-Json -Depth 4 | Set-Content -Path $ResultFile -Encoding utf8
}
finally {
    $sim | Stop-TestSimulator
}
