<#
.SYNOPSIS
    Runs every tests/*.Tests.ps1 with Pester against the built module and writes the totals as JSON.
    build.ps1 runs this in a child pwsh, so the build process never loads (and locks) the module.
#>
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $SimulatorPath,
    [Parameter(Mandatory)] [string] $ResultFile
)
$ErrorActionPreference = 'Stop'

# The test files read these through tests/Common.ps1.
$env:HVL_TEST_MODULE = (Resolve-Path $ModuleManifest).Path
$env:HVL_TEST_SIMULATOR = (Resolve-Path $SimulatorPath).Path

Import-Module $PesterManifest -Force
$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$config.TestResult.Enabled = $true
$config.TestResult.OutputPath = [IO.Path]::ChangeExtension($ResultFile, '.xml')
$config.TestResult.OutputFormat = 'NUnitXml'
$result = Invoke-Pester -Configuration $config

# Each skip with its reason: Set-ItResult -Skipped -Because records it as the test's error
# record ("is skipped, because ..."); a bare -Skip has none.
$skips = @($result.Skipped | ForEach-Object {
        $because = @($_.ErrorRecord | ForEach-Object { "$($_.Exception.Message)" }) -join ' '
        [ordered]@{
            Name   = $_.ExpandedPath
            Reason = if ($because) { $because -replace '^is skipped,?\s*(because\s*)?', '' } else { 'marked -Skip in the test file' }
        }
    })

[ordered]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount
    Total   = $result.TotalCount
    Skips   = $skips
} | ConvertTo-Json -Depth 4 | Set-Content -Path $ResultFile -Encoding utf8
