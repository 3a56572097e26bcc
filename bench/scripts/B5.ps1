<#
.SYNOPSIS
    B5: Start-HvDomain on many domains across several hosts (state-change jobs take JobMs each)
    against one domain. Between runs the domains are turned off again, untimed.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $BenchAssembly,
    [Parameter(Mandatory)] [string] $ResultFile,
    [int] $Hosts = 4,
    [int] $Domains = 200,
    [int] $JobMs = 200,
    [int] $Runs = 7,
    [int] $WarmUp = 1
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
Import-Module $ModuleManifest

$perHost = [int] [math]::Ceiling($Domains / $Hosts)
# Every domain starts off, so each run changes every one of them.
$inventory = New-TestInventory -Vms @(foreach ($i in 1..($perHost + 1)) { @{ name = 'bench-{0:D3}' -f $i; state = 'off' } })
$fleet = Start-BenchFleet -BenchAssembly $BenchAssembly -Hosts $Hosts -Vms ($perHost + 1) -JobMs $JobMs -InventoryPath $inventory
try {
    $all = @($fleet.Uris | Connect-HvLibvirt -Credential $fleet.Credential -NotDefault)
    $many = @(foreach ($c in $all) { Get-HvDomain -Connection $c | Select-Object -First $perHost }) | Select-Object -First $Domains
    if ($many.Count -ne $Domains) { throw "Found $($many.Count) domains, expected $Domains." }
    # The single domain is on the first host but not among the many, so each run starts from 'off'.
    $one = @(Get-HvDomain -Connection $all[0] | Select-Object -Last 1)
    $targets = @($many) + @($one)

    $targetIds = [System.Collections.Generic.HashSet[string]]::new([string[]] @($targets | ForEach-Object { "$($_.ConnectionId)/$($_.Uuid)" }))
    function Get-ActiveTargets {
        # One listing per host, filtered to the benchmark's domains.
        @(Get-HvDomain -Connection $all -Active | Where-Object { $targetIds.Contains("$($_.ConnectionId)/$($_.Uuid)") })
    }
    function Reset-Domains {
        $running = Get-ActiveTargets
        if ($running) { $running | Stop-HvDomain -TurnOff -Confirm:$false }
        $still = Get-ActiveTargets
        if ($still) { throw "$($still.Count) domains are still active after Stop-HvDomain -TurnOff." }
    }
    function Measure-Start([object[]] $Domain) {
        Reset-Domains
        $ms = Measure-Milliseconds { $Domain | Start-HvDomain }
        $started = (Get-ActiveTargets).Count
        if ($started -ne $Domain.Count) { throw "Only $started of $($Domain.Count) domains were running after Start-HvDomain." }
        $ms
    }

    foreach ($i in 1..$WarmUp) { $null = Measure-Start $many; $null = Measure-Start $one }
    $manyMs = @(); $oneMs = @()
    foreach ($i in 1..$Runs) {
        $manyMs += Measure-Start $many
        $oneMs += Measure-Start $one
    }
    $all | Disconnect-HvLibvirt
    [pscustomobject]@{
        Id      = 'B5'
        Hosts   = $Hosts
        Domains = $Domains
        JobMs   = $JobMs
        Many    = Get-Summary $manyMs
        One     = Get-Summary $oneMs
    } | ConvertTo-Json -Depth 4 | Set-Content -Path $ResultFile -Encoding utf8
}
finally {
    $fleet | Stop-BenchFleet
    Remove-Item $inventory -Force -ErrorAction SilentlyContinue
}
