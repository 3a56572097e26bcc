<#
.SYNOPSIS
    B7: Connect-HvLibvirt on a host as Windows ships it (HTTP, Negotiate, message encryption; NTLM here),
    fresh connects in this one warm pwsh, Disconnect between: with -Authentication Default and with
    -Authentication Ntlm, alternating. Counts each connect's round trips from the simulator's counters
    (bare POSTs, handshake legs, sealed WS-Man operations), times it, and then lists the host twice on the
    new connection, to see whether the first listing (its Pull sent ahead) opens another authenticated
    connection that later ones do not.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $BenchAssembly,
    [Parameter(Mandatory)] [string] $SimulatorPath,
    [Parameter(Mandatory)] [string] $ResultFile,
    # More than one page (MaxElements 500), so a listing sends Pulls.
    [int] $Vms = 1024,
    [int] $Runs = 21,
    [int] $WarmUp = 5
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
Import-Module $ModuleManifest
Import-BenchAssembly $BenchAssembly

# NTLM's handshake is two legs (MS-NLMP 1.3.1.1: NEGOTIATE, then CHALLENGE answered by AUTHENTICATE).
$legsPerLogon = 2

$loadAtStart = Get-LoadAverage
$sim = Start-BenchSimulator -SimulatorPath $SimulatorPath -Vms $Vms -ExtraArguments '--as-shipped'
try {
    $uri = Get-SimulatorUri $sim
    $endpoint = $sim.HttpUri
    $kinds = [ordered]@{ Default = @{}; Ntlm = @{ Authentication = 'Ntlm' } }

    function Measure-Connect([string] $Kind) {
        $parameters = $kinds[$Kind]
        $c0 = Get-SimulatorCounters $endpoint
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $connection = Connect-HvLibvirt $uri -Credential $sim.Credential -NotDefault @parameters
        $connectMs = $watch.Elapsed.TotalMilliseconds
        $c1 = Get-SimulatorCounters $endpoint
        try {
            if ($connection.Authentication -ne 'NTLM' -or -not $connection.MessageEncrypted) {
                throw "Expected NTLM with message encryption, got $($connection.Authentication)."
            }
            $atConnect = [HyperVLibvirt.Bench.SessionCounters]::AuthenticatedConnections($connection)
            $firstMs = Measure-Milliseconds { $null = Get-HvDomain -Connection $connection }
            $c2 = Get-SimulatorCounters $endpoint
            $afterFirst = [HyperVLibvirt.Bench.SessionCounters]::AuthenticatedConnections($connection)
            $secondMs = Measure-Milliseconds { $null = Get-HvDomain -Connection $connection }
            $c3 = Get-SimulatorCounters $endpoint
            $afterSecond = [HyperVLibvirt.Bench.SessionCounters]::AuthenticatedConnections($connection)
        }
        finally { $connection | Disconnect-HvLibvirt }
        $connect = Get-CounterDelta $c0 $c1
        $first = Get-CounterDelta $c1 $c2
        $second = Get-CounterDelta $c2 $c3
        $legs = $legsPerLogon * $connect.Logons
        [pscustomobject]@{
            Kind            = $Kind
            ConnectMs       = $connectMs
            Requests        = $connect.Requests
            # Sealed requests are WS-Man operations; the rest are handshake legs and bare POSTs (Default's scheme probe).
            Operations      = $connect.Encrypted
            Logons          = $connect.Logons
            Legs            = $legs
            Bare            = $connect.Requests - $connect.Encrypted - $legs
            ClientAtConnect = $atConnect
            FirstMs         = $firstMs
            FirstRequests   = $first.Requests
            FirstLogons     = $first.Logons
            FirstOpened     = $afterFirst - $atConnect
            SecondMs        = $secondMs
            SecondRequests  = $second.Requests
            SecondLogons    = $second.Logons
            SecondOpened    = $afterSecond - $afterFirst
        }
    }

    foreach ($i in 1..$WarmUp) { foreach ($k in $kinds.Keys) { $null = Measure-Connect $k } }
    $runsDone = @(foreach ($i in 1..$Runs) { foreach ($k in $kinds.Keys) { Measure-Connect $k } })

    $summary = [ordered]@{
        Id = 'B7'; Vms = $Vms; Runs = $Runs; WarmUp = $WarmUp; LegsPerLogon = $legsPerLogon
        Load = [pscustomobject]@{ Start = $loadAtStart; End = Get-LoadAverage }
    }
    foreach ($k in $kinds.Keys) {
        $mine = @($runsDone | Where-Object Kind -eq $k)
        $series = { param($Name) [double[]] @($mine | ForEach-Object { $_.$Name }) }
        $summary[$k] = [pscustomobject]@{
            Connect  = Get-Summary (& $series ConnectMs)
            # Counts are the same in every run unless something retried: median, with min and max beside it.
            Requests   = Get-Summary (& $series Requests)
            Operations = Get-Summary (& $series Operations)
            Logons     = Get-Summary (& $series Logons)
            Legs       = Get-Summary (& $series Legs)
            Bare       = Get-Summary (& $series Bare)
            ClientAtConnect = Get-Summary (& $series ClientAtConnect)
            First    = [pscustomobject]@{
                Ms = Get-Summary (& $series FirstMs); Requests = Get-Summary (& $series FirstRequests)
                Logons = Get-Summary (& $series FirstLogons); Opened = Get-Summary (& $series FirstOpened)
            }
            Second   = [pscustomobject]@{
                Ms = Get-Summary (& $series SecondMs); Requests = Get-Summary (& $series SecondRequests)
                Logons = Get-Summary (& $series SecondLogons); Opened = Get-Summary (& $series SecondOpened)
            }
        }
    }
    [pscustomobject] $summary | ConvertTo-Json -Depth 5 | Set-Content -Path $ResultFile -Encoding utf8
}
finally {
    $sim | Stop-TestSimulator
}
