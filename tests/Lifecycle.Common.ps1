# Helpers for the domain lifecycle suites (Start/Stop/Restart/Suspend/Remove-HvDomainManagedSave).
# Dot-source it after Common.ps1: each suite describes the VMs it needs as a JSON inventory.

function Start-LifecycleSimulator {
    <#
    .SYNOPSIS
        Starts a simulator whose VMs are exactly $Vms (hashtables in the INVENTORY.md schema),
        with short state-change jobs unless -JobMs says otherwise.
    #>
    param(
        [Parameter(Mandatory)] [hashtable[]] $Vms,
        [string] $Profile = 'ws2019',
        [int] $JobMs = 100,
        [string] $ComputerName = 'HV-SIM01'
    )
    $path = Join-Path ([IO.Path]::GetTempPath()) ('hvl-lifecycle-' + [guid]::NewGuid().ToString('n') + '.json')
    ConvertTo-Json -InputObject @{ vms = $Vms } -Depth 5 | Set-Content -LiteralPath $path -Encoding utf8
    $password = New-TestPassword
    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @((Get-TestSimulatorPath), '--http-port', '0', '--profile', $Profile, '--user', 'admin', '--inventory', $path,
            '--job-ms', "$JobMs", '--computer-name', $ComputerName)) {
        $info.ArgumentList.Add($a)
    }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    $info.Environment['HVSIM_PASSWORD'] = $password
    $process = [System.Diagnostics.Process]::Start($info)
    # One read at a time: a pending ReadLineAsync is kept across polls (a second one would throw).
    $uri = $null
    $pending = $process.StandardOutput.ReadLineAsync()
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while (-not $uri -and [DateTime]::UtcNow -lt $deadline) {
        if (-not $pending.Wait([TimeSpan]::FromMilliseconds(250))) { continue }
        $line = $pending.Result
        if ($null -eq $line) { break }
        if ($line -match '^listening: (http://\S+)$') { $uri = [uri] $Matches[1] }
        else { $pending = $process.StandardOutput.ReadLineAsync() }
    }
    if (-not $uri) {
        if (-not $process.HasExited) { $process.Kill($true) }
        Remove-Item -LiteralPath $path -Force -ErrorAction SilentlyContinue
        throw 'The simulator did not start within 60 s.'
    }
    [pscustomobject]@{
        Process         = $process
        HttpUri         = $uri
        HttpPort        = $uri.Port
        UserName        = 'admin'
        Password        = $password
        Credential      = [pscredential]::new('admin', (ConvertTo-SecureString $password -AsPlainText -Force))
        CertificatePath = $null
        Profile         = $Profile
        InventoryPath   = $path
    }
}

function Stop-LifecycleSimulator {
    param([Parameter(ValueFromPipeline)] $Simulator)
    process {
        if ($null -eq $Simulator) { return }
        $Simulator | Stop-TestSimulator
        Remove-Item -LiteralPath $Simulator.InventoryPath -Force -ErrorAction SilentlyContinue
    }
}

function Connect-LifecycleSimulator {
    param([Parameter(Mandatory)] $Simulator, [switch] $NotDefault)
    Connect-HvLibvirt (Get-SimulatorUri $Simulator) -Credential $Simulator.Credential -NotDefault:$NotDefault
}

function Get-DomainState {
    # The domain's Hyper-V state as the host reports it now.
    param([Parameter(Mandatory)] [string] $Name, $Connection)
    $params = @{ Name = $Name }
    if ($Connection) { $params.Connection = $Connection }
    (Get-HvDomain @params).HyperVState
}
