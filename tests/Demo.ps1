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

Import-Module $ModuleManifest -Force
Write-Host "HyperVLibvirt $((Get-Module HyperVLibvirt).Version) imported. Its commands:"
Get-Command -Module HyperVLibvirt | Format-Table -AutoSize | Out-String | Write-Host
