#Requires -Version 7.4
<#
.SYNOPSIS
    The single entry point for building, testing, demonstrating and packaging HyperVLibvirt.

.DESCRIPTION
    Run with `dotnet pwsh ./build.ps1 -Task <Task>` after `dotnet tool restore`.

      Build    publish the module (ReadyToRun for this machine's platform unless -NoReadyToRun) and copy
               an allow-list of files into output/HyperVLibvirt/<version>/,
               and publish the simulator into output/simulator/
      Test     Build, then the xunit suites, then Pester (in a child pwsh) against the built module;
               ends with what was skipped and why, then one line: 'N passed, N failed, N skipped'
      Demo     Build, start the bundled simulator, and run the cmdlets against it
      Package  Build, then publish the built module with PSResourceGet to the local folder
               repository output/repo, producing HyperVLibvirt.<version>.nupkg; offline
      Bench    Build, then run benchmarks B1-B7 (bench/README.md) into bench/results/latest.md;
               with -Quick a smoke run into output/bench/quick.md
      Clean    remove output/ and every bin/ and obj/

    Each task is usable alone; Test, Demo and Package build what they need first. Test packages
    too, so the Pester suite can install the package it would ship.

.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Test -Configuration Debug
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Package', 'Bench', 'Clean')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # With -Task Bench: a smoke run (small sizes, few repetitions) into output/bench/quick.md.
    [switch] $Quick,

    # Ship IL only: skip the ReadyToRun step (it restores the .NET runtime pack and crossgen from NuGet).
    [switch] $NoReadyToRun
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$RepoRoot = $PSScriptRoot
$OutputRoot = Join-Path $RepoRoot 'output'
$Manifest = Import-PowerShellDataFile (Join-Path $RepoRoot 'HyperVLibvirt.psd1')
$Version = $Manifest.ModuleVersion
$ModuleOut = Join-Path $OutputRoot "HyperVLibvirt/$Version"
$SimulatorOut = Join-Path $OutputRoot 'simulator'
$TestResults = Join-Path $OutputRoot 'testresults'
$PackageRepo = Join-Path $OutputRoot 'repo'

# The files that ship. Anything else the publish step produces stays behind, so nothing stray
# (System.Management.Automation.dll above all) ever reaches a user.
$ModuleAllowList = @(
    'HyperVLibvirt.dll'
    'HyperVLibvirt.Core.dll'
    # Save-HvDomainScreenshot's PNG encoder (managed, public domain).
    'StbImageWriteSharp.dll'
)

function Invoke-Native {
    # Runs a native command and stops the build when it fails.
    param([string] $FilePath, [string[]] $Arguments)
    & $FilePath @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "'$FilePath $($Arguments -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

function Invoke-Build {
    # By default the two shipped assemblies come precompiled (ReadyToRun) for the build machine's
    # platform, with their net8.0 IL intact, so any platform still runs them (see the project).
    $project = if ($NoReadyToRun) { 'src/HyperVLibvirt/HyperVLibvirt.csproj' } else { 'src/HyperVLibvirt.ReadyToRun/HyperVLibvirt.ReadyToRun.csproj' }
    $publishDir = Join-Path $RepoRoot "$(Split-Path $project -Parent)/bin/$Configuration/publish"
    Invoke-Native dotnet @('publish', (Join-Path $RepoRoot $project),
        '-c', $Configuration, '-o', $publishDir, "-p:Version=$Version", '--nologo', '-v', 'quiet')

    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $ModuleOut -Force

    Copy-Item (Join-Path $RepoRoot 'HyperVLibvirt.psd1') $ModuleOut
    foreach ($file in $ModuleAllowList) {
        Copy-Item (Join-Path $publishDir $file) $ModuleOut
    }
    Get-ChildItem (Join-Path $RepoRoot 'src/HyperVLibvirt') -Filter '*.ps1xml' -File |
        Copy-Item -Destination $ModuleOut
    $helpSource = Join-Path $RepoRoot 'en-US'
    if (Get-ChildItem $helpSource -File -ErrorAction SilentlyContinue) {
        $helpOut = Join-Path $ModuleOut 'en-US'
        $null = New-Item -ItemType Directory -Path $helpOut -Force
        Get-ChildItem $helpSource -File | Where-Object Extension -in '.xml', '.txt' | Copy-Item -Destination $helpOut
    }

    Invoke-Native dotnet @('publish', (Join-Path $RepoRoot 'src/HyperVLibvirt.Simulator/HyperVLibvirt.Simulator.csproj'),
        '-c', $Configuration, '-o', $SimulatorOut, "-p:Version=$Version", '--nologo', '-v', 'quiet')

    Write-Host "Built HyperVLibvirt $Version ($Configuration) into $ModuleOut"
}

function Get-PesterManifest {
    # Pester comes from NuGet through a PackageDownload item in the test project; restoring it
    # puts the package into the global packages folder.
    Invoke-Native dotnet @('restore', (Join-Path $RepoRoot 'tests/HyperVLibvirt.Core.Tests/HyperVLibvirt.Core.Tests.csproj'), '--nologo', '-v', 'quiet')
    $line = & dotnet nuget locals global-packages --list | Select-Object -First 1
    $packages = ($line -replace '^global-packages:\s*', '').Trim()
    $path = Join-Path $packages 'pester/5.7.1/tools/Pester.psd1'
    if (-not (Test-Path $path)) { throw "Pester 5.7.1 was not restored (looked for $path)." }
    return $path
}

function Get-TrxCounts {
    # Sums the counters of the TRX files that 'dotnet test' wrote. A skipped xunit test is a
    # UnitTestResult with outcome NotExecuted and its reason in Output/ErrorInfo/Message; the
    # Counters element's notExecuted stays 0 for them, so skips are counted from the results.
    param([string] $Directory)
    $passed = 0; $failed = 0
    $skips = [System.Collections.Generic.List[object]]::new()
    foreach ($trx in Get-ChildItem $Directory -Filter '*.trx' -File -ErrorAction SilentlyContinue) {
        $doc = [xml]::new()
        $doc.Load($trx.FullName)
        $ns = [System.Xml.XmlNamespaceManager]::new($doc.NameTable)
        $ns.AddNamespace('t', 'http://microsoft.com/schemas/VisualStudio/TeamTest/2010')
        $counters = $doc.SelectSingleNode('/t:TestRun/t:ResultSummary/t:Counters', $ns)
        $passed += [int] $counters.GetAttribute('passed')
        foreach ($name in 'failed', 'error', 'timeout', 'aborted') { $failed += [int] $counters.GetAttribute($name) }
        foreach ($result in $doc.SelectNodes('/t:TestRun/t:Results/t:UnitTestResult[@outcome="NotExecuted"]', $ns)) {
            $message = $result.SelectSingleNode('t:Output/t:ErrorInfo/t:Message', $ns)
            $skips.Add([pscustomobject]@{
                Name   = $result.GetAttribute('testName')
                Reason = if ($message) { $message.InnerText.Trim() } else { 'skipped, no reason given' }
            })
        }
    }
    [pscustomobject]@{ Passed = $passed; Failed = $failed; Skipped = $skips.Count; Skips = $skips.ToArray() }
}

function Write-SkipSummary {
    # What was skipped and why, one line per reason, so a skip is never silent.
    param([object[]] $Skips)
    if (-not $Skips) { return }
    Write-Host 'Skipped, by reason:' -ForegroundColor Yellow
    foreach ($group in $Skips | Group-Object Reason | Sort-Object Count -Descending) {
        Write-Host ("  {0} skipped: {1}" -f $group.Count, $group.Name) -ForegroundColor Yellow
    }
}

function Invoke-Package {
    Invoke-Build
    # The folder is the repository: a .nupkg per version. Publishing the same version twice is
    # refused, so the folder starts empty.
    if (Test-Path $PackageRepo) { Remove-Item $PackageRepo -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $PackageRepo -Force

    Import-Module Microsoft.PowerShell.PSResourceGet -ErrorAction Stop
    # A repository name of our own for this run only, so the user's registered repositories are
    # never changed; it is removed again whatever happens.
    $repoName = 'HyperVLibvirtBuild-' + [guid]::NewGuid().ToString('n')
    Register-PSResourceRepository -Name $repoName -Uri $PackageRepo -Trusted
    try {
        # -SkipDependenciesCheck: the module has no dependencies, and without it PSResourceGet
        # would look them up in the registered repositories, which can mean the network.
        Publish-PSResource -Path $ModuleOut -Repository $repoName -SkipDependenciesCheck
    }
    finally {
        Unregister-PSResourceRepository -Name $repoName
    }
    $package = Join-Path $PackageRepo "HyperVLibvirt.$Version.nupkg"
    if (-not (Test-Path $package)) { throw "Publish-PSResource did not produce $package." }
    Write-Host "Packaged $package"
}

function Start-RunRealm {
    # A throwaway Kerberos realm on loopback (tests/Realm/TestRealm.psm1). Started in this process,
    # its variables reach every test process started after it: the xunit runs and the Pester child.
    # Tests that need it skip with 'no test realm' when it is down. One line says which.
    Import-Module (Join-Path $RepoRoot 'tests/Realm/TestRealm.psm1') -Force
    $warnings = @()
    $realm = $null
    try { $realm = Start-TestRealm -WarningVariable warnings -WarningAction SilentlyContinue }
    catch { $warnings = @($_.Exception.Message) }
    if ($realm) {
        Write-Host "Test realm: up, $($realm.Realm) with its KDC on 127.0.0.1:$($realm.KdcPort)"
    }
    else {
        $reason = (@($warnings) -join '; ') -replace '^no test realm:\s*', ''
        Write-Host "Test realm: down, tests that need it skip ($reason)" -ForegroundColor Yellow
    }
    $realm
}

function Invoke-Test {
    # Package builds first; tests/Package.Tests.ps1 installs the package it produces.
    Invoke-Package
    if (Test-Path $TestResults) { Remove-Item $TestResults -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $TestResults -Force
    $passed = 0; $failed = 0; $skipped = 0
    $skips = [System.Collections.Generic.List[object]]::new()

    $realm = Start-RunRealm
    try {
        # 1. xunit: the C# core and the simulator.
        $xunitDir = Join-Path $TestResults 'xunit'
        foreach ($project in Get-ChildItem (Join-Path $RepoRoot 'tests') -Filter '*.Tests.csproj' -Recurse -File) {
            Write-Host "== xunit: $($project.BaseName)"
            & dotnet test $project.FullName -c $Configuration --nologo `
                --logger "trx;LogFileName=$($project.BaseName).trx" --logger 'console;verbosity=minimal' `
                --results-directory $xunitDir
            if ($LASTEXITCODE -ne 0 -and -not (Test-Path (Join-Path $xunitDir "$($project.BaseName).trx"))) {
                Write-Host "xunit suite $($project.BaseName) did not run (exit code $LASTEXITCODE)." -ForegroundColor Red
                $failed++
            }
        }
        $x = Get-TrxCounts $xunitDir
        $passed += $x.Passed; $failed += $x.Failed; $skipped += $x.Skipped
        foreach ($s in $x.Skips) { $skips.Add($s) }
        Write-Host "xunit: $($x.Passed) passed, $($x.Failed) failed, $($x.Skipped) skipped"

        # 2. Pester, in a child pwsh so this process never loads (and locks) the built module.
        Write-Host '== Pester'
        $pesterJson = Join-Path $TestResults 'pester.json'
        $pester = Get-PesterManifest
        & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $RepoRoot 'tests/Invoke-PesterSuite.ps1') `
            -PesterManifest $pester -ModuleManifest (Join-Path $ModuleOut 'HyperVLibvirt.psd1') `
            -SimulatorPath (Join-Path $SimulatorOut 'HyperVLibvirt.Simulator.dll') -ResultFile $pesterJson
        if (Test-Path $pesterJson) {
            $p = Get-Content -Raw $pesterJson | ConvertFrom-Json
            $passed += $p.Passed; $failed += $p.Failed; $skipped += $p.Skipped
            foreach ($s in @($p.Skips)) { if ($s) { $skips.Add($s) } }
            Write-Host "Pester: $($p.Passed) passed, $($p.Failed) failed, $($p.Skipped) skipped"
        }
        else {
            Write-Host "Pester did not report results (exit code $LASTEXITCODE)." -ForegroundColor Red
            $failed++
        }
    }
    finally { $realm | Stop-TestRealm }

    Write-SkipSummary $skips.ToArray()

    # The closing line CI reads: alone, and last.
    Write-Host "$passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    $realm = Start-RunRealm
    try {
        & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $RepoRoot 'tests/Demo.ps1') `
            -ModuleManifest (Join-Path $ModuleOut 'HyperVLibvirt.psd1') `
            -SimulatorPath (Join-Path $SimulatorOut 'HyperVLibvirt.Simulator.dll')
        $demoExit = $LASTEXITCODE
    }
    finally { $realm | Stop-TestRealm }
    if ($demoExit -ne 0) { exit $demoExit }
}

function Invoke-Bench {
    # Benchmarks B1-B10 (bench/README.md): bench/results/latest.md, or output/bench/quick.md with -Quick.
    Invoke-Build
    $arguments = @('-NoProfile', '-NonInteractive', '-File', (Join-Path $RepoRoot 'bench/Invoke-Bench.ps1'),
        '-ModuleManifest', (Join-Path $ModuleOut 'HyperVLibvirt.psd1'),
        '-SimulatorPath', (Join-Path $SimulatorOut 'HyperVLibvirt.Simulator.dll'))
    if ($Quick) { $arguments += '-Quick' }
    & dotnet pwsh @arguments
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-Clean {
    if (Test-Path $OutputRoot) { Remove-Item $OutputRoot -Recurse -Force }
    Get-ChildItem $RepoRoot -Directory -Recurse -Include 'bin', 'obj' |
        Where-Object { $_.FullName -notmatch '[\\/]\.git[\\/]' } |
        Remove-Item -Recurse -Force
    Write-Host 'Cleaned output/, bin/ and obj/.'
}

foreach ($t in $Task) {
    switch ($t) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Demo' { Invoke-Demo }
        'Package' { Invoke-Package }
        'Bench' { Invoke-Bench }
        'Clean' { Invoke-Clean }
    }
}
