# The throwaway Kerberos realm that build.ps1 starts around the run (tests/Realm/TestRealm.psm1)
# is a real one: a KDC on loopback that issues and refuses tickets, a filled ticket cache, and a
# keytab that decrypts the service tickets it issues. Every test skips with 'no test realm' when
# the run has none (HVL_REALM unset).

BeforeAll {
    function Skip-WithoutRealm {
        if (-not $env:HVL_REALM) { Set-ItResult -Skipped -Because 'no test realm' }
    }

    function Invoke-Krb {
        # A Kerberos client tool with the realm's environment, optionally with a ticket cache of
        # its own and a password on stdin (never argv); returns its exit code and text.
        param([string] $Tool, [string[]] $Arguments, [string] $Ccache, [string] $StdIn)
        # kadmin.local lives in /usr/sbin, which a non-root PATH often lacks.
        $path = (Get-Command $Tool -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
        if (-not $path -and (Test-Path "/usr/sbin/$Tool")) { $path = "/usr/sbin/$Tool" }
        if (-not $path) { throw "$Tool is not installed." }
        $info = [System.Diagnostics.ProcessStartInfo]::new($path)
        foreach ($a in $Arguments) { $info.ArgumentList.Add($a) }
        $info.RedirectStandardInput = $true
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $info.UseShellExecute = $false
        if ($Ccache) { $info.Environment['KRB5CCNAME'] = "FILE:$Ccache" }
        $process = [System.Diagnostics.Process]::Start($info)
        try {
            $out = $process.StandardOutput.ReadToEndAsync()
            $err = $process.StandardError.ReadToEndAsync()
            if ($StdIn) { $process.StandardInput.WriteLine($StdIn) }
            $process.StandardInput.Close()
            if (-not $process.WaitForExit(30000)) { $process.Kill($true); throw "$Tool hung for 30 s." }
            $process.WaitForExit()
            [pscustomobject]@{ ExitCode = $process.ExitCode; Text = $out.Result + $err.Result }
        }
        finally { $process.Dispose() }
    }

    function New-ScratchCcache {
        # A ticket cache path of a test's own, inside the realm's folder (removed with it).
        Join-Path $env:HVL_REALM_DIR ('scratch-' + [guid]::NewGuid().ToString('n'))
    }
}

Describe 'The test realm' {
    It 'exports its realm, user and files to the run' {
        Skip-WithoutRealm
        $env:HVL_KRB_USER | Should -Be "alice@$env:HVL_REALM"
        $env:HVL_KRB_PASSWORD | Should -Not -BeNullOrEmpty
        $env:KRB5_CONFIG | Should -Exist
        $env:KRB5_KDC_PROFILE | Should -Exist
        ($env:KRB5_KTNAME -replace '^FILE:', '') | Should -Exist
        $env:KRB5CCNAME | Should -BeLike "FILE:$env:HVL_REALM_DIR/*"
    }

    It 'keeps its folder private to its owner (mode 0700)' -Skip:$IsWindows {
        Skip-WithoutRealm
        (Get-Item $env:HVL_REALM_DIR).UnixFileMode | Should -Be ([IO.UnixFileMode] 'UserRead, UserWrite, UserExecute')
    }

    It 'has its KDC accepting on 127.0.0.1 at HVL_KDC_PORT' {
        Skip-WithoutRealm
        $client = [System.Net.Sockets.TcpClient]::new([System.Net.Sockets.AddressFamily]::InterNetwork)
        try {
            $client.ConnectAsync([System.Net.IPAddress]::Loopback, [int] $env:HVL_KDC_PORT).Wait(5000) | Should -BeTrue
            $client.Connected | Should -BeTrue
        }
        finally { $client.Dispose() }
        Get-Content $env:KRB5_CONFIG -Raw | Should -Match ([regex]::Escape("kdc = 127.0.0.1:$env:HVL_KDC_PORT"))
    }

    It "holds the user's TGT in the run's ticket cache (klist)" {
        Skip-WithoutRealm
        $r = Invoke-Krb klist @('-c', $env:KRB5CCNAME)
        $r.ExitCode | Should -Be 0
        $r.Text | Should -Match ([regex]::Escape("Default principal: $env:HVL_KRB_USER"))
        $r.Text | Should -Match ([regex]::Escape("krbtgt/$env:HVL_REALM@$env:HVL_REALM"))
    }

    It 'issues a ticket for HTTP/localhost from that cache, which the keytab decrypts (kvno -k)' {
        Skip-WithoutRealm
        $keytab = $env:KRB5_KTNAME -replace '^FILE:', ''
        $r = Invoke-Krb kvno @('-k', $keytab, 'HTTP/localhost')
        $r.ExitCode | Should -Be 0
        $r.Text | Should -Match ([regex]::Escape("HTTP/localhost@$env:HVL_REALM") + ': kvno = \d+, keytab entry valid')
    }

    It 'has HTTP/localhost in the keytab (klist -k)' {
        Skip-WithoutRealm
        $r = Invoke-Krb klist @('-k', $env:KRB5_KTNAME)
        $r.ExitCode | Should -Be 0
        $r.Text | Should -Match ([regex]::Escape("HTTP/localhost@$env:HVL_REALM"))
    }

    It 'gives the second user a TGT for its password' {
        Skip-WithoutRealm
        $cache = New-ScratchCcache
        $r = Invoke-Krb kinit @($env:HVL_KRB_USER2) -Ccache $cache -StdIn $env:HVL_KRB_PASSWORD2
        $r.ExitCode | Should -Be 0
        (Invoke-Krb klist @('-c', "FILE:$cache")).Text | Should -Match ([regex]::Escape("Default principal: $env:HVL_KRB_USER2"))
    }

    It 'refuses a wrong password' {
        Skip-WithoutRealm
        $cache = New-ScratchCcache
        $r = Invoke-Krb kinit @($env:HVL_KRB_USER) -Ccache $cache -StdIn ($env:HVL_KRB_PASSWORD + 'x')
        $r.ExitCode | Should -Not -Be 0
        $r.Text | Should -Match 'Password incorrect'
        $cache | Should -Not -Exist
    }

    It 'requires pre-authentication from its users, as Active Directory does' {
        Skip-WithoutRealm
        $r = Invoke-Krb kadmin.local @('-r', $env:HVL_REALM, '-q', "getprinc $env:HVL_KRB_USER")
        $r.ExitCode | Should -Be 0
        $r.Text | Should -Match 'Attributes:.*REQUIRES_PRE_AUTH'
    }

    It 'refuses a user it does not know' {
        Skip-WithoutRealm
        $cache = New-ScratchCcache
        $r = Invoke-Krb kinit @("nosuchuser@$env:HVL_REALM") -Ccache $cache -StdIn 'whatever'
        $r.ExitCode | Should -Not -Be 0
        $r.Text | Should -Match 'not found in Kerberos database'
    }

    It "lets Debian's Python compute MD4 (pywinrm's NTLM) with HVL_OPENSSL_LEGACY_CONF" {
        Skip-WithoutRealm
        if (-not (Test-Path /usr/bin/python3)) { Set-ItResult -Skipped -Because 'no /usr/bin/python3' }
        $info = [System.Diagnostics.ProcessStartInfo]::new('/usr/bin/python3')
        foreach ($a in '-c', "import hashlib; print(hashlib.new('md4', b'abc').hexdigest())") { $info.ArgumentList.Add($a) }
        $info.RedirectStandardOutput = $true
        $info.UseShellExecute = $false
        $info.Environment['OPENSSL_CONF'] = $env:HVL_OPENSSL_LEGACY_CONF
        $process = [System.Diagnostics.Process]::Start($info)
        try {
            $out = $process.StandardOutput.ReadToEndAsync()
            $process.WaitForExit(30000) | Should -BeTrue
            # RFC 1320, appendix A.5: MD4("abc").
            $out.Result.Trim() | Should -Be 'a448017aaf21d8525fc10ae87aa6729d'
        }
        finally { $process.Dispose() }
    }
}
