# Connecting to a host as Windows ships WinRM (HTTP only, Basic off, AllowUnencrypted false, Negotiate and
# Kerberos offered): NTLM through the simulator's gss-ntlmssp acceptor, Kerberos against the test realm's real
# KDC (tests/Realm, started by the test command), message encryption, HTTPS, and one error per failure.
BeforeDiscovery {
    $script:HasNtlm = -not $IsWindows -and @(Get-ChildItem /etc/gss/mech.d -Filter *.conf -ErrorAction SilentlyContinue |
        Select-String -Pattern '^\s*[^#].*ntlmssp' -Quiet).Contains($true)
    $script:HasRealm = [bool] $env:HVL_REALM
    $script:HasFaketime = [bool] (Get-Command faketime -ErrorAction SilentlyContinue)
}

BeforeAll {
    # Discovery's facts again, for the tests that decide at run time.
    $script:HasNtlm = -not $IsWindows -and @(Get-ChildItem /etc/gss/mech.d -Filter *.conf -ErrorAction SilentlyContinue |
        Select-String -Pattern '^\s*[^#].*ntlmssp' -Quiet).Contains($true)
    $script:HasRealm = [bool] $env:HVL_REALM
    . $PSScriptRoot/Common.ps1
    Import-Module (Get-TestModulePath) -Force
    $script:Shipped = Start-TestSimulator -ExtraArguments '--as-shipped', '--https-port', '0' -Https -Vms 6
    $script:HttpUri = "hyperv://$($script:Shipped.UserName)@127.0.0.1:$($script:Shipped.HttpPort)/?transport=http"
    $script:HttpsUri = "hyperv://$($script:Shipped.UserName)@127.0.0.1:$($script:Shipped.HttpsPort)/"
    # Kerberos needs the name the service principal is registered under (HTTP/localhost), not the address.
    $script:KerberosUri = "hyperv://localhost:$($script:Shipped.HttpPort)/?transport=http"
    $script:Wrong = [pscredential]::new($script:Shipped.UserName, (ConvertTo-SecureString ('Wrong-' + (New-TestPassword)) -AsPlainText -Force))
    if ($env:HVL_REALM) {
        $script:Alice = [pscredential]::new($env:HVL_KRB_USER, (ConvertTo-SecureString $env:HVL_KRB_PASSWORD -AsPlainText -Force))
    }
    function Get-ErrorId($Record) { ($Record.FullyQualifiedErrorId -split ',')[0] }
}

AfterAll {
    Disconnect-HvLibvirt -All -Confirm:$false
    $script:Shipped | Stop-TestSimulator
}

