<#
.SYNOPSIS
    B6: Get-HvDomain on one host with many VMs (warm connections, in this process) over NTLM with WinRM
    message encryption (HTTP, a host as Windows ships it, -Authentication Default) against the same
    listing over Basic on HTTP (a host with Basic and unencrypted HTTP allowed, Negotiate off).
    NTLM, Basic and both through Core alone alternate; the warm-up runs until the NTLM listing is steady at
    its best (Invoke-SteadyWarmUp). Beside the times: each listing's requests, sealed operations and
    handshakes from the simulators' counters, the client's own count of authenticated connections, and
    what sealing costs the client (HyperVLibvirt.Bench seal, in its own process).
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $BenchAssembly,
    [Parameter(Mandatory)] [string] $SimulatorPath,
    [Parameter(Mandatory)] [string] $ResultFile,
    [int] $Vms = 1024,
    [int] $Runs = 21,
    # As B1: past the runtime's instrumented phase (bench/README.md, 'Method').
    [int] $WarmUpMin = 150,
    [int] $WarmUpMax = 400,
    [double] $WarmUpTolerance = 0.15,
    # Listings' worth of sealing timed by the helper (the first half warms it up).
    [int] $SealRuns = 400
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
Import-Module $ModuleManifest
Import-BenchAssembly $BenchAssembly

function Invoke-SealingCost {
    # The helper's in-process NTLM acceptor is gss-ntlmssp, which reads its accounts from the file NTLM_USER_FILE
    # names when the process starts. A throwaway account in a private file, deleted once the helper is done.
    param([int[]] $PageBytes, [switch] $ManagedClient)
    $password = New-TestPassword
    $file = Join-Path ([IO.Path]::GetTempPath()) ('hvbench-ntlm-' + [guid]::NewGuid().ToString('n') + '.users')
    $options = [System.IO.FileStreamOptions]::new()
    $options.Mode = [System.IO.FileMode]::CreateNew
    $options.Access = [System.IO.FileAccess]::Write
    if (-not $IsWindows) { $options.UnixCreateMode = [System.IO.UnixFileMode] 'UserRead, UserWrite' }
    try {
        $stream = [System.IO.FileStream]::new($file, $options)
        try {
            # gss-ntlmssp's format: DOMAIN:user:password; '.' is the domain a client without one is matched under.
            $bytes = [Text.Encoding]::UTF8.GetBytes(".:admin:$password`n")
            $stream.Write($bytes, 0, $bytes.Length)
        }
        finally { $stream.Dispose() }
        $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        foreach ($a in @($BenchAssembly, 'seal', "$SealRuns", (($PageBytes | ForEach-Object { "$_" }) -join ','))) { $info.ArgumentList.Add($a) }
        if ($ManagedClient) { $info.ArgumentList.Add('managed') }
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $info.UseShellExecute = $false
        $info.Environment['HVSIM_PASSWORD'] = $password
        $info.Environment['NTLM_USER_FILE'] = $file
        $process = [System.Diagnostics.Process]::Start($info)
        try {
            $errors = $process.StandardError.ReadToEndAsync()
            $output = $process.StandardOutput.ReadToEndAsync()
            if (-not $process.WaitForExit(300000)) { $process.Kill($true); throw 'The sealing helper did not finish within 300 s.' }
            if ($process.ExitCode -ne 0) { throw "The sealing helper failed (exit code $($process.ExitCode)): $($errors.Result)" }
            $output.Result | ConvertFrom-Json
        }
        finally { $process.Dispose() }
    }
    finally { Remove-Item $file -Force -ErrorAction SilentlyContinue }
}

