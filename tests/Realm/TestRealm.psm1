<#
.SYNOPSIS
    A throwaway MIT Kerberos realm on loopback for the test run: Start-TestRealm, Stop-TestRealm.

.DESCRIPTION
    Everything lives in one private temporary folder: krb5.conf, kdc.conf, the database, the
    keytab, the ticket cache and the KDC's logs. No system file is read for configuration or
    changed; the processes find the folder through KRB5_CONFIG and KRB5_KDC_PROFILE (MIT krb5
    docs, "Environment variables" and "kdc.conf"). See tests/Realm/README.md for what the tests get.
#>

Set-StrictMode -Version Latest

# The realm the module started last, so Stop-TestRealm needs no argument.
$script:Current = $null

# The variables Start-TestRealm exports, in the order it exports them.
$script:ExportedNames = @(
    'KRB5_CONFIG', 'KRB5_KDC_PROFILE', 'KRB5_KTNAME', 'KRB5CCNAME',
    'HVL_REALM', 'HVL_REALM_DIR', 'HVL_KDC_PORT', 'HVL_KRB_USER', 'HVL_KRB_PASSWORD',
    'HVL_KRB_USER2', 'HVL_KRB_PASSWORD2', 'HVL_KRB_SERVICE', 'HVL_OPENSSL_LEGACY_CONF'
)

# The Debian packages that bring the tools, named in the warning when they are missing.
$script:AptPackages = 'krb5-kdc krb5-admin-server krb5-user'

function Find-RealmTool {
    # The KDC tools live in /usr/sbin, which a non-root PATH often lacks.
    param([Parameter(Mandatory)] [string] $Name)
    $command = Get-Command $Name -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($command) { return $command.Source }
    foreach ($dir in '/usr/sbin', '/usr/local/sbin', '/sbin') {
        $path = Join-Path $dir $Name
        if (Test-Path $path -PathType Leaf) { return $path }
    }
    $null
}

function New-RealmSecret {
    # A random password for this run only; it is never written to the repository.
    $bytes = [byte[]]::new(18)
    [System.Security.Cryptography.RandomNumberGenerator]::Fill($bytes)
    'Kr-' + [Convert]::ToBase64String($bytes).Replace('/', '_').Replace('+', '-')
}

function Get-FreeKdcPort {
    # A loopback port free for both TCP and UDP: the KDC listens on both with the same number.
    for ($i = 0; $i -lt 20; $i++) {
        $tcp = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $tcp.Start()
        try {
            $port = $tcp.LocalEndpoint.Port
            try {
                $udp = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, $port))
                $udp.Dispose()
                return $port
            }
            catch [System.Net.Sockets.SocketException] { continue }
        }
        finally { $tcp.Stop() }
    }
    throw 'Found no loopback port free for both TCP and UDP in 20 tries.'
}

function Invoke-RealmTool {
    # Runs one Kerberos tool with the realm's environment, feeding secrets on stdin (never argv,
    # which other processes can read), bounded by a timeout. Returns exit code and output.
    param(
        [Parameter(Mandatory)] [string] $FilePath,
        [string[]] $Arguments = @(),
        [string[]] $InputLines = @(),
        [Parameter(Mandatory)] [System.Collections.IDictionary] $Environment,
        [int] $TimeoutSec = 30
    )
    $info = [System.Diagnostics.ProcessStartInfo]::new($FilePath)
    foreach ($a in $Arguments) { $info.ArgumentList.Add($a) }
    $info.RedirectStandardInput = $true
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    foreach ($key in $Environment.Keys) { $info.Environment[$key] = $Environment[$key] }
    $process = [System.Diagnostics.Process]::Start($info)
    try {
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        foreach ($line in $InputLines) { $process.StandardInput.WriteLine($line) }
        $process.StandardInput.Close()
        if (-not $process.WaitForExit($TimeoutSec * 1000)) {
            $process.Kill($true)
            throw "'$([IO.Path]::GetFileName($FilePath)) $($Arguments -join ' ')' did not finish within $TimeoutSec s."
        }
        $process.WaitForExit()
        [pscustomobject]@{ ExitCode = $process.ExitCode; Output = ($stdout.Result + $stderr.Result).Trim() }
    }
    finally { $process.Dispose() }
}

