<#
.SYNOPSIS
    Runs benchmarks B1-B5 against the simulator on loopback and writes a Markdown report with
    one machine-readable line per benchmark. build.ps1 -Task Bench [-Quick] runs it.
.DESCRIPTION
    Each benchmark runs in its own fresh pwsh (bench/scripts/B*.ps1) and hands back JSON; every
    figure is the median of repeated runs after a warm-up, with min and max. B1 and B3 warm up
    until their timings and the JIT's tiering are steady (bench/README.md, 'Method'), within a cap.
    -Quick is a smoke run (few repetitions, small sizes, a warm-up cap too small to reach steady
    state) that only proves each benchmark still works.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $SimulatorPath,
    [string] $ResultFile,
    [switch] $Quick,
    # Rewrite the report from the JSON of the last run (output/bench/B*.json) without measuring again.
    [switch] $ReportOnly,
    # Measure only these (e.g. B1, B3); the others are taken from the last run's JSON.
    [ValidateSet('B1', 'B2', 'B3', 'B4', 'B5')] [string[]] $Only
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
        B1 = @{ Vms = 1024; Runs = 3; WarmUpMin = 2; WarmUpMax = 4 }
        B2 = @{ Runs = 1; WarmUp = 1 }
        B3 = @{ Hosts = 8; Vms = 50; LatencyMs = 20; Runs = 2; WarmUpMin = 2; WarmUpMax = 4 }
        B4 = @{ Vms = 5000; BaseVms = 1000; Runs = 1 }
        B5 = @{ Hosts = 2; Domains = 10; JobMs = 200; Runs = 1; WarmUp = 1 }
    }
}
else {
    [ordered]@{
        # B1 and B3 warm up until steady, between WarmUpMin and WarmUpMax iterations (bench/README.md, 'Method').
        B1 = @{ Vms = 1024; Runs = 21; WarmUpMin = 150; WarmUpMax = 400 }
        B2 = @{ Runs = 11; WarmUp = 2 }
        B3 = @{ Hosts = 50; Vms = 200; LatencyMs = 20; Runs = 11; WarmUpMin = 40; WarmUpMax = 150 }
        B4 = @{ Vms = 100000; BaseVms = 1000; Runs = 3 }
        B5 = @{ Hosts = 4; Domains = 200; JobMs = 200; Runs = 7; WarmUp = 1 }
    }
}

