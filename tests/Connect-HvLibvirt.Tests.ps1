BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-Module (Get-TestModulePath) -Force
    $script:Sim = Start-TestSimulator -Https
    $script:HttpUri = Get-SimulatorUri $script:Sim
    $script:HttpsUri = Get-SimulatorUri $script:Sim -Https
}

AfterAll {
    Disconnect-HvLibvirt -All -Confirm:$false
    $script:Sim | Stop-TestSimulator
}

Describe 'Connect-HvLibvirt' {
    AfterEach { Disconnect-HvLibvirt -All -Confirm:$false }

    It 'connects over HTTP and describes the connection' {
        $c = Connect-HvLibvirt $script:HttpUri -Credential $script:Sim.Credential
        $c | Should -BeOfType ([HyperVLibvirt.Core.Connection.HvConnection])
        $c.ComputerName | Should -Be '127.0.0.1'
        $c.Port | Should -Be $script:Sim.HttpPort
        $c.Transport | Should -Be 'Http'
        $c.UserName | Should -Be 'admin'
        $c.Namespace | Should -Be 'root/virtualization/v2'
        $c.OsVersion | Should -Be '10.0.17763'
        $c.IsConnected | Should -BeTrue
        $c.IsDefault | Should -BeTrue
    }

    It 'never exposes the password on the connection object' {
        $c = Connect-HvLibvirt $script:HttpUri -Credential $script:Sim.Credential
        ($c | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($script:Sim.Password))
        ($c | ConvertTo-Json -Depth 3 -WarningAction SilentlyContinue) | Should -Not -Match ([regex]::Escape($script:Sim.Password))
    }

    It 'rejects the self-signed certificate by default, naming the way around it' {
        $c = Connect-HvLibvirt $script:HttpsUri -Credential $script:Sim.Credential -ErrorVariable err -ErrorAction SilentlyContinue
        $c | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'CertificateRejected*'
        $err[0].CategoryInfo.Category | Should -Be 'SecurityError'
        $err[0].Exception.Message | Should -Match 'SkipCACheck'
        $err[0].Exception.Message | Should -Match 'CertificateThumbprint'
    }

    It 'connects over HTTPS with -SkipCACheck -SkipCNCheck' {
        $c = Connect-HvLibvirt $script:HttpsUri -Credential $script:Sim.Credential -SkipCACheck -SkipCNCheck
        $c.Transport | Should -Be 'Https'
        $c.IsConnected | Should -BeTrue
    }

    It 'connects over HTTPS to a pinned certificate thumbprint' {
        $thumb = Get-CertificateThumbprint $script:Sim.CertificatePath
        $c = Connect-HvLibvirt $script:HttpsUri -Credential $script:Sim.Credential -CertificateThumbprint $thumb
        $c.IsConnected | Should -BeTrue
    }

    It 'rejects a pinned thumbprint that does not match' {
        $wrong = 'AB' * 20
        $c = Connect-HvLibvirt $script:HttpsUri -Credential $script:Sim.Credential -CertificateThumbprint $wrong -ErrorVariable err -ErrorAction SilentlyContinue
        $c | Should -BeNullOrEmpty
        $err[0].CategoryInfo.Category | Should -Be 'SecurityError'
    }

    It 'makes the newest connection the default, unless -NotDefault' {
        $first = Connect-HvLibvirt $script:HttpUri -Credential $script:Sim.Credential
        $second = Connect-HvLibvirt $script:HttpUri -Credential $script:Sim.Credential
        (Get-HvConnection -Default) | Should -Be $second
        $first.IsDefault | Should -BeFalse
        $third = Connect-HvLibvirt $script:HttpUri -Credential $script:Sim.Credential -NotDefault
        (Get-HvConnection -Default) | Should -Be $second
        $third.IsDefault | Should -BeFalse
        @(Get-HvConnection).Count | Should -Be 3
    }

    It 'fails with AuthenticationError on a wrong password' {
        $bad = [pscredential]::new('admin', (ConvertTo-SecureString 'not-the-password' -AsPlainText -Force))
        $c = Connect-HvLibvirt $script:HttpUri -Credential $bad -ErrorVariable err -ErrorAction SilentlyContinue
        $c | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'AuthenticationFailed*'
        $err[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err[0].TargetObject | Should -Match '127\.0\.0\.1'
    }

    It 'fails with a ConnectionError naming host and port when nothing listens' {
        $port = Get-FreeTcpPort
        $c = Connect-HvLibvirt "hyperv://admin@127.0.0.1:$port/?transport=http" -Credential $script:Sim.Credential -ErrorVariable err -ErrorAction SilentlyContinue
        $c | Should -BeNullOrEmpty
        $err[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $err[0].Exception.Message | Should -Match "127\.0\.0\.1"
        $err[0].Exception.Message | Should -Match "$port"
    }

    It 'fails with OperationTimeout when the host never answers' {
        $silent = New-SilentListener
        try {
            $port = $silent.LocalEndpoint.Port
            $c = Connect-HvLibvirt "hyperv://admin@127.0.0.1:$port/?transport=http" -Credential $script:Sim.Credential -OperationTimeoutSec 1 -ErrorVariable err -ErrorAction SilentlyContinue
            $c | Should -BeNullOrEmpty
            $err[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        }
        finally { $silent.Stop() }
    }

    It 'rejects a bad transport with libvirt''s text' {
        Connect-HvLibvirt 'hyperv://admin@127.0.0.1/?transport=ftp' -Credential $script:Sim.Credential -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidUri*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].Exception.Message | Should -Be "Query parameter 'transport' has unexpected value 'ftp' (should be http|https)"
    }

    It 'rejects a URI without a host with libvirt''s text' {
        Connect-HvLibvirt 'hyperv:///' -Credential $script:Sim.Credential -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].Exception.Message | Should -Be 'URI is missing the server part'
    }

    It 'warns about an unknown query parameter and still connects' {
        $c = Connect-HvLibvirt "$($script:HttpUri)&flavour=mint" -Credential $script:Sim.Credential -WarningVariable warn -WarningAction SilentlyContinue
        $c.IsConnected | Should -BeTrue
        "$warn" | Should -Match "Ignoring unexpected query parameter 'flavour'"
    }

    It 'writes one verbose line per WS-Man operation' {
        $c = Connect-HvLibvirt $script:HttpUri -Credential $script:Sim.Credential -Verbose 4>&1
        $verbose = @($c | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $verbose -match '^WS-Man Identify' | Should -Not -BeNullOrEmpty
        ($verbose -match '^WS-Man Enumerate .*root/cimv2').Count | Should -BeGreaterOrEqual 1
    }

    It 'keeps the password out of every stream, error and trace' {
        $bad = [pscredential]::new('admin', (ConvertTo-SecureString 'Wrong-Secret-42' -AsPlainText -Force))
        $all = & {
            Connect-HvLibvirt $script:HttpUri -Credential $script:Sim.Credential -Verbose -Debug -ErrorAction Continue
            Connect-HvLibvirt $script:HttpUri -Credential $bad -Verbose -Debug -ErrorAction Continue
            Connect-HvLibvirt $script:HttpsUri -Credential $script:Sim.Credential -Verbose -Debug -ErrorAction Continue
            Get-HvVersion -Verbose -Debug -ErrorAction Continue
        } *>&1 | ForEach-Object {
            if ($_ -is [System.Management.Automation.ErrorRecord]) { $_ | Format-List * -Force | Out-String; $_.Exception | Format-List * -Force | Out-String }
            else { $_ | Format-List * -Force | Out-String }
        }
        $text = $all -join "`n"
        $text | Should -Match 'RequestEnvelope' -Because '-Debug must show the envelopes'
        $text | Should -Match 'AuthenticationFailed|rejected the credentials'
        $text | Should -Not -Match ([regex]::Escape($script:Sim.Password))
        $text | Should -Not -Match 'Wrong-Secret-42'
        $basic = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("admin:$($script:Sim.Password)"))
        $text | Should -Not -Match ([regex]::Escape($basic))
    }
}

Describe 'Connect-HvLibvirt against hosts configured against us' {
    It 'explains how to enable Basic when the host has it disabled' {
        $sim = Start-TestSimulator -ExtraArguments '--no-basic'
        try {
            Connect-HvLibvirt (Get-SimulatorUri $sim) -Credential $sim.Credential -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'BasicAuthenticationDisabled*'
            $err[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
            $err[0].Exception.Message | Should -Match ([regex]::Escape('winrm set winrm/config/service/auth @{Basic="true"}'))
        }
        finally { $sim | Stop-TestSimulator }
    }

    It 'explains AllowUnencrypted and suggests HTTPS when plain HTTP is refused' {
        $sim = Start-TestSimulator -ExtraArguments '--no-unencrypted'
        try {
            Connect-HvLibvirt (Get-SimulatorUri $sim) -Credential $sim.Credential -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
            $err[0].Exception.Message | Should -Match 'AllowUnencrypted'
            $err[0].Exception.Message | Should -Match 'https'
        }
        finally { $sim | Stop-TestSimulator }
    }

    It 'finds the v1 namespace on a Windows Server 2008 R2 host' {
        $sim = Start-TestSimulator -Profile ws2008r2
        try {
            $c = Connect-HvLibvirt (Get-SimulatorUri $sim) -Credential $sim.Credential
            $c.Namespace | Should -Be 'root/virtualization'
            $c.Api | Should -Be 'V1'
        }
        finally { Disconnect-HvLibvirt -All -Confirm:$false; $sim | Stop-TestSimulator }
    }
}

Describe 'Connect-HvLibvirt without a credential' {
    It 'fails clearly instead of hanging in a non-interactive session' {
        $module = Get-TestModulePath
        $uri = $script:HttpUri
        $output = & dotnet pwsh -NoProfile -NonInteractive -Command "Import-Module '$module'; Connect-HvLibvirt '$uri' -ErrorAction Continue 2>&1 | ForEach-Object { `$_.FullyQualifiedErrorId }" 2>&1
        "$output" | Should -Match 'CredentialRequired'
    }
}

Describe 'Stopping a cmdlet (Ctrl+C)' {
    It 'cancels a call in flight instead of waiting for the timeout' {
        $silent = New-SilentListener
        $ps = [powershell]::Create()
        try {
            $port = $silent.LocalEndpoint.Port
            $null = $ps.AddCommand('Import-Module').AddArgument((Get-TestModulePath)).AddStatement()
            $null = $ps.AddCommand('Connect-HvLibvirt').AddArgument("hyperv://admin@127.0.0.1:$port/?transport=http").AddParameter('Credential', $script:Sim.Credential).AddParameter('OperationTimeoutSec', 3600)
            $async = $ps.BeginInvoke()
            # Give the call time to be in flight, then stop it as Ctrl+C does.
            $null = $async.AsyncWaitHandle.WaitOne(2000)
            $async.IsCompleted | Should -BeFalse -Because 'the host never answers, so the call must still be waiting'
            $stop = $ps.BeginStop($null, $null)
            $stop.AsyncWaitHandle.WaitOne(30000) | Should -BeTrue -Because 'stopping must not wait for the hour-long timeout'
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally { $ps.Dispose(); $silent.Stop() }
    }
}

Describe 'Connect-HvLibvirt when the host misbehaves' {
    AfterEach { Disconnect-HvLibvirt -All -Confirm:$false }

    It 'turns a WS-Man fault into a ProtocolError carrying the fault''s details' {
        $sim = Start-TestSimulator -ExtraArguments '--fault', 'wsman:InternalError/Enumerate'
        try {
            Connect-HvLibvirt (Get-SimulatorUri $sim) -Credential $sim.Credential -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'WsManFault*'
            $err[0].CategoryInfo.Category | Should -Be 'ProtocolError'
            $err[0].Exception.Subcode | Should -Match 'InternalError'
            $err[0].Exception.WsManCode | Should -Not -BeNullOrEmpty
        }
        finally { $sim | Stop-TestSimulator }
    }

    It 'turns malformed XML into a ProtocolError, not a hang or a crash' {
        $sim = Start-TestSimulator -ExtraArguments '--fault', 'invalidxml/Enumerate'
        try {
            Connect-HvLibvirt (Get-SimulatorUri $sim) -Credential $sim.Credential -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'WsManProtocolError*'
            $err[0].CategoryInfo.Category | Should -Be 'ProtocolError'
        }
        finally { $sim | Stop-TestSimulator }
    }

    It 'turns truncated XML into a ProtocolError' {
        $sim = Start-TestSimulator -ExtraArguments '--fault', 'truncate/Enumerate'
        try {
            Connect-HvLibvirt (Get-SimulatorUri $sim) -Credential $sim.Credential -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].CategoryInfo.Category | Should -Be 'ProtocolError'
        }
        finally { $sim | Stop-TestSimulator }
    }

    It 'reports an unavailable service (HTTP 503)' {
        $sim = Start-TestSimulator -ExtraArguments '--fault', 'http503/Enumerate'
        try {
            Connect-HvLibvirt (Get-SimulatorUri $sim) -Credential $sim.Credential -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].CategoryInfo.Category | Should -Be 'ProtocolError'
            $err[0].Exception.Message | Should -Match '503|unavailable'
        }
        finally { $sim | Stop-TestSimulator }
    }
}

Describe 'Connect-HvLibvirt URI forms' {
    AfterEach { Disconnect-HvLibvirt -All -Confirm:$false }

    It 'connects to an IPv6 literal' {
        $sim = Start-TestSimulator -ExtraArguments '--ipv6'
        try {
            $c = Connect-HvLibvirt "hyperv://admin@[::1]:$($sim.HttpPort)/?transport=http" -Credential $sim.Credential
            $c.ComputerName | Should -Be '::1'
            (Get-HvVersion -Connection $c).Packed | Should -Be 1000017763
        }
        finally { $sim | Stop-TestSimulator }
    }

    It 'connects as a percent-encoded domain user' {
        $sim = Start-TestSimulator -UserName 'LAB\operator'
        try {
            $c = Connect-HvLibvirt "hyperv://LAB%5Coperator@127.0.0.1:$($sim.HttpPort)/?transport=http" -Credential $sim.Credential
            $c.UserName | Should -Be 'LAB\operator'
            $c.IsConnected | Should -BeTrue
        }
        finally { $sim | Stop-TestSimulator }
    }
}