function Assert-RealmTool {
    # Invoke-RealmTool that stops the realm's start when the tool fails.
    param(
        [Parameter(Mandatory)] [string] $FilePath,
        [string[]] $Arguments = @(),
        [string[]] $InputLines = @(),
        [Parameter(Mandatory)] [System.Collections.IDictionary] $Environment,
        [int] $TimeoutSec = 30
    )
    $result = Invoke-RealmTool @PSBoundParameters
    if ($result.ExitCode -ne 0) {
        throw "'$([IO.Path]::GetFileName($FilePath))' failed with exit code $($result.ExitCode): $($result.Output)"
    }
    $result
}

function Write-RealmConfiguration {
    # krb5.conf (clients and tools) and kdc.conf (the KDC, kdb5_util, kadmin.local), both pointing
    # only at 127.0.0.1:<port>. DNS is switched off so nothing asks a resolver about the realm or
    # rewrites 'localhost' (MIT krb5.conf: dns_lookup_kdc, rdns, dns_canonicalize_hostname).
    param([string] $Directory, [string] $Realm, [int] $Port)
    $krb5 = @"
[libdefaults]
    default_realm = $Realm
    dns_lookup_kdc = false
    dns_lookup_realm = false
    rdns = false
    dns_canonicalize_hostname = false
    default_ccache_name = FILE:$Directory/ccache
    default_keytab_name = FILE:$Directory/http.keytab

[realms]
    $Realm = {
        kdc = 127.0.0.1:$Port
    }

[domain_realm]
    localhost = $Realm
    .localhost = $Realm
    127.0.0.1 = $Realm

[logging]
    default = FILE:$Directory/krb5lib.log
"@
    $kdc = @"
[kdcdefaults]
    kdc_listen = 127.0.0.1:$Port
    kdc_tcp_listen = 127.0.0.1:$Port

[realms]
    $Realm = {
        database_name = $Directory/principal
        key_stash_file = $Directory/stash
        acl_file = $Directory/kadm5.acl
        kdc_listen = 127.0.0.1:$Port
        kdc_tcp_listen = 127.0.0.1:$Port
    }

[logging]
    kdc = FILE:$Directory/kdc.log
    admin_server = FILE:$Directory/kadmin.log
    default = FILE:$Directory/krb5lib.log
"@
    Set-Content -Path (Join-Path $Directory 'krb5.conf') -Value $krb5 -Encoding ascii
    Set-Content -Path (Join-Path $Directory 'kdc.conf') -Value $kdc -Encoding ascii
}

function Write-OpenSslLegacyConfiguration {
    # An OPENSSL_CONF for pywinrm's NTLM: OpenSSL 3 keeps MD4 in the 'legacy' provider, and
    # naming any provider switches off the implicit 'default' one, so both are activated
    # (OpenSSL docs, config(5) "Provider Configuration Module").
    param([string] $Path)
    $text = @'
openssl_conf = openssl_init

[openssl_init]
providers = provider_sect

[provider_sect]
default = default_sect
legacy = legacy_sect

[default_sect]
activate = 1

[legacy_sect]
activate = 1
'@
    Set-Content -Path $Path -Value $text -Encoding ascii
}

function Test-KdcListening {
    # One bounded TCP connect to the KDC's port.
    param([int] $Port, [int] $TimeoutMs = 1000)
    $client = [System.Net.Sockets.TcpClient]::new([System.Net.Sockets.AddressFamily]::InterNetwork)
    try {
        $connect = $client.ConnectAsync([System.Net.IPAddress]::Loopback, $Port)
        $connect.Wait($TimeoutMs) -and $client.Connected
    }
    catch { $false }
    finally { $client.Dispose() }
}

function Get-KdcProcess {
    # The KDC named by the pid file, or $null when it is gone or the pid now names something else.
    param([string] $PidFile)
    if (-not (Test-Path $PidFile)) { return $null }
    $text = (Get-Content -Raw $PidFile -ErrorAction SilentlyContinue)
    $id = 0
    if (-not $text -or -not [int]::TryParse($text.Trim(), [ref] $id)) { return $null }
    $process = Get-Process -Id $id -ErrorAction SilentlyContinue
    if ($process -and $process.ProcessName -eq 'krb5kdc') { return $process }
    $null
}

