<#
.SYNOPSIS
    Runs benchmarks B1-B5 against the simulator on loopback and writes a Markdown report with
    one machine-readable line per benchmark. build.ps1 -Task Bench [-Quick] runs it.
.DESCRIPTION
    Each benchmark runs in its own fresh pwsh (bench/scripts/B*.ps1) and hands back JSON; every
    figure is the median of repeated runs after a warm-up, with min and max. -Quick is a smoke
    run (few repetitions, small sizes) that only proves each benchmark still works.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $SimulatorPath,
    [string] $ResultFile,
    [switch] $Quick,
    # Rewrite the report from the JSON of the last run (output/bench/B*.json) without measuring again.
    [switch] $ReportOnly
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$repoRoot = Split-Path $PSScriptRoot -Parent
$ModuleManifest = (Resolve-Path $ModuleManifest).Path
$SimulatorPath = (Resolve-Path $SimulatorPath).Path
if (-not $ResultFile) {
    $ResultFile = if ($Quick) { Join-Path $repoRoot 'output/bench/quick.md' } else { Join-Path $PSScriptRoot 'results/latest.md' }
}
$work = Join-Path $repoRoot 'output/bench'
$null = New-Item -ItemType Directory -Force -Path $work, (Split-Path $ResultFile -Parent)

# The helpers share the module's Core, so they are built with the module's version.
$version = (Import-PowerShellDataFile $ModuleManifest).ModuleVersion
$binDir = Join-Path $work 'bin'
& dotnet build (Join-Path $PSScriptRoot 'HyperVLibvirt.Bench/HyperVLibvirt.Bench.csproj') -c Release "-p:Version=$version" -o $binDir --nologo -v quiet
if ($LASTEXITCODE -ne 0) { throw "Building the bench helpers failed (exit code $LASTEXITCODE)." }
$benchAssembly = Join-Path $binDir 'HyperVLibvirt.Bench.dll'

$plan = if ($Quick) {
    [ordered]@{
        B1 = @{ Vms = 1024; Runs = 3; WarmUp = 1 }
        B2 = @{ Runs = 1; WarmUp = 1 }
        B3 = @{ Hosts = 8; Vms = 50; LatencyMs = 20; Runs = 2; WarmUp = 1 }
        B4 = @{ Vms = 5000; BaseVms = 1000; Runs = 1 }
        B5 = @{ Hosts = 2; Domains = 10; JobMs = 200; Runs = 1; WarmUp = 1 }
    }
}
else {
    [ordered]@{
        B1 = @{ Vms = 1024; Runs = 21; WarmUp = 5 }
        B2 = @{ Runs = 11; WarmUp = 2 }
        B3 = @{ Hosts = 50; Vms = 200; LatencyMs = 20; Runs = 11; WarmUp = 3 }
        B4 = @{ Vms = 100000; BaseVms = 1000; Runs = 3 }
        B5 = @{ Hosts = 4; Domains = 200; JobMs = 200; Runs = 7; WarmUp = 1 }
    }
}

$results = [ordered]@{}
foreach ($id in $plan.Keys) {
    $json = Join-Path $work "$id.json"
    if ($ReportOnly) {
        $results[$id] = Get-Content -Raw $json | ConvertFrom-Json
        continue
    }
    Remove-Item $json -ErrorAction SilentlyContinue
    $arguments = @('-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot "scripts/$id.ps1"),
        '-ModuleManifest', $ModuleManifest, '-ResultFile', $json)
    if ($id -in 'B1', 'B2', 'B4') { $arguments += @('-SimulatorPath', $SimulatorPath) }
    if ($id -in 'B1', 'B3', 'B5') { $arguments += @('-BenchAssembly', $benchAssembly) }
    foreach ($key in $plan[$id].Keys) { $arguments += @("-$key", "$($plan[$id][$key])") }
    Write-Host "== $id $(($plan[$id].GetEnumerator() | Sort-Object Key | ForEach-Object { "$($_.Key)=$($_.Value)" }) -join ' ')"
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    & dotnet pwsh @arguments
    if ($LASTEXITCODE -ne 0 -or -not (Test-Path $json)) { throw "$id failed (exit code $LASTEXITCODE)." }
    $results[$id] = Get-Content -Raw $json | ConvertFrom-Json
    Write-Host "   done in $([math]::Round($watch.Elapsed.TotalSeconds)) s"
}

function F([double] $Value, [int] $Digits = 1) { $Value.ToString("F$Digits", [Globalization.CultureInfo]::InvariantCulture) }
function Range($Summary, [int] $Digits = 1) { "$(F $Summary.Median $Digits) ($(F $Summary.Min $Digits)–$(F $Summary.Max $Digits))" }