Describe 'A host as it ships, with NTLM' -Skip:(-not $script:HasNtlm) {
    AfterEach { Disconnect-HvLibvirt -All -Confirm:$false }

    It 'connects with the default scheme, over HTTP, with every message encrypted' {
        $before = Get-SimulatorStats $script:Shipped
        $c = Connect-HvLibvirt $script:HttpUri -Credential $script:Shipped.Credential
        $c.Authentication | Should -Be 'NTLM'
        $c.MessageEncrypted | Should -BeTrue
        $c.Security | Should -Match 'encrypted with the NTLM session key'
        (Get-HvVersion).Version | Should -BeGreaterThan 0
        @(Get-HvDomain).Count | Should -Be 6
        $after = Get-SimulatorStats $script:Shipped
        ($after.encryptedRequests - $before.encryptedRequests) | Should -BeGreaterOrEqual 3
    }

    It 'takes the scheme from the URI''s auth parameter' {
        $c = Connect-HvLibvirt "$($script:HttpUri)&auth=ntlm" -Credential $script:Shipped.Credential
        $c.Authentication | Should -Be 'NTLM'
        $c.Uri | Should -Match 'auth=ntlm'
    }

    It 'runs the lifecycle over the encrypted session' {
        $null = Connect-HvLibvirt $script:HttpUri -Credential $script:Shipped.Credential
        $off = Get-HvDomain | Where-Object State -eq 'Shutoff' | Select-Object -First 1
        $off | Should -Not -BeNullOrEmpty
        $started = $off | Start-HvDomain -PassThru
        $started.State | Should -Be 'Running'
        $stopped = $started | Stop-HvDomain -TurnOff -Confirm:$false -PassThru
        $stopped.State | Should -Be 'Shutoff'
    }

    It 'sends plain SOAP inside TLS over HTTPS' {
        $c = Connect-HvLibvirt $script:HttpsUri -Credential $script:Shipped.Credential -SkipCACheck -SkipCNCheck -Authentication Negotiate
        $c.Authentication | Should -Be 'NTLM'
        $c.MessageEncrypted | Should -BeFalse
        @(Get-HvDomain).Count | Should -Be 6
    }

    It 'falls back to NTLM itself where .NET''s managed Negotiate would not (a HOST\user account)' {
        $script = @'
$cred = [pscredential]::new('HV-SIM01\' + $env:HVL_CHILD_USER, (ConvertTo-SecureString $env:HVL_CHILD_PASSWORD -AsPlainText -Force))
$c = Connect-HvLibvirt $env:HVL_CHILD_URI -Credential $cred -Authentication Negotiate
"auth=$($c.Authentication) encrypted=$($c.MessageEncrypted) vms=$(@(Get-HvDomain).Count)"
'@
        $out = Invoke-NonInteractivePwsh -Script $script `
            -BeforeImport "[AppContext]::SetSwitch('System.Net.Security.UseManagedNtlm', `$true)" `
            -Environment @{ HVL_CHILD_USER = $script:Shipped.UserName; HVL_CHILD_PASSWORD = $script:Shipped.Password; HVL_CHILD_URI = $script:HttpUri }
        $out | Should -Contain 'auth=NTLM encrypted=True vms=6'
    }

    It 'refuses a wrong password with AuthenticationFailed and the local-account hint' {
        Connect-HvLibvirt $script:HttpUri -Credential $script:Wrong -Authentication Ntlm -ErrorVariable e -ErrorAction SilentlyContinue
        Get-ErrorId $e[0] | Should -Be 'AuthenticationFailed'
        $e[0].Exception.Message | Should -Match 'LocalAccountTokenFilterPolicy'
    }

    It 'names the winrm command when Basic is asked of a host that does not offer it' {
        Connect-HvLibvirt $script:HttpUri -Credential $script:Shipped.Credential -Authentication Basic -ErrorVariable e -ErrorAction SilentlyContinue
        Get-ErrorId $e[0] | Should -Be 'BasicAuthenticationDisabled'
        $e[0].Exception.Message | Should -Match ([regex]::Escape('winrm set winrm/config/service/auth @{Basic="true"}'))
    }

    It 'reports plain SOAP after logging on as UnencryptedTrafficRefused' {
        Connect-HvLibvirt $script:HttpUri -Credential $script:Shipped.Credential -MessageEncryption Never -ErrorVariable e -ErrorAction SilentlyContinue
        Get-ErrorId $e[0] | Should -Be 'UnencryptedTrafficRefused'
    }

    It 'refuses Basic with -MessageEncryption Always before sending anything' {
        $before = (Get-SimulatorStats $script:Shipped).requests
        Connect-HvLibvirt $script:HttpUri -Credential $script:Shipped.Credential -Authentication Basic -MessageEncryption Always -ErrorVariable e -ErrorAction SilentlyContinue
        Get-ErrorId $e[0] | Should -Be 'EncryptionNeedsNegotiate'
        # The one request since is the statistics read itself.
        (Get-SimulatorStats $script:Shipped).requests | Should -Be ($before + 1)
    }
}

Describe 'Every cmdlet over every way in' {
    # The issue's bar: Connect-HvLibvirt, Get-HvVersion, Get-HvDomain and the lifecycle with NTLM (password) and Kerberos
    # (password and ticket cache), over HTTP with message encryption and over HTTPS, against the host as it ships.
    It '<Name> over <Transport>' -ForEach @(
        @{ Name = 'NTLM with a password'; Transport = 'HTTP'; Kind = 'ntlm' }
        @{ Name = 'NTLM with a password'; Transport = 'HTTPS'; Kind = 'ntlm' }
        @{ Name = 'Kerberos with a password'; Transport = 'HTTP'; Kind = 'kerberos' }
        @{ Name = 'Kerberos with a password'; Transport = 'HTTPS'; Kind = 'kerberos' }
        @{ Name = 'Kerberos from the ticket cache'; Transport = 'HTTP'; Kind = 'cache' }
        @{ Name = 'Kerberos from the ticket cache'; Transport = 'HTTPS'; Kind = 'cache' }
    ) {
        if ($Kind -eq 'ntlm' -and -not $script:HasNtlm) { Set-ItResult -Skipped -Because 'gss-ntlmssp is not installed: the simulator cannot serve NTLM here' }
        if ($Kind -ne 'ntlm' -and -not $script:HasRealm) { Set-ItResult -Skipped -Because 'no test realm' }
        $https = $Transport -eq 'HTTPS'
        $port = if ($https) { $script:Shipped.HttpsPort } else { $script:Shipped.HttpPort }
        $query = if ($https) { '' } else { '?transport=http' }
        $tls = @{ SkipCACheck = $https; SkipCNCheck = $https }
        try {
            $c = switch ($Kind) {
                'ntlm' { Connect-HvLibvirt "hyperv://$($script:Shipped.UserName)@127.0.0.1:$port/$query" -Credential $script:Shipped.Credential -Authentication Ntlm @tls }
                'kerberos' { Connect-HvLibvirt "hyperv://localhost:$port/$query" -Credential $script:Alice -Authentication Kerberos @tls }
                'cache' { Connect-HvLibvirt "hyperv://localhost:$port/$query" -Authentication Kerberos @tls }
            }
            $c.Authentication | Should -Be $(if ($Kind -eq 'ntlm') { 'NTLM' } else { 'Kerberos' })
            $c.MessageEncrypted | Should -Be (-not $https)
            (Get-HvVersion -Connection $c).Version | Should -BeGreaterThan 0
            @(Get-HvDomain -Connection $c).Count | Should -Be 6
            $vm = Get-HvDomain -Connection $c | Where-Object State -eq 'Shutoff' | Select-Object -First 1
            ($vm | Start-HvDomain -PassThru).State | Should -Be 'Running'
            ($vm | Suspend-HvDomain -PassThru).State | Should -Be 'Paused'
            ($vm | Resume-HvDomain -PassThru).State | Should -Be 'Running'
            ($vm | Stop-HvDomain -TurnOff -Confirm:$false -PassThru).State | Should -Be 'Shutoff'
        }
        finally { Disconnect-HvLibvirt -All -Confirm:$false }
    }
}