$loadAtStart = Get-LoadAverage
$shipped = $null
$plain = $null
try {
    $shipped = Start-BenchSimulator -SimulatorPath $SimulatorPath -Vms $Vms -ExtraArguments '--as-shipped'
    $plain = Start-BenchSimulator -SimulatorPath $SimulatorPath -Vms $Vms -ExtraArguments '--no-negotiate'
    # What a user gets on a host as Windows ships it: Default picks Negotiate, which settles on NTLM here.
    $ntlm = Connect-HvLibvirt (Get-SimulatorUri $shipped) -Credential $shipped.Credential -NotDefault
    if ($ntlm.Authentication -ne 'NTLM' -or -not $ntlm.MessageEncrypted) {
        throw "Expected NTLM with message encryption, got $($ntlm.Authentication) (encrypted: $($ntlm.MessageEncrypted))."
    }
    $basic = Connect-HvLibvirt (Get-SimulatorUri $plain) -Credential $plain.Credential -Authentication Basic -NotDefault -WarningAction SilentlyContinue
    if ($basic.Authentication -ne 'Basic' -or $basic.MessageEncrypted) { throw "Expected Basic in clear, got $($basic.Authentication)." }
    $connectionsAtConnect = [HyperVLibvirt.Bench.SessionCounters]::AuthenticatedConnections($ntlm)
    $logonsBefore = (Get-SimulatorCounters $shipped.HttpUri).Logons

    # One iteration: NTLM, Basic, then both through Core alone, each simulator's counters read around its listing.
    $iteration = {
        $n0 = Get-SimulatorCounters $shipped.HttpUri
        $ntlmMs = Measure-Milliseconds { $null = Get-HvDomain -Connection $ntlm }
        $n1 = Get-SimulatorCounters $shipped.HttpUri
        $b0 = Get-SimulatorCounters $plain.HttpUri
        $basicMs = Measure-Milliseconds { $null = Get-HvDomain -Connection $basic }
        $b1 = Get-SimulatorCounters $plain.HttpUri
        $ntlmCoreMs = Measure-Milliseconds { $null = [HyperVLibvirt.Bench.CoreListing]::CountDomains($ntlm) }
        $basicCoreMs = Measure-Milliseconds { $null = [HyperVLibvirt.Bench.CoreListing]::CountDomains($basic) }
        $n = Get-CounterDelta $n0 $n1
        $b = Get-CounterDelta $b0 $b1
        [pscustomobject]@{
            Ntlm = $ntlmMs; Basic = $basicMs; NtlmCore = $ntlmCoreMs; BasicCore = $basicCoreMs
            NtlmServe = $n.ServingMs; BasicServe = $b.ServingMs
            NtlmRequests = $n.Requests; NtlmSealed = $n.Encrypted; NtlmLogons = $n.Logons; BasicRequests = $b.Requests
        }
    }

    $warm = Invoke-SteadyWarmUp -Iteration $iteration -Measure Ntlm -Min $WarmUpMin -Max $WarmUpMax -Tolerance $WarmUpTolerance
    foreach ($c in $ntlm, $basic) {
        $count = @(Get-HvDomain -Connection $c).Count
        if ($count -ne $Vms) { throw "Get-HvDomain over $($c.Authentication) returned $count domains, expected $Vms." }
    }

    $runsDone = @(foreach ($i in 1..$Runs) { & $iteration })
    $series = { param($Name) [double[]] @($runsDone | ForEach-Object { $_.$Name }) }
    $connectionsAtEnd = [HyperVLibvirt.Bench.SessionCounters]::AuthenticatedConnections($ntlm)
    $logonsAfter = (Get-SimulatorCounters $shipped.HttpUri).Logons
    $ntlmSecurity = $ntlm.Security

    # The pages a listing brings (the same inventory on both hosts), for the sealing helper.
    $floor = [HyperVLibvirt.Bench.FloorClient]::new($plain.HttpUri, $plain.UserName, $plain.Password,
        [HyperVLibvirt.Core.WsMan.WsManResourceUris]::NamespaceWildcard($basic.Namespace), [HyperVLibvirt.Bench.CoreListing]::AllDomainsWql)
    $floor.Captured = [System.Collections.Generic.List[byte[]]]::new()
    $null = $floor.Run()
    $pageBytes = [int[]] @($floor.Captured | ForEach-Object { $_.Length })
    $floor.Dispose()
    $ntlm, $basic | Disconnect-HvLibvirt
    # The client's NTLM as Core picks it here (gss-ntlmssp), and .NET's managed NTLM for comparison.
    $sealing = Invoke-SealingCost -PageBytes $pageBytes
    $sealingManaged = Invoke-SealingCost -PageBytes $pageBytes -ManagedClient

    [pscustomobject]@{
        Id             = 'B6'
        Vms            = $Vms
        Load           = [pscustomobject]@{ Start = $loadAtStart; End = Get-LoadAverage }
        Authentication = 'NTLM'
        Security       = $ntlmSecurity
        Ntlm           = Get-Summary (& $series Ntlm)
        Basic          = Get-Summary (& $series Basic)
        NtlmCore       = Get-Summary (& $series NtlmCore)
        BasicCore      = Get-Summary (& $series BasicCore)
        NtlmServe      = Get-Summary (& $series NtlmServe)
        BasicServe     = Get-Summary (& $series BasicServe)
        # Per listing, from the simulators' counters (medians; Logons is the total over the measured runs).
        PerListing     = [pscustomobject]@{
            NtlmRequests  = (Get-Summary (& $series NtlmRequests)).Median
            NtlmSealed    = (Get-Summary (& $series NtlmSealed)).Median
            NtlmLogons    = [int] ((& $series NtlmLogons) | Measure-Object -Sum).Sum
            BasicRequests = (Get-Summary (& $series BasicRequests)).Median
        }
        # Handshakes over the whole benchmark: the client's count and the host's, from connect to the last listing.
        Handshakes     = [pscustomobject]@{
            ClientAtConnect     = $connectionsAtConnect
            ClientAtEnd         = $connectionsAtEnd
            HostDuringListings  = $logonsAfter - $logonsBefore
            Listings            = 2 * ($warm.Iterations + $Runs) + 1
        }
        PageBytes      = $pageBytes
        Sealing        = $sealing
        SealingManaged = $sealingManaged
        WarmUp         = ConvertTo-WarmUpRecord -WarmUp $warm -Max $WarmUpMax -Series Ntlm, Basic
        First          = [pscustomobject]@{
            Ntlm  = Get-EarlySummary $warm Ntlm
            Basic = Get-EarlySummary $warm Basic
        }
    } | ConvertTo-Json -Depth 5 | Set-Content -Path $ResultFile -Encoding utf8
}
finally {
    $shipped, $plain | Stop-TestSimulator
}