$b1 = $results.B1; $b2 = $results.B2; $b3 = $results.B3; $b4 = $results.B4; $b5 = $results.B5
$ratio1 = $b1.Ours.Median / $b1.Floor.Median
$ratio3 = $b3.Fleet.Median / $b3.One.Median
$ratio5 = $b5.Many.Median / $b5.One.Median
$met = { param([bool] $ok) if ($ok) { 'met' } else { '**missed**' } }

$lines = @(
    "B1 ratio=$(F $ratio1 2) ours_ms=$(F $b1.Ours.Median) floor_ms=$(F $b1.Floor.Median) n=$($b1.Ours.N)"
    "B2 added_ms=$(F $b2.Added.Median 0) cold_ms=$(F $b2.Cold.Median 0) bare_ms=$(F $b2.Bare.Median 0) n=$($b2.Added.N)"
    "B3 ratio=$(F $ratio3 2) fleet_ms=$(F $b3.Fleet.Median) one_ms=$(F $b3.One.Median)"
    "B4 growth_mb=$(F $b4.Growth.Median) peak_mb=$(F $b4.Peak.Median) base_mb=$(F $b4.Base.Median)"
    "B5 ratio=$(F $ratio5 2) many_ms=$(F $b5.Many.Median 0) one_ms=$(F $b5.One.Median 0)"
)

# Why a goal is missed, as measured while profiling (bench/README.md, 'Profiling'), and what comes next.
$notes = @(
    if (-not $Quick -and ($ratio1 -gt 1.3 -or $ratio3 -gt 2 -or $b2.Added.Median -gt 300 -or $b4.Growth.Median -gt 64)) { '## Missed goals: measured reasons and next steps' + [Environment]::NewLine }
    if (-not $Quick -and $ratio1 -gt 1.3) {
        '- B1: bound by the client CPU turning 2.3 MB of XML into 1,024 instances and records, not by the simulator or the network. ' +
        'Parsing the same captured pages from memory (`HyperVLibvirt.Bench parse`) costs about as much as the whole listing, and a bare ' +
        '`XmlReader.Read()` over those bytes alone is already 2-3× the floor, so no XmlReader-based client reaches 1.3 here. ' +
        'The short text values every VM repeats (class names, captions, states, flags, small numbers) are now read in chunks into a reused ' +
        'buffer and share one property object per name and value, which halved the allocation per instance (4,984 → 2,555 KB per 1,000 ' +
        'instances, `parse` mode); the time is the reader''s. ' +
        'Next: prefetch the next Pull as soon as the page''s context is read (it precedes the items) so the host produces page N+1 while ' +
        'the client parses page N; select only the properties a domain needs in the WQL (about a quarter of the bytes; needs a check ' +
        'against real WinRM, which answers projections with w:XmlFragment items); parse on a pool thread into the bounded channel so ' +
        'parsing and the pipeline use both cores.'
    }
    if (-not $Quick -and $b2.Added.Median -gt 300) {
        '- B2: the two shipped assemblies are now ReadyToRun code for .NET 10 (src/HyperVLibvirt.ReadyToRun), which removes every JIT ' +
        'compilation of Core in a cold start (about 280 of the ~2,250 methods the cold start compiles beyond a bare pwsh); the rest is ' +
        'PowerShell itself (command discovery, parameter binding, formatting), System.Net.Http and System.Private.Xml, which ' +
        'the module cannot precompile. This machine''s noise (min–max above) is as large as the goal''s margin.'
    }
    if (-not $Quick -and $ratio3 -gt 2) {
        "- B3: CPU-bound, not latency-bound: the fleet carries $($b3.Hosts)× the instances of one host, and the $($b3.Hosts) simulators " +
        'serialise them on the same 2 cores the client parses them on. One host takes about the added latency plus one page; ' +
        'the fleet takes the CPU of all pages. The hosts are read concurrently (every request is in flight at once), so the next step is the ' +
        'per-instance cost of B1 (and, on real hosts, which do not share the client''s cores, the Pull prefetch). The halved ' +
        'allocation did not move this ratio (9.93 in the previous run; the fleet''s min–max spans more than the difference).'
    }
    if (-not $Quick -and $b4.Growth.Median -gt 64) {
        '- B4: no retention (growth is sub-linear); it is the garbage collector''s headroom under the allocation rate. Halving Core''s ' +
        'allocation per instance (about 5 → 2.5 MB per 1,000 instances, `parse` mode) did not lower it measurably (70.4 MB before, the ' +
        'figure above now: within this machine''s noise), so what sets the peak is not Core''s per-instance garbage alone; the pipeline''s ' +
        'own objects (a PSObject and its members per record) are the next suspect. Next: watch gc-heap-size and gen0 budget against the ' +
        'working set with dotnet-counters in the fresh pwsh, and try a lower `GCgen0size` to see whether the headroom follows.'
    }
)

$os = [System.Runtime.InteropServices.RuntimeInformation]::OSDescription
$report = @"
# Benchmark results$(if ($Quick) { ' (quick smoke run: small sizes, few repetitions; not for comparison)' })