Describe 'Encrypted answers that cannot be trusted' -Skip:(-not $script:HasNtlm) {
    It 'reports <Fault> as <ErrorId> and logs on afresh for the next call' -ForEach @(
        @{ Fault = 'tamper'; ErrorId = 'MessageEncryptionFailed' }
        @{ Fault = 'cleartext'; ErrorId = 'UnencryptedResponseRefused' }
    ) {
        # Connect makes two Enumerates (the namespace probe, the OS read); the listing's is the third.
        $sim = Start-TestSimulator -ExtraArguments '--as-shipped', '--fault', "$Fault@3x1/Enumerate" -Vms 3
        try {
            $c = Connect-HvLibvirt (Get-SimulatorUri $sim) -Credential $sim.Credential
            Get-HvDomain -Connection $c -ErrorVariable e -ErrorAction SilentlyContinue
            Get-ErrorId $e[0] | Should -Be $ErrorId
            $e[0].CategoryInfo.Category | Should -Be 'SecurityError'
            @(Get-HvDomain -Connection $c).Count | Should -Be 3
        }
        finally {
            Disconnect-HvLibvirt -All -Confirm:$false
            $sim | Stop-TestSimulator
        }
    }
}

Describe 'A host that offers no Kerberos' -Skip:(-not ($script:HasNtlm -and $script:HasRealm)) {
    BeforeAll {
        # The stock simulator: Negotiate and Basic, no Kerberos scheme.
        $script:Stock = Start-TestSimulator -Vms 2
    }
    AfterAll { $script:Stock | Stop-TestSimulator }

    It 'says so with the winrm command, as AuthenticationSchemeNotOffered' {
        Connect-HvLibvirt "hyperv://localhost:$($script:Stock.HttpPort)/?transport=http" -Credential $script:Alice -Authentication Kerberos -ErrorVariable e -ErrorAction SilentlyContinue
        Get-ErrorId $e[0] | Should -Be 'AuthenticationSchemeNotOffered'
        $e[0].Exception.Message | Should -Match ([regex]::Escape('winrm set winrm/config/service/auth @{Kerberos="true"}'))
    }
}