function Start-Kdc {
    # krb5kdc forks and its parent exits; the child writes the pid file. Waits, bounded, until
    # the pid file names a live krb5kdc and its TCP port accepts.
    param([string] $KdcPath, [string] $Directory, [string] $Realm, [int] $Port,
        [System.Collections.IDictionary] $Environment, [int] $TimeoutSec)
    $pidFile = Join-Path $Directory 'kdc.pid'
    $result = Invoke-RealmTool -FilePath $KdcPath -Arguments @('-r', $Realm, '-P', $pidFile) -Environment $Environment -TimeoutSec $TimeoutSec
    if ($result.ExitCode -ne 0) { return "krb5kdc exited with $($result.ExitCode): $($result.Output)" }
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while ([DateTime]::UtcNow -lt $deadline) {
        if ((Get-KdcProcess $pidFile) -and (Test-KdcListening -Port $Port)) { return $null }
        Start-Sleep -Milliseconds 100
    }
    $log = Get-Content -Raw (Join-Path $Directory 'kdc.log') -ErrorAction SilentlyContinue
    Stop-Kdc $pidFile
    "krb5kdc did not accept on 127.0.0.1:$Port within $TimeoutSec s. $log"
}

function Stop-Kdc {
    param([string] $PidFile)
    $process = Get-KdcProcess $PidFile
    if (-not $process) { return }
    try {
        $process.Kill()
        $null = $process.WaitForExit(10000)
    }
    catch [System.InvalidOperationException] { } # already gone
    finally { $process.Dispose() }
}

