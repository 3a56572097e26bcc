<#
.SYNOPSIS
    The main job: starts the bundled simulator and drives the cmdlets against it, as a user would.
    build.ps1 -Task Demo runs this in a child pwsh.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $SimulatorPath
)
$ErrorActionPreference = 'Stop'
$env:HVL_TEST_MODULE = $ModuleManifest
$env:HVL_TEST_SIMULATOR = $SimulatorPath
. $PSScriptRoot/Common.ps1

function Show([string] $Command, [scriptblock] $Block) {
    Write-Host ''
    Write-Host "PS> $Command" -ForegroundColor Cyan
    & $Block | Out-String -Width 120 | Write-Host
}

Import-Module $ModuleManifest -Force
Write-Host "HyperVLibvirt $((Get-Module HyperVLibvirt).Version) imported; its commands: $((Get-Command -Module HyperVLibvirt).Name -join ', ')"

# A Windows Server 2022 host with a mix of VM states, on free loopback ports, HTTP and HTTPS.
$sim = Start-TestSimulator -Profile ws2022 -Vms 12 -Seed 7 -Https
try {
    Write-Host "Simulator: Hyper-V host (ws2022) at $($sim.HttpUri) and $($sim.HttpsUri)"
    $cred = $sim.Credential
    $thumbprint = Get-CertificateThumbprint $sim.CertificatePath

    Show "Connect-HvLibvirt 'hyperv://admin@127.0.0.1:$($sim.HttpsPort)/' -Credential `$cred -CertificateThumbprint $thumbprint" {
        Connect-HvLibvirt "hyperv://admin@127.0.0.1:$($sim.HttpsPort)/" -Credential $cred -CertificateThumbprint $thumbprint
    }
    Show 'Get-HvVersion' { Get-HvVersion }
    Show 'Get-HvDomain' { Get-HvDomain }
    Show 'Get-HvDomain -Active' { Get-HvDomain -Active }
    Show "Get-HvDomain -State Running | Select-Object -First 1 | Get-HvDomain -Detailed | Format-List" {
        Get-HvDomain -State Running | Select-Object -First 1 | Get-HvDomain -Detailed | Format-List
    }
    Show 'Get-HvConnection' { Get-HvConnection }

    Write-Host ''
    Write-Host 'PS> Connect-HvLibvirt ... over plain HTTP, then a wrong password' -ForegroundColor Cyan
    $null = Connect-HvLibvirt "hyperv://admin@127.0.0.1:$($sim.HttpPort)/?transport=http" -Credential $cred -NotDefault
    $bad = [pscredential]::new('admin', (ConvertTo-SecureString 'wrong' -AsPlainText -Force))
    Connect-HvLibvirt "hyperv://admin@127.0.0.1:$($sim.HttpPort)/?transport=http" -Credential $bad -ErrorAction SilentlyContinue -ErrorVariable err
    Write-Host "error $($err[0].FullyQualifiedErrorId) ($($err[0].CategoryInfo.Category)): $($err[0].Exception.Message)"

    Disconnect-HvLibvirt -All -Confirm:$false
    Write-Host ''
    Write-Host 'Demo finished.'
}
finally {
    $sim | Stop-TestSimulator
}
