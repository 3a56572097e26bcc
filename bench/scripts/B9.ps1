<#
.SYNOPSIS
    B9: Get-VM's columns for a whole host: Get-HvDomain -Summary on many VMs (warm connection, in this
    process) against the plain listing, with each one's requests from the simulator's counters. The
    summary adds one GetSummaryInformation call per 100 VMs to the listing. Plain and summary runs
    alternate, so machine noise hits both alike.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $SimulatorPath,
    [Parameter(Mandatory)] [string] $ResultFile,
    [int] $Vms = 1024,
    [int] $Runs = 21,
    [int] $WarmUp = 20
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
Import-Module $ModuleManifest

$sim = Start-BenchSimulator -SimulatorPath $SimulatorPath -Vms $Vms
try {
    $connection = Connect-HvLibvirt (Get-SimulatorUri $sim) -Credential $sim.Credential
    $endpoint = $sim.HttpUri
    $plain = { $null = Get-HvDomain -Connection $connection }
    $summary = { $null = Get-HvDomain -Connection $connection -Summary }

    # What one run of each sends, and that every domain gets its columns.
    $summarized = @(Get-HvDomain -Connection $connection -Summary)
    if ($summarized.Count -ne $Vms) { throw "Get-HvDomain -Summary returned $($summarized.Count) domains, expected $Vms." }
    $missing = @($summarized | Where-Object { $null -eq $_.GetSummary() }).Count
    if ($missing) { throw "$missing domains came back without Get-VM's columns." }
    $invokes = @(Get-HvDomain -Connection $connection -Summary -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'WS-Man GetSummaryInformation *' }).Count

    $loadStart = Get-LoadAverage
    foreach ($i in 1..$WarmUp) { $null = Measure-Milliseconds $plain; $null = Measure-Milliseconds $summary }
    # Each run's requests and serving time from the simulator's counters, read around it.
    $plainMs = @(); $summaryMs = @(); $plainServe = @(); $summaryServe = @(); $plainRequests = @(); $summaryRequests = @()
    foreach ($i in 1..$Runs) {
        $c0 = Get-SimulatorCounters $endpoint
        $plainMs += Measure-Milliseconds $plain
        $c1 = Get-SimulatorCounters $endpoint
        $summaryMs += Measure-Milliseconds $summary
        $c2 = Get-SimulatorCounters $endpoint
        $p = Get-CounterDelta $c0 $c1
        $s = Get-CounterDelta $c1 $c2
        $plainServe += $p.ServingMs; $plainRequests += $p.Requests
        $summaryServe += $s.ServingMs; $summaryRequests += $s.Requests
    }
    $connection | Disconnect-HvLibvirt
    [pscustomobject]@{
        Id              = 'B9'
        Vms             = $Vms
        Runs            = $Runs
        WarmUp          = $WarmUp
        PlainRequests   = (Get-Summary $plainRequests).Median
        SummaryRequests = (Get-Summary $summaryRequests).Median
        SummaryRequestsMax = (Get-Summary $summaryRequests).Max
        Invokes         = $invokes
        Plain           = Get-Summary $plainMs
        Summary         = Get-Summary $summaryMs
        PlainServe      = Get-Summary $plainServe
        SummaryServe    = Get-Summary $summaryServe
        Load            = [pscustomobject]@{ Start = $loadStart; End = Get-LoadAverage }
    } | ConvertTo-Json -Depth 4 | Set-Content -Path $ResultFile -Encoding utf8
}
finally {
    $sim | Stop-TestSimulator
}