function Start-TestRealm {
    <#
    .SYNOPSIS
        Creates and starts a throwaway Kerberos realm on 127.0.0.1, fills a ticket cache for its
        user, and exports the variables that point every child process at it.
    .OUTPUTS
        An object with Directory, Realm, KdcPort, UserPrincipal, Password, SecondUserPrincipal,
        SecondPassword, ServicePrincipal, KeytabPath, CcachePath, Krb5Config, KdcProfile,
        OpenSslLegacyConfig, PidFile and Environment; $null (with a warning saying why) when the
        Kerberos tools are missing or the realm could not be started. Stop it with Stop-TestRealm.
    #>
    [CmdletBinding()]
    param(
        [string] $Realm = 'HVL.TEST',
        [string] $UserName = 'alice',
        [string] $SecondUserName = 'bob',
        [int] $TimeoutSec = 30
    )

    $tools = @{}
    foreach ($name in 'krb5kdc', 'kdb5_util', 'kadmin.local', 'kinit') { $tools[$name] = Find-RealmTool $name }
    $missing = @($tools.Keys | Where-Object { -not $tools[$_] } | Sort-Object)
    if ($missing) {
        Write-Warning "no test realm: $($missing -join ', ') not found (Debian packages: $script:AptPackages)"
        return $null
    }

    $directory = Join-Path ([IO.Path]::GetTempPath()) ('hvl-realm-' + [guid]::NewGuid().ToString('n'))
    if ($IsWindows) { $null = [IO.Directory]::CreateDirectory($directory) }
    else { $null = [IO.Directory]::CreateDirectory($directory, [IO.UnixFileMode] 'UserRead, UserWrite, UserExecute') }

    $pidFile = Join-Path $directory 'kdc.pid'
    try {
        $keytab = Join-Path $directory 'http.keytab'
        $ccache = Join-Path $directory 'ccache'
        $password = New-RealmSecret
        $secondPassword = New-RealmSecret
        $environment = [ordered]@{
            KRB5_CONFIG      = Join-Path $directory 'krb5.conf'
            KRB5_KDC_PROFILE = Join-Path $directory 'kdc.conf'
            KRB5_KTNAME      = "FILE:$keytab"
            KRB5CCNAME       = "FILE:$ccache"
        }

        # The database: its master password is typed twice on stdin, then kept only in the stash.
        $port = Get-FreeKdcPort
        Write-RealmConfiguration -Directory $directory -Realm $Realm -Port $port
        $master = New-RealmSecret
        $null = Assert-RealmTool -FilePath $tools['kdb5_util'] -Arguments @('create', '-s', '-r', $Realm) `
            -InputLines @($master, $master) -Environment $environment -TimeoutSec $TimeoutSec

        # Principals: passwords answer addprinc's two prompts on stdin. Users need pre-authentication
        # as in Active Directory, so a wrong password fails as it would there ("Preauthentication
        # failed", not "Decrypt integrity check failed"; MIT kadmin: requires_preauth).
        $null = Assert-RealmTool -FilePath $tools['kadmin.local'] -Arguments @('-r', $Realm) -InputLines @(
            "addprinc +requires_preauth $UserName", $password, $password
            "addprinc +requires_preauth $SecondUserName", $secondPassword, $secondPassword
            'addprinc -randkey HTTP/localhost'
            "ktadd -k $keytab HTTP/localhost"
            'quit'
        ) -Environment $environment -TimeoutSec $TimeoutSec
        if (-not (Test-Path $keytab)) { throw "kadmin.local wrote no keytab at $keytab." }

        # Another process may take the port between the probe and the KDC's bind: try a few.
        $failure = $null
        for ($attempt = 1; $attempt -le 3; $attempt++) {
            $failure = Start-Kdc -KdcPath $tools['krb5kdc'] -Directory $directory -Realm $Realm -Port $port `
                -Environment $environment -TimeoutSec $TimeoutSec
            if (-not $failure) { break }
            $port = Get-FreeKdcPort
            Write-RealmConfiguration -Directory $directory -Realm $Realm -Port $port
        }
        if ($failure) { throw $failure }

        $userPrincipal = "$UserName@$Realm"
        $null = Assert-RealmTool -FilePath $tools['kinit'] -Arguments @('-c', "FILE:$ccache", $userPrincipal) `
            -InputLines @($password) -Environment $environment -TimeoutSec $TimeoutSec

        $openSsl = Join-Path $directory 'openssl-legacy.cnf'
        Write-OpenSslLegacyConfiguration -Path $openSsl

        $environment['HVL_REALM'] = $Realm
        $environment['HVL_REALM_DIR'] = $directory
        $environment['HVL_KDC_PORT'] = "$port"
        $environment['HVL_KRB_USER'] = $userPrincipal
        $environment['HVL_KRB_PASSWORD'] = $password
        $environment['HVL_KRB_USER2'] = "$SecondUserName@$Realm"
        $environment['HVL_KRB_PASSWORD2'] = $secondPassword
        $environment['HVL_KRB_SERVICE'] = "HTTP/localhost@$Realm"
        $environment['HVL_OPENSSL_LEGACY_CONF'] = $openSsl

        # Exported into this process, so every child (dotnet test, pwsh, simulators) inherits it;
        # what was there before is kept to be put back by Stop-TestRealm.
        $previous = @{}
        foreach ($name in $script:ExportedNames) {
            $previous[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $environment[$name])
        }

        $script:Current = [pscustomobject]@{
            Directory           = $directory
            Realm               = $Realm
            KdcPort             = $port
            UserPrincipal       = $userPrincipal
            Password            = $password
            SecondUserPrincipal = "$SecondUserName@$Realm"
            SecondPassword      = $secondPassword
            ServicePrincipal    = "HTTP/localhost@$Realm"
            KeytabPath          = $keytab
            CcachePath          = $ccache
            Krb5Config          = $environment['KRB5_CONFIG']
            KdcProfile          = $environment['KRB5_KDC_PROFILE']
            OpenSslLegacyConfig = $openSsl
            PidFile             = $pidFile
            Environment         = $environment
            PreviousEnvironment = $previous
        }
        $script:Current
    }
    catch {
        Stop-Kdc $pidFile
        Remove-Item $directory -Recurse -Force -ErrorAction SilentlyContinue
        Write-Warning "no test realm: $($_.Exception.Message)"
        $null
    }
}

function Stop-TestRealm {
    <#
    .SYNOPSIS
        Stops the realm's KDC by its pid file, removes its folder, and puts the exported variables
        back as they were before Start-TestRealm (removed, when they were unset).
    #>
    [CmdletBinding()]
    param([Parameter(ValueFromPipeline)] $Realm = $script:Current)
    process {
        if ($null -eq $Realm) { return }
        Stop-Kdc $Realm.PidFile
        if (Test-Path $Realm.Directory) { Remove-Item $Realm.Directory -Recurse -Force }
        # Only when the variables still name this realm: a later realm's are left alone.
        if ($env:HVL_REALM_DIR -eq $Realm.Directory) {
            foreach ($name in $script:ExportedNames) {
                $before = $Realm.PreviousEnvironment[$name]
                # Remove-Item, not SetEnvironmentVariable($name, $null): PowerShell passes $null
                # to a .NET string parameter as '', which would leave the variable set but empty.
                if ($null -eq $before) { Remove-Item "env:$name" -ErrorAction SilentlyContinue }
                else { Set-Item "env:$name" $before }
            }
        }
        if ($script:Current -and $script:Current.Directory -eq $Realm.Directory) { $script:Current = $null }
    }
}

Export-ModuleMember -Function Start-TestRealm, Stop-TestRealm
