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
    $sim = Start-TestSimulator -Profile $Profile -ExtraArguments @('--inventory', $path, '--job-ms', "$JobMs", '--computer-name', $ComputerName)
    $sim | Add-Member -NotePropertyName InventoryPath -NotePropertyValue $path -PassThru
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
