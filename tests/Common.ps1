# Shared helpers for the Pester suites. Dot-source it in BeforeAll: . $PSScriptRoot/Common.ps1

$script:RepoRoot = Split-Path $PSScriptRoot -Parent

function Get-TestModulePath {
    # The built module's manifest: set by Invoke-PesterSuite.ps1, or found under output/ when a
    # developer runs Invoke-Pester by hand after 'build.ps1 -Task Build'.
    if ($env:HVL_TEST_MODULE) { return $env:HVL_TEST_MODULE }
    $found = Get-ChildItem (Join-Path $script:RepoRoot 'output/HyperVLibvirt') -Filter 'HyperVLibvirt.psd1' -Recurse -ErrorAction SilentlyContinue |
        Select-Object -First 1
    if (-not $found) { throw 'The module is not built: run ./build.ps1 -Task Build first.' }
    $found.FullName
}

function Get-TestSimulatorPath {
    if ($env:HVL_TEST_SIMULATOR) { return $env:HVL_TEST_SIMULATOR }
    $path = Join-Path $script:RepoRoot 'output/simulator/HyperVLibvirt.Simulator.dll'
    if (-not (Test-Path $path)) { throw 'The simulator is not built: run ./build.ps1 -Task Build first.' }
    $path
}

function New-TestPassword {
    # A fresh random password per simulator, so no secret lives in the repository.
    $bytes = [byte[]]::new(18)
    [System.Security.Cryptography.RandomNumberGenerator]::Fill($bytes)
    'Pw-' + [Convert]::ToBase64String($bytes).Replace('/', '_').Replace('+', '-')
}

function Start-TestSimulator {
    <#
    .SYNOPSIS
        Starts the bundled simulator on free loopback ports and returns how to reach it.
    .OUTPUTS
        An object with Process, HttpUri, HttpsUri, HttpPort, HttpsPort, UserName, Password,
        Credential and CertificatePath. Stop it with Stop-TestSimulator.
    #>
    param(
        [string] $Profile = 'ws2019',
        [int] $Vms = 4,
        [int] $Seed = 1,
        [string] $UserName = 'admin',
        [switch] $Https,
        [string[]] $ExtraArguments = @(),
        [int] $StartTimeoutSec = 60
    )
    $password = New-TestPassword
    $certPath = Join-Path ([IO.Path]::GetTempPath()) ("hvsim-" + [guid]::NewGuid().ToString('n') + '.cer')
    $arguments = @((Get-TestSimulatorPath), '--http-port', '0', '--profile', $Profile, '--vms', "$Vms",
        '--seed', "$Seed", '--user', $UserName, '--cert-out', $certPath)
    if ($Https) { $arguments += @('--https-port', '0') }
    $arguments += $ExtraArguments

    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in $arguments) { $info.ArgumentList.Add($a) }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.RedirectStandardInput = $true
    $info.UseShellExecute = $false
    # The password travels in the environment, not on a command line other processes can read.
    $info.Environment['HVSIM_PASSWORD'] = $password
    $process = [System.Diagnostics.Process]::Start($info)

    $http = $null; $httpsUri = $null
    $deadline = [DateTime]::UtcNow.AddSeconds($StartTimeoutSec)
    $wanted = if ($Https) { 2 } else { 1 }
    $seen = 0
    $task = $null
    while ($seen -lt $wanted -and [DateTime]::UtcNow -lt $deadline) {
        # Keep one read pending across waits: a second ReadLineAsync while one runs would throw.
        if ($null -eq $task) { $task = $process.StandardOutput.ReadLineAsync() }
        if (-not $task.Wait([TimeSpan]::FromSeconds(1))) { continue }
        $line = $task.Result
        $task = $null
        if ($null -eq $line) { break }
        if ($line -match '^listening: (http://\S+)$') { $http = [uri] $Matches[1]; $seen++ }
        elseif ($line -match '^listening: (https://\S+)$') { $httpsUri = [uri] $Matches[1]; $seen++ }
    }
    if ($seen -lt $wanted) {
        $err = if ($process.HasExited) { $process.StandardError.ReadToEnd() } else { '' }
        if (-not $process.HasExited) { $process.Kill($true) }
        throw "The simulator did not start within $StartTimeoutSec s. $err"
    }
    $secure = ConvertTo-SecureString $password -AsPlainText -Force
    [pscustomobject]@{
        Process         = $process
        HttpUri         = $http
        HttpsUri        = $httpsUri
        HttpPort        = if ($http) { $http.Port } else { $null }
        HttpsPort       = if ($httpsUri) { $httpsUri.Port } else { $null }
        UserName        = $UserName
        Password        = $password
        Credential      = [pscredential]::new($UserName, $secure)
        CertificatePath = $certPath
        Profile         = $Profile
    }
}

function Stop-TestSimulator {
    param([Parameter(ValueFromPipeline)] $Simulator)
    process {
        if ($null -eq $Simulator) { return }
        if (-not $Simulator.Process.HasExited) {
            $Simulator.Process.Kill($true)
            $null = $Simulator.Process.WaitForExit(10000)
        }
        $Simulator.Process.Dispose()
        if ($Simulator.CertificatePath -and (Test-Path $Simulator.CertificatePath)) {
            Remove-Item $Simulator.CertificatePath -Force
        }
    }
}