Describe 'A host as it ships, with Kerberos from the test realm' -Skip:(-not $script:HasRealm) {
    AfterEach { Disconnect-HvLibvirt -All -Confirm:$false }

    It 'connects with a password (no kinit), lists and changes state, encrypted' {
        $c = Connect-HvLibvirt $script:KerberosUri -Credential $script:Alice -Authentication Kerberos
        $c.Authentication | Should -Be 'Kerberos'
        $c.MessageEncrypted | Should -BeTrue
        @(Get-HvDomain).Count | Should -Be 6
        $off = Get-HvDomain | Where-Object State -eq 'Shutoff' | Select-Object -First 1
        ($off | Start-HvDomain -PassThru).State | Should -Be 'Running'
        ($off | Stop-HvDomain -TurnOff -Confirm:$false -PassThru).State | Should -Be 'Shutoff'
    }

    It 'connects from the ticket cache with no credential and nobody asked' {
        $c = Connect-HvLibvirt $script:KerberosUri -Authentication Kerberos
        $c.UserName | Should -Be '(Kerberos ticket cache)'
        $c.Authentication | Should -Be 'Kerberos'
        (Get-HvVersion).Version | Should -BeGreaterThan 0
    }

    It 'lets Negotiate choose Kerberos for a realm user' {
        $c = Connect-HvLibvirt $script:KerberosUri -Credential $script:Alice
        $c.Authentication | Should -Be 'Kerberos'
    }

    It 'works over HTTPS, unencrypted inside TLS' {
        $c = Connect-HvLibvirt "hyperv://localhost:$($script:Shipped.HttpsPort)/" -Credential $script:Alice -Authentication Kerberos -SkipCACheck -SkipCNCheck
        $c.MessageEncrypted | Should -BeFalse
        @(Get-HvDomain).Count | Should -Be 6
    }

    It 'names an unknown service principal as KerberosUnknownPrincipal' {
        Connect-HvLibvirt $script:KerberosUri -Credential $script:Alice -Authentication Kerberos -ServicePrincipalName 'HTTP/no-such-host.invalid' -ErrorVariable e -ErrorAction SilentlyContinue
        Get-ErrorId $e[0] | Should -Be 'KerberosUnknownPrincipal'
        $e[0].Exception.Message | Should -Match 'ServicePrincipalName'
    }

    It 'names an empty ticket cache as KerberosNoTicket' {
        $out = Invoke-NonInteractivePwsh -Script @'
Connect-HvLibvirt $env:HVL_CHILD_URI -Authentication Kerberos -ErrorVariable e -ErrorAction SilentlyContinue
"id=$(($e[0].FullyQualifiedErrorId -split ',')[0])"
'@ -Environment @{ HVL_CHILD_URI = $script:KerberosUri; KRB5CCNAME = 'FILE:' + (Join-Path ([IO.Path]::GetTempPath()) ('hvl-no-cache-' + [guid]::NewGuid())) }
        $out | Should -Contain 'id=KerberosNoTicket'
    }

    It 'names a KDC nobody answers for as KerberosKdcUnreachable' {
        $dead = Get-FreeTcpPort
        $config = Join-Path ([IO.Path]::GetTempPath()) ('hvl-krb5-' + [guid]::NewGuid() + '.conf')
        (Get-Content -Raw $env:KRB5_CONFIG) -replace "127\.0\.0\.1:$($env:HVL_KDC_PORT)", "127.0.0.1:$dead" | Set-Content $config
        try {
            $out = Invoke-NonInteractivePwsh -Script @'
$cred = [pscredential]::new($env:HVL_KRB_USER, (ConvertTo-SecureString $env:HVL_KRB_PASSWORD -AsPlainText -Force))
Connect-HvLibvirt $env:HVL_CHILD_URI -Credential $cred -Authentication Kerberos -ErrorVariable e -ErrorAction SilentlyContinue
"id=$(($e[0].FullyQualifiedErrorId -split ',')[0])"
'@ -Environment @{ HVL_CHILD_URI = $script:KerberosUri; KRB5_CONFIG = $config }
            $out | Should -Contain 'id=KerberosKdcUnreachable'
        }
        finally { Remove-Item $config -ErrorAction SilentlyContinue }
    }

    It 'names a clock an hour off as KerberosClockSkew' {
        if (-not (Get-Command faketime -ErrorAction SilentlyContinue)) {
            Set-ItResult -Skipped -Because 'faketime is not installed (Debian: apt-get install faketime)'
        }
        # MIT krb5 would otherwise adopt the KDC's time at the first exchange (kdc_timesync): turn that off, as a
        # client whose clock is simply wrong and never corrected.
        $config = Join-Path ([IO.Path]::GetTempPath()) ('hvl-krb5-' + [guid]::NewGuid() + '.conf')
        (Get-Content -Raw $env:KRB5_CONFIG) -replace '\[libdefaults\]', "[libdefaults]`n    kdc_timesync = 0" | Set-Content $config
        try {
            $out = Invoke-NonInteractivePwsh -Script @'
$cred = [pscredential]::new($env:HVL_KRB_USER, (ConvertTo-SecureString $env:HVL_KRB_PASSWORD -AsPlainText -Force))
Connect-HvLibvirt $env:HVL_CHILD_URI -Credential $cred -Authentication Kerberos -ErrorVariable e -ErrorAction SilentlyContinue
"id=$(($e[0].FullyQualifiedErrorId -split ',')[0])"
'@ -Environment @{ HVL_CHILD_URI = $script:KerberosUri; KRB5_CONFIG = $config } -Under 'faketime', '-f', '+1h'
            $out | Should -Contain 'id=KerberosClockSkew'
        }
        finally { Remove-Item $config -ErrorAction SilentlyContinue }
    }
}