$([DateTime]::UtcNow.ToString('yyyy-MM-dd HH:mm')) UTC, $([Environment]::ProcessorCount) cores, $os, .NET $([Environment]::Version), PowerShell $($PSVersionTable.PSVersion).
Every figure: median (min–max) of the runs after a warm-up. Ratios are medians over medians.

| id | what | measured | goal | result |
|---|---|---|---|---|
| B1 | Get-HvDomain, $($b1.Vms) VMs, warm connection, in one pwsh; floor = same requests, bytes drained | ours $(Range $b1.Ours) ms, floor $(Range $b1.Floor) ms, ratio $(F $ratio1 2) | ≤ 1.3 | $(& $met ($ratio1 -le 1.3)) |
| B2 | cold pwsh: Import-Module; Connect-HvLibvirt; Get-HvVersion, minus pwsh -c exit | added $(Range $b2.Added 0) ms (cold $(Range $b2.Cold 0), bare $(Range $b2.Bare 0)) | ≤ 300 ms | $(& $met ($b2.Added.Median -le 300)) |
| B3 | Get-HvDomain over $($b3.Hosts) hosts × $($b3.Vms) VMs, $($b3.LatencyMs) ms latency, vs one host | fleet $(Range $b3.Fleet) ms, one $(Range $b3.One) ms, ratio $(F $ratio3 2) | ≤ 2× | $(& $met ($ratio3 -le 2)) |
| B4 | Get-HvDomain \| Measure-Object, $($b4.Vms) VMs vs $($b4.BaseVms), peak working set of the client pwsh | growth $(Range $b4.Growth) MB (peak $(Range $b4.Peak) MB, base $(Range $b4.Base) MB) | ≤ 64 MB | $(& $met ($b4.Growth.Median -le 64)) |
| B5 | Start-HvDomain, $($b5.Domains) domains on $($b5.Hosts) hosts, jobs $($b5.JobMs) ms, vs one domain | many $(Range $b5.Many 0) ms, one $(Range $b5.One 0) ms, ratio $(F $ratio5 2) | ≤ 10× | $(& $met ($ratio5 -le 10)) |

## Where the time went

- B1: $($b1.Requests) requests, $([math]::Round($b1.Bytes / 1MB, 2)) MB of responses per listing. The simulator spent $(Range $b1.OursServe) ms serving our runs and $(Range $b1.FloorServe) ms serving the floor's. Core alone (same connection, no PowerShell) took $(Range $b1.Core) ms, so the cmdlet layer adds $(F ($b1.Ours.Median - $b1.Core.Median)) ms (within noise when negative) and parsing the XML into instances and domain records is the rest over the floor.
- B3: the simulators' serving time summed over hosts was $(Range $b3.FleetServe) ms per fleet listing (their requests overlap, and it includes the added latency).
- B4: a $($b4.Vms)-VM listing took $(Range $b4.Seconds 1) s in its fresh pwsh, start-up included.

$(($notes | Where-Object { $_ }) -join [Environment]::NewLine)

## Changes in this round

Previous run (2026-11-25 22:47 UTC): B1 ratio 9.01, B2 added 343 ms, B3 ratio 9.93, B4 growth 70.4 MB, B5 ratio 7.20.

- ReadyToRun: ``build.ps1 -Task Build`` publishes ``src/HyperVLibvirt.ReadyToRun``, a net10.0 project with no code whose publish
  precompiles the module's two net8.0 assemblies for .NET 10 on the build machine's platform (IL unchanged, so other platforms
  and runtimes JIT it as before; ``-NoReadyToRun`` ships IL only). ReadyToRun code compiled against .NET 8 (plain
  ``PublishReadyToRun`` on the module) was not used by the .NET 10 runtime: the cold start still JIT-compiled all 196 Core
  methods it needs; with the .NET 10 code it compiles none of them. In a side-by-side cold-start test the median fell from
  about 1,190 to 890 ms (9 runs each, noisy).
- Per-instance allocation: property text is read with ``XmlReader.ReadValueChunk`` into a reused buffer, and short values
  (up to 40 characters) share one ``CimProperty`` per name and value in a bounded table (1,024 entries) kept with each pooled
  NameTable; nil properties are shared per name; an instance's properties are one exact-size array. Core's allocation per
  1,000 instances (``HyperVLibvirt.Bench parse``, instances and domain records) fell from 4,984 KB to 2,555 KB.
- Not done in this round: prefetching the next Pull (the overlap of producing and parsing pages) and parsing datetimes on
  access.

## Machine-readable

``````
$($lines -join [Environment]::NewLine)
``````
"@
# The B-lines also stand alone at the start of a line, as the contract asks.
$report += [Environment]::NewLine + ($lines -join [Environment]::NewLine) + [Environment]::NewLine
Set-Content -Path $ResultFile -Value $report -Encoding utf8
Write-Host "Wrote $ResultFile"
$lines | ForEach-Object { Write-Host $_ }