function Get-FreeTcpPort {
    # A loopback port with nothing listening on it (bound, read, then released).
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function New-SilentListener {
    # A loopback TCP listener that accepts connections (the kernel does, from its backlog) but
    # never answers: a host that hangs. Stop it with .Stop().
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    $listener
}

function Get-SimulatorUri {
    # The libvirt URI of a running test simulator.
    param([Parameter(Mandatory)] $Simulator, [switch] $Https)
    if ($Https) { "hyperv://$($Simulator.UserName)@127.0.0.1:$($Simulator.HttpsPort)/" }
    else { "hyperv://$($Simulator.UserName)@127.0.0.1:$($Simulator.HttpPort)/?transport=http" }
}

function Get-CertificateThumbprint {
    param([Parameter(Mandatory)] [string] $Path)
    $cert = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($Path)
    try { $cert.Thumbprint } finally { $cert.Dispose() }
}

function New-TestInventory {
    # Writes a simulator inventory (see src/HyperVLibvirt.Simulator/Model/INVENTORY.md) to a
    # temporary file and returns its path. -Vms takes hashtables: name, state, vcpus, memoryMB, ...
    param([Parameter(Mandatory)] [hashtable[]] $Vms)
    $path = Join-Path ([IO.Path]::GetTempPath()) ("hvsim-inventory-" + [guid]::NewGuid().ToString('n') + '.json')
    @{ vms = $Vms } | ConvertTo-Json -Depth 5 | Set-Content -Path $path -Encoding utf8
    $path
}

function Get-SimulatorStats {
    # The simulator's own counters (GET /simulator/stats): requests, faults, servingMs, openEnumerations.
    param([Parameter(Mandatory)] $Simulator)
    $base = if ($Simulator.HttpUri) { $Simulator.HttpUri } else { $Simulator.HttpsUri }
    Invoke-RestMethod -Uri ([uri]::new($base, '/simulator/stats')) -SkipCertificateCheck
}

function Invoke-NonInteractivePwsh {
    <#
    .SYNOPSIS
        Runs a script in a child 'pwsh -NonInteractive' with the built module imported and, given a
        simulator, connected to it as the default; returns everything it wrote as text lines.
        The password reaches the child in the environment, never on its command line.
    #>
    param([Parameter(Mandatory)] [string] $Script, $Simulator, [int] $TimeoutSec = 300,
        # Runs before the module is imported (e.g. an AppContext switch the runtime reads once).
        [string] $BeforeImport = '',
        # Variables set (or, with a $null value, removed) in the child's environment.
        [hashtable] $Environment = @{},
        # A program the child runs under, with its arguments (e.g. 'faketime', '-f', '+1h').
        [string[]] $Under = @())
    $prelude = "`$ErrorActionPreference = 'Continue'; $BeforeImport`nImport-Module '$(Get-TestModulePath)'`n"
    if ($Simulator) {
        $prelude += "`$cred = [pscredential]::new('$($Simulator.UserName)', (ConvertTo-SecureString `$env:HVL_CHILD_PASSWORD -AsPlainText -Force))`n"
        $prelude += "`$null = Connect-HvLibvirt '$(Get-SimulatorUri $Simulator)' -Credential `$cred`n"
    }
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($prelude + $Script))
    # The same PowerShell as this one; started as 'dotnet pwsh' (a local tool), it runs through dotnet.
    $pwsh = [Environment]::ProcessPath
    $info = [System.Diagnostics.ProcessStartInfo]::new($(if ($Under) { $Under[0] } else { $pwsh }))
    if ($Under) { foreach ($a in @($Under | Select-Object -Skip 1) + $pwsh) { $info.ArgumentList.Add($a) } }
    if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -ne 'pwsh') { foreach ($a in 'exec', (Join-Path $PSHOME 'pwsh.dll')) { $info.ArgumentList.Add($a) } }
    foreach ($a in '-NoProfile', '-NonInteractive', '-OutputFormat', 'Text', '-EncodedCommand', $encoded) { $info.ArgumentList.Add($a) }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    $info.Environment['NO_COLOR'] = '1'
    if ($Simulator) { $info.Environment['HVL_CHILD_PASSWORD'] = $Simulator.Password }
    foreach ($name in $Environment.Keys) {
        if ($null -eq $Environment[$name]) { $null = $info.Environment.Remove($name) } else { $info.Environment[$name] = [string] $Environment[$name] }
    }
    $process = [System.Diagnostics.Process]::Start($info)
    try {
        $stderr = $process.StandardError.ReadToEndAsync()
        $stdout = $process.StandardOutput.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSec * 1000)) { $process.Kill($true); throw "The child pwsh hung for $TimeoutSec s." }
        ($stdout.Result + "`n" + $stderr.Result) -split "`r?`n"
    }
    finally { $process.Dispose() }
}

function Get-OperationKey {
    # 'Enumerate <resource URI>' (or just 'Identify') from a verbose 'WS-Man ...' line or a debug
    # 'RequestEnvelope ...' line, so the two can be matched one to one.
    param([Parameter(Mandatory)] [string] $Text)
    $tokens = $Text -split '\s+'
    if ($tokens.Count -gt 2 -and $tokens[2] -like 'http*') { "$($tokens[1]) $($tokens[2])" } else { $tokens[1] }
}