$results = [ordered]@{}
foreach ($id in $plan.Keys) {
    $json = Join-Path $work "$id.json"
    if ($ReportOnly -or ($Only -and $id -notin $Only)) {
        if (-not (Test-Path $json)) { throw "$id has no result from an earlier run ($json); measure it first." }
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

function Steadiness($WarmUp) {
    # How the warm-up of B1 or B3 ended (bench/README.md, 'Method').
    if ($WarmUp.Steady) { "steady after $($WarmUp.Iterations) warm-up iterations" }
    else { "**not steady**: the warm-up cap of $($WarmUp.Max) iterations was reached" }
}

$b1 = $results.B1; $b2 = $results.B2; $b3 = $results.B3; $b4 = $results.B4; $b5 = $results.B5
foreach ($b in $b1, $b3) {
    if (-not $b.PSObject.Properties['WarmUp']) { throw "$($b.Id)'s JSON predates the steady-state warm-up; run the benchmarks again." }
}
if (-not $b2.PSObject.Properties['Module']) { throw "B2's JSON predates its credential-only runs; run the benchmarks again." }
if (-not $b4.PSObject.Properties['Fixed']) { throw "B4's JSON predates its fixed-budget series; run the benchmarks again." }
$ratio1 = $b1.Ours.Median / $b1.Floor.Median
$ratio3 = $b3.Fleet.Median / $b3.One.Median
$ratio5 = $b5.Many.Median / $b5.One.Median
$met = { param([bool] $ok) if ($ok) { 'met' } else { '**missed**' } }

$lines = @(
    "B1 ratio=$(F $ratio1 2) ours_ms=$(F $b1.Ours.Median) floor_ms=$(F $b1.Floor.Median) n=$($b1.Ours.N)"
    "B2 added_ms=$(F $b2.Added.Median 0) module_ms=$(F $b2.Module.Median 0) cold_ms=$(F $b2.Cold.Median 0) bare_ms=$(F $b2.Bare.Median 0) n=$($b2.Added.N)"
    "B3 ratio=$(F $ratio3 2) fleet_ms=$(F $b3.Fleet.Median) one_ms=$(F $b3.One.Median)"
    "B4 fixed_growth_mb=$(F $b4.Fixed.Growth.Median) growth_mb=$(F $b4.Growth.Median) peak_mb=$(F $b4.Peak.Median) base_mb=$(F $b4.Base.Median)"
    "B5 ratio=$(F $ratio5 2) many_ms=$(F $b5.Many.Median 0) one_ms=$(F $b5.One.Median 0)"
)

# Why a goal is missed, as measured while profiling (bench/README.md, 'Profiling'), and what comes next.
$notes = @(
    if (-not $Quick -and ($ratio1 -gt 1.3 -or $ratio3 -gt 2 -or $b2.Added.Median -gt 200 -or $b4.Fixed.Growth.Median -gt 16)) { '## Missed goals: measured reasons and next steps' + [Environment]::NewLine }
    if (-not $Quick -and $ratio1 -gt 1.3) {
        "- B1: bound by the client's CPU, against a floor that is mostly the simulator's serving time ($(F $b1.FloorServe.Median) of " +
        "$(F $b1.Floor.Median) ms). Listings ask only for the six properties a domain is built from, so one is " +
        "$([math]::Round($b1.Bytes / 1MB, 2)) MB in $($b1.Requests) requests instead of 2.42 MB in 5; the floor shrinks with the bytes as " +
        'much as our time does. Split by layer in a console process at tier 1 (`HyperVLibvirt.Bench wire` and `parse`, same ' +
        'simulator): the floor took 2.4 ms wall and 0.9 ms of client CPU, Core''s WS-Man client 4.2 ms wall and 3.8 ms CPU, the ' +
        'domain listing 4.5 ms and 4.1 ms CPU. Of that CPU, parsing the pages from memory is 1.9 ms (a bare `XmlReader.Read()` ' +
        'pass 1.0 ms, Core''s instances 0.6 ms more, the records 0.3 ms); the rest is HTTP and the enumeration''s plumbing (the ' +
        "floor's own HTTP exchanges cost 0.9 ms). In pwsh the cmdlet adds $(F ($b1.Ours.Median - $b1.Core.Median)) ms over Core. " +
        "1.3× the floor is $(F (1.3 * $b1.Floor.Median)) ms, of which the host's serving takes about $(F $b1.FloorServe.Median): that leaves a client " +
        'little more than the floor''s own 0.9 ms of HTTP, with 1.0 ms of merely reading the XML still to come, so no ' +
        'XmlReader-based client gets there; the Pull sent ahead already overlaps the host''s work on the next page ' +
        'with parsing this one (small here, more on a real host, where WMI takes milliseconds per page). ' +
        'Next: the per-request plumbing (timers and linked cancellation sources per response, the counting stream, ' +
        'two async iterators per item), which is now as large as the parsing.'
    }
    if (-not $Quick -and $b2.Added.Median -gt 200) {
        '- B2: the two shipped assemblies are now ReadyToRun code for .NET 10 (src/HyperVLibvirt.ReadyToRun), which removes every JIT ' +
        'compilation of Core in a cold start (about 280 of the ~2,250 methods the cold start compiles beyond a bare pwsh); the rest is ' +
        'PowerShell itself (command discovery, parameter binding, formatting), System.Net.Http and System.Private.Xml, which ' +
        'the module cannot precompile. This machine''s noise (min–max above) is as large as the goal''s margin.'
    }
    if (-not $Quick -and $ratio3 -gt 2) {
        "- B3: CPU-bound, not latency-bound. One host is one request (its $($b3.Vms) VMs fit in the first page): the added " +
        "latency plus parsing $($b3.Vms) instances. The fleet sends all $($b3.Hosts) requests at once, so the latency overlaps, and then " +
        "parses $($b3.Hosts)× the instances on the same 2 cores that run the $($b3.Hosts) simulators (their serving CPU shows in the " +
        'serving time above). Its time is about the latency plus ' +
        "$($b3.Hosts * $b3.Vms) instances at B1's per-instance cost spread over 2 cores (property lists cut the bytes per instance " +
        'to a seventh, for the simulators and the client alike). Reaching 2× needs that cost about halved (B1''s next step) or ' +
        'more cores; on real hosts the serving CPU is not the client''s.'
    }
    if (-not $Quick -and $b4.Fixed.Growth.Median -gt 16) {
        "- B4: the growth is the garbage collector's gen0 budget, not data the module keeps. The $($b4.Vms)-VM listing allocates " +
        "$(F $b4.Gc.Big.AllocatedMb 0) MB in all, but only $(F $b4.Gc.Big.LiveMb) MB is live at the end ($(F $b4.Gc.Big.HeapMb) MB after its last " +
        "collection); the GC collects gen0 each time its budget of $(F $b4.Gc.Big.Gen0BudgetMb 0) MB has been allocated and keeps those regions " +
        "committed ($(F $b4.Gc.Big.CommittedMb 0) MB at the end), while the $($b4.BaseVms)-VM run allocates $(F $b4.Gc.Base.AllocatedMb 0) MB, under the " +
        'budget, and never reaches it. Sampled every 100 ms in the big run, anonymous memory rose with the allocation up to the first ' +
        'collection and stayed flat after it; mapped files (code) grew by about 2 MB and the thread count stayed at 19-20. ' +
        'As experiments on the client pwsh (not shipped; medians of 3, growth in MB, default 85.9 in the same series): ' +
        '`DOTNET_GCgen0size=0x1000000` (16 MB) 13.2 and `0x400000` (4 MB) 7.3, at the same listing time; `GCConserveMemory=5` 78.7, ' +
        '`TieredPGO=0` 67.6 (its listing was a second faster), `TieredCompilation=0` 73.1. ' +
        'The 80 MB budget follows from the 260 MB L3 cache this VM reports (a machine with a 32 MB L3 gets about 16 MB). The module cannot ' +
        'set it for the pwsh that loads it, and less allocation per instance only makes collections rarer (halving it did not move B4). ' +
        'Next: nothing in the module; if B4 is meant to catch retention, measure live data or both runs with the same fixed gen0 budget.'
    }
)

$os = [System.Runtime.InteropServices.RuntimeInformation]::OSDescription
$report = @"
# Benchmark results$(if ($Quick) { ' (quick smoke run: small sizes, few repetitions; not for comparison)' })

$([DateTime]::UtcNow.ToString('yyyy-MM-dd HH:mm')) UTC, $([Environment]::ProcessorCount) cores, $os, .NET $([Environment]::Version), PowerShell $($PSVersionTable.PSVersion).
Every figure: median (min–max) of the runs after a warm-up; B1 and B3 warm up until their timings and the JIT's tiering
are steady (bench/README.md, 'Method'), and their cold figures (the first listing in the process, and the median of
warm-up iterations 1–5) are context, not part of the ratio. Ratios are medians over medians.

| id | what | measured | goal | result |
|---|---|---|---|---|
| B1 | Get-HvDomain, $($b1.Vms) VMs, warm connection, in one pwsh, steady state; floor = same requests, bytes drained | ours $(Range $b1.Ours) ms, floor $(Range $b1.Floor) ms, ratio $(F $ratio1 2), $(Steadiness $b1.WarmUp); cold: first listing $(F $b1.First.Ours.First) ms, warm-up 1–$($b1.First.Ours.Early.N) $(Range $b1.First.Ours.Early) ms | ≤ 1.3 | $(& $met ($ratio1 -le 1.3)) |
| B2 | cold pwsh: Import-Module; Connect-HvLibvirt; Get-HvVersion, minus pwsh -c exit (and, the module's share, minus a pwsh that only builds the credential) | added $(Range $b2.Added 0) ms (cold $(Range $b2.Cold 0), bare $(Range $b2.Bare 0)); the module's share $(Range $b2.Module 0) ms (credential alone $(Range $b2.Credential 0)) | ≤ 200 ms | $(& $met ($b2.Added.Median -le 200)) |
| B3 | Get-HvDomain over $($b3.Hosts) hosts × $($b3.Vms) VMs, $($b3.LatencyMs) ms latency, vs one host, steady state | fleet $(Range $b3.Fleet) ms, one $(Range $b3.One) ms, ratio $(F $ratio3 2), $(Steadiness $b3.WarmUp); cold: first fleet listing $(F $b3.First.Fleet.First) ms, warm-up 1–$($b3.First.Fleet.Early.N) fleet $(Range $b3.First.Fleet.Early) ms, one $(Range $b3.First.One.Early) ms | ≤ 2× | $(& $met ($ratio3 -le 2)) |
| B4 | Get-HvDomain \| Measure-Object, $($b4.Vms) VMs vs $($b4.BaseVms), peak working set of the client pwsh, gen0 budget fixed at $(F ([Convert]::ToInt64($b4.Fixed.Gen0Size, 16) / 1MB) 0) MB (``DOTNET_GCgen0size=$($b4.Fixed.Gen0Size)``); the runtime's default budget beside it | fixed budget: growth $(Range $b4.Fixed.Growth) MB (peak $(Range $b4.Fixed.Peak) MB, base $(Range $b4.Fixed.Base) MB); default budget: growth $(Range $b4.Growth) MB (peak $(Range $b4.Peak) MB, base $(Range $b4.Base) MB) | ≤ 16 MB (fixed budget) | $(& $met ($b4.Fixed.Growth.Median -le 16)) |
| B5 | Start-HvDomain, $($b5.Domains) domains on $($b5.Hosts) hosts, jobs $($b5.JobMs) ms, vs one domain | many $(Range $b5.Many 0) ms, one $(Range $b5.One 0) ms, ratio $(F $ratio5 2) | ≤ 10× | $(& $met ($ratio5 -le 10)) |

## Where the time went

- B1: $($b1.Requests) requests, $([math]::Round($b1.Bytes / 1MB, 2)) MB of responses per listing. The simulator spent $(Range $b1.OursServe) ms serving our runs and $(Range $b1.FloorServe) ms serving the floor's. Core alone (same connection, no PowerShell) took $(Range $b1.Core) ms, so the cmdlet layer adds $(F ($b1.Ours.Median - $b1.Core.Median)) ms (within noise when negative) and parsing the XML into instances and domain records is the rest over the floor.
- B1 warm-up: ours, Core-only and floor in turn, $(Steadiness $b1.WarmUp). Cold, before that: the first listing in the process took $(F $b1.First.Ours.First) ms (the floor's first run $(F $b1.First.Floor.First) ms), warm-up iterations 1–$($b1.First.Ours.Early.N) $(Range $b1.First.Ours.Early) ms (floor $(Range $b1.First.Floor.Early) ms): ReadyToRun code, not yet tiered. During the warm-up ours took $(F ($b1.WarmUp.Ours | Measure-Object -Minimum).Minimum)–$(F ($b1.WarmUp.Ours | Measure-Object -Maximum).Maximum) ms (bench/README.md, 'Method', on the phases in between).
- B3: the simulators' serving time summed over hosts was $(Range $b3.FleetServe) ms per fleet listing (their requests overlap, and it includes the added latency).
- B3 warm-up: fleet and one host in turn, $(Steadiness $b3.WarmUp). Cold: the first fleet listing in the process took $(F $b3.First.Fleet.First) ms, warm-up iterations 1–$($b3.First.Fleet.Early.N) $(Range $b3.First.Fleet.Early) ms (one host $(Range $b3.First.One.Early) ms).
- B4: a $($b4.Vms)-VM listing took $(Range $b4.Seconds 1) s in its fresh pwsh, start-up included. It allocated $(F $b4.Gc.Big.AllocatedMb 0) MB in all and the GC ran $($b4.Gc.Big.Gen0) gen0, $($b4.Gc.Big.Gen1) gen1 and $($b4.Gc.Big.Gen2) gen2 collections (gen0 budget $(F $b4.Gc.Big.Gen0BudgetMb 0) MB); at the end it had $(F $b4.Gc.Big.CommittedMb) MB committed and $(F $b4.Gc.Big.LiveMb) MB live. The $($b4.BaseVms)-VM run allocated $(F $b4.Gc.Base.AllocatedMb 0) MB and ran $($b4.Gc.Base.Gen0) gen0 collections. With the gen0 budget fixed at $(F $b4.Fixed.Gc.Big.Gen0BudgetMb 0) MB the same listing took $(Range $b4.Fixed.Seconds 1) s, allocated $(F $b4.Fixed.Gc.Big.AllocatedMb 0) MB, ran $($b4.Fixed.Gc.Big.Gen0) gen0, $($b4.Fixed.Gc.Big.Gen1) gen1 and $($b4.Fixed.Gc.Big.Gen2) gen2 collections and ended with $(F $b4.Fixed.Gc.Big.CommittedMb) MB committed and $(F $b4.Fixed.Gc.Big.LiveMb) MB live; its $($b4.BaseVms)-VM run ran $($b4.Fixed.Gc.Base.Gen0) gen0 collections.

$(($notes | Where-Object { $_ }) -join [Environment]::NewLine)

## Changes in this round

Previous runs: 2026-11-25 23:03 UTC, fixed warm-ups of 5 iterations for B1 and 3 for B3: B1 ratio 6.07, B2 added 285 ms,
B3 ratio 11.95, B4 growth 74.7 MB, B5 ratio 7.08. 23:44 UTC, with the module before this round's changes and a warm-up
judged by an in-process JIT listener (see below): B1 ratio 2.92 (2.42 MB in 5 requests), B2 264 ms, B3 6.89, B4 77.9 MB,
B5 7.15. The listener doubled the listing times it watched, so neither run's B1 and B3 compare with these.

- Property lists: ``Get-HvDomain`` (and every lookup the lifecycle cmdlets and tab completion make) asks for
  ``SELECT ElementName, EnabledState, HealthState, Name, OnTimeInMilliseconds, ProcessID FROM Msvm_ComputerSystem …``
  instead of ``SELECT *``, which WinRM answers with ``w:XmlFragment`` items (WS-Management fragment transfer, DMTF DSP0226): about a seventh of the
  bytes (0.35 against 2.42 MB for 1,024 VMs) and of the allocation (a 100,000-VM listing allocated 267 MB in its pwsh
  instead of about 415). ``-Detailed`` keeps ``SELECT *``, so ``Record.ComputerSystem`` is complete there. The floor client
  sends the same WQL, taken from the same code.
- Pull ahead: the next Pull goes out as soon as a page's context has been read (WinRM sends one only when more pages
  follow), on a second pooled connection, so the host prepares page N+1 while page N is parsed. Stopping early or
  cancelling waits (at most 5 s) for that Pull and releases the context it returned; tests check that no enumeration
  is left open on the simulator after stopping at any item, with and without it, and after cancelling.
- The shared property cache no longer fills up for good with unique values (GUIDs, names): a full table is emptied
  when the next response starts.
- Benchmark method, not the module: B1 and B3 now warm up until the listing's time is steady at its best
  (bench/README.md, 'Method'), at most 300 and 150 iterations, and report the cold figures (first listing, warm-up
  iterations 1–5) beside the steady-state ratio. In this pwsh (the ``dotnet tool`` one, not precompiled) the runtime
  runs the module's hot code as ReadyToRun code, then as tiered-PGO instrumented code for 100 listings and more
  (slower than ReadyToRun), and only then as tier-1 code, so fixed warm-ups of 5 and 3 measured the slow phase: the
  ratios of the 23:03 run are not comparable with these. An in-process listener on the runtime's JIT events, tried
  for judging the tiering (and used for the 23:44 run), doubled the listing time it watched; it is gone.
- The simulators' serving counters are read through one shared ``HttpClient`` instead of ``Invoke-RestMethod`` per read,
  which built a client, a connection and a JSON converter each time and added JIT work to the measured process.
- B5 keeps its one-run warm-up: ten runs in a row showed no trend (its time is the 200 ms jobs).

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
