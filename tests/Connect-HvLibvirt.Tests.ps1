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

    It 'connects over HTTPS trusting the certificate in -CACertificateFile, given as a relative path' {
        Push-Location (Split-Path $script:Sim.CertificatePath)
        try {
            $c = Connect-HvLibvirt $script:HttpsUri -Credential $script:Sim.Credential -CACertificateFile (Split-Path $script:Sim.CertificatePath -Leaf)
        }
        finally { Pop-Location }
        $c.IsConnected | Should -BeTrue
    }

    It 'reports a CA certificate file that cannot be read as CACertificateFileInvalid' {
        $missing = Join-Path ([IO.Path]::GetTempPath()) ('hvl-missing-' + [guid]::NewGuid().ToString('n') + '.pem')
        $c = Connect-HvLibvirt $script:HttpsUri -Credential $script:Sim.Credential -CACertificateFile $missing -ErrorVariable err -ErrorAction SilentlyContinue
        $c | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'CACertificateFileInvalid*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'rejects a pinned thumbprint that does not match' {
        $wrong = 'AB' * 20
        $c = Connect-HvLibvirt $script:HttpsUri -Credential $script:Sim.Credential -CertificateThumbprint $wrong -ErrorVariable err -ErrorAction SilentlyContinue
        $c | Should -BeNullOrEmpty
        $err[0].CategoryInfo.Category | Should -Be 'SecurityError'
    }

    It 'makes the newest connection the default, unless -NotDefault' {
        # Three endpoints (http, https, another host name), since one endpoint and user is one connection.
        $first = Connect-HvLibvirt $script:HttpUri -Credential $script:Sim.Credential
        $second = Connect-HvLibvirt $script:HttpsUri -Credential $script:Sim.Credential -SkipCACheck -SkipCNCheck
        (Get-HvConnection -Default) | Should -Be $second
        $first.IsDefault | Should -BeFalse
        $third = Connect-HvLibvirt "hyperv://admin@localhost:$($script:Sim.HttpPort)/?transport=http" -Credential $script:Sim.Credential -NotDefault
        (Get-HvConnection -Default) | Should -Be $second
        $third.IsDefault | Should -BeFalse
        @(Get-HvConnection).Count | Should -Be 3
    }

    It 'returns the open connection when the same endpoint and user connect again' {
        $first = Connect-HvLibvirt $script:HttpUri -Credential $script:Sim.Credential
        $opened = (Get-SimulatorStats $script:Sim).requests
        $statsCost = (Get-SimulatorStats $script:Sim).requests - $opened
        $again = foreach ($i in 1..4) { Connect-HvLibvirt $script:HttpUri -Credential $script:Sim.Credential -Verbose 4>&1 }
        ((Get-SimulatorStats $script:Sim).requests - $opened) | Should -Be (2 * $statsCost) -Because 'reuse sends nothing to the host'
        $connections = @($again | Where-Object { $_ -is [HyperVLibvirt.Core.Connection.HvConnection] })
        $connections | Should -HaveCount 4
        $connections | ForEach-Object { [object]::ReferenceEquals($_, $first) | Should -BeTrue }
        @($again | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Reusing the open connection*' }) | Should -HaveCount 4
        @(Get-HvConnection) | Should -HaveCount 1
        $vms = @(Get-HvDomain -Connection $first)
        @(Get-HvConnection | Get-HvDomain) | Should -HaveCount $vms.Count
    }

    It 'reuses the connection for the same user in another case and without a user in the URI' {
        $first = Connect-HvLibvirt $script:HttpUri -Credential $script:Sim.Credential
        $upper = [pscredential]::new('ADMIN', $script:Sim.Credential.Password)
        $noUser = "hyperv://127.0.0.1:$($script:Sim.HttpPort)/?transport=http"
        [object]::ReferenceEquals((Connect-HvLibvirt $noUser -Credential $upper), $first) | Should -BeTrue
    }

    It 'makes a reused connection the default again, unless -NotDefault' {
        $first = Connect-HvLibvirt $script:HttpUri -Credential $script:Sim.Credential
        $other = Connect-HvLibvirt $script:HttpsUri -Credential $script:Sim.Credential -SkipCACheck -SkipCNCheck
        $null = Connect-HvLibvirt $script:HttpUri -Credential $script:Sim.Credential -NotDefault
        (Get-HvConnection -Default) | Should -Be $other
        $null = Connect-HvLibvirt $script:HttpUri -Credential $script:Sim.Credential
        (Get-HvConnection -Default) | Should -Be $first
        $other.IsDefault | Should -BeFalse
    }

    It 'refuses to connect again with other settings, naming the open connection (ConnectionExists)' {
        $first = Connect-HvLibvirt $script:HttpUri -Credential $script:Sim.Credential
        $c = Connect-HvLibvirt $script:HttpUri -Credential $script:Sim.Credential -OperationTimeoutSec 5 -ErrorVariable err -ErrorAction SilentlyContinue
        $c | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ConnectionExists*'
        $err[0].ErrorDetails.RecommendedAction | Should -Match 'Disconnect-HvLibvirt'
        @(Get-HvConnection) | Should -HaveCount 1
        $first.IsConnected | Should -BeTrue
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

    It 'reports a malformed host name as InvalidUri and goes on to the next URI' {
        $uris = 'hyperv://admin@a..b/', 'hyperv://admin@127..1/', $script:HttpUri
        $c = $uris | Connect-HvLibvirt -Credential $script:Sim.Credential -ErrorVariable err -ErrorAction SilentlyContinue
        @($c).Count | Should -Be 1
        $c.IsConnected | Should -BeTrue
        $err.Count | Should -Be 2
        $err | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'InvalidUri*' }
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
        # -Debug shows each request envelope; Pull and Release continue an Enumerate's operation.
        $c = Connect-HvLibvirt $script:HttpUri -Credential $script:Sim.Credential -Verbose -Debug *>&1
        $verbose = @($c | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'WS-Man *' } |
            ForEach-Object { Get-OperationKey $_.Message })
        $requests = @($c | Where-Object { $_ -is [System.Management.Automation.DebugRecord] -and $_.Message -like 'RequestEnvelope *' } |
            ForEach-Object { Get-OperationKey $_.Message } | Where-Object { $_ -notlike 'Pull*' -and $_ -notlike 'Release*' })
        $requests | Should -Not -BeNullOrEmpty
        ($verbose -join ',') | Should -Be ($requests -join ',')
        # Basic proves the credentials with an Identify; a Negotiate/NTLM handshake proves them without one.
        $connection = $c | Where-Object { $_ -is [HyperVLibvirt.Core.Connection.HvConnection] }
        $verbose[0] | Should -BeLike $(if ($connection.Authentication -eq 'Basic') { 'Identify' } else { 'Enumerate *root/virtualization*' })
    }

    It 'keeps the password out of every stream, error and trace' {
        $bad = [pscredential]::new('admin', (ConvertTo-SecureString 'Wrong-Secret-42' -AsPlainText -Force))
        $all = & {
            Connect-HvLibvirt $script:HttpUri -Credential $script:Sim.Credential -Verbose -Debug -ErrorAction Continue
            Get-HvVersion -Verbose -Debug -ErrorAction Continue
            # Closed first: an open connection to the same endpoint and user would be reused unchecked.
            Disconnect-HvLibvirt -All -Confirm:$false
            Connect-HvLibvirt $script:HttpUri -Credential $bad -Verbose -Debug -ErrorAction Continue
            Connect-HvLibvirt $script:HttpsUri -Credential $script:Sim.Credential -Verbose -Debug -ErrorAction Continue
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
            # libvirt's scheme, asked for by name (the default would use the Negotiate the host still offers).
            Connect-HvLibvirt (Get-SimulatorUri $sim) -Credential $sim.Credential -Authentication Basic -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'BasicAuthenticationDisabled*'
            $err[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
            $err[0].Exception.Message | Should -Match ([regex]::Escape('winrm set winrm/config/service/auth @{Basic="true"}'))
        }
        finally { $sim | Stop-TestSimulator }
    }

    It 'explains AllowUnencrypted and suggests HTTPS when plain HTTP is refused' {
        $sim = Start-TestSimulator -ExtraArguments '--no-unencrypted'
        try {
            # Basic over HTTP, as libvirt sends it (the default would encrypt with Negotiate and be served).
            Connect-HvLibvirt (Get-SimulatorUri $sim) -Credential $sim.Credential -Authentication Basic -ErrorVariable err -ErrorAction SilentlyContinue
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

Describe 'Connect-HvLibvirt with a password in the URI' {
    It 'refuses <Case> with InvalidUri and attaches it nowhere' -ForEach @(
        @{ Case = 'user:password@'; Uri = 'hyperv://admin:S3cretPw9@127.0.0.1:5985/?transport=http' }
        @{ Case = 'a password holding a slash'; Uri = 'hyperv://admin:S3cr/etPw9@127.0.0.1:5985/?transport=http' }
        @{ Case = 'a password holding a hash'; Uri = 'hyperv://admin:S3cr#etPw9@127.0.0.1/' }
    ) {
        # Passed through a variable: PowerShell keeps the typed command line (InvocationInfo.Line,
        # Get-History), which no module controls; everything else is ours to keep clean.
        $uriText = $Uri
        $out = Connect-HvLibvirt $uriText -Credential $script:Sim.Credential -Verbose -Debug -ErrorVariable err -ErrorAction Continue *>&1
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidUri*'
        $err[0].Exception.Message | Should -Match 'must not contain a password'
        $err[0].TargetObject | Should -BeLike 'hyperv://admin:`*`*`*@127.0.0.1*'
        $text = @(
            $out | ForEach-Object { $_ | Format-List * -Force | Out-String }
            $err[0] | Format-List * -Force | Out-String
            $err[0].CategoryInfo | Format-List * -Force | Out-String
            $err[0].Exception | Format-List * -Force | Out-String
            $err[0] | Get-Error | Out-String
            $err[0] | ConvertTo-Json -Depth 3 -WarningAction SilentlyContinue
        ) -join "`n"
        $text | Should -Not -Match 'etPw9'
        $text | Should -Not -Match 'S3cr'
        @(Get-HvConnection) | Should -HaveCount 0
    }
}

Describe 'Connect-HvLibvirt prompting for the credential' {
    BeforeAll {
        if (-not ('HyperVLibvirt.Tests.RecordingHost' -as [type])) {
            Add-Type -Path (Join-Path $PSScriptRoot 'Helpers/RecordingHost.cs')
        }
        function Invoke-WithHost($TestHost, [string] $Uri) {
            $runspace = [runspacefactory]::CreateRunspace($TestHost)
            $runspace.Open()
            $ps = [powershell]::Create()
            $ps.Runspace = $runspace
            try {
                $null = $ps.AddCommand('Import-Module').AddArgument((Get-TestModulePath)).AddStatement()
                $null = $ps.AddCommand('Connect-HvLibvirt').AddArgument($Uri)
                $output = $ps.Invoke()
                [pscustomobject]@{ Connection = $output | Select-Object -First 1; Errors = @($ps.Streams.Error) }
            }
            finally { $ps.Dispose(); $runspace.Dispose() }
        }
    }

    It 'sends exactly the URI''s user, even from a host that puts the target in front of it' {
        # Windows' credential UI answers 'target\user' when it is given a target name.
        $testHost = [HyperVLibvirt.Tests.RecordingHost]::new($script:Sim.Password, '', $true)
        $result = Invoke-WithHost $testHost $script:HttpUri
        $result.Errors | Should -HaveCount 0
        $result.Connection.UserName | Should -BeExactly 'admin'
        $result.Connection.IsConnected | Should -BeTrue
        $testHost.CredentialPrompts | Should -HaveCount 1
        $testHost.CredentialPrompts[0].UserName | Should -BeExactly 'admin'
        $testHost.CredentialPrompts[0].Message | Should -Be "Enter admin's password for 127.0.0.1"
        $testHost.PromptedFields | Should -HaveCount 0 -Because 'the URI names the user'
    }

    It 'asks for a user when the URI names none, with administrator as the default' {
        $sim = Start-TestSimulator -UserName 'administrator'
        try {
            $testHost = [HyperVLibvirt.Tests.RecordingHost]::new($sim.Password, '', $true)
            $result = Invoke-WithHost $testHost "hyperv://127.0.0.1:$($sim.HttpPort)/?transport=http"
            $result.Errors | Should -HaveCount 0
            $result.Connection.UserName | Should -BeExactly 'administrator'
            $testHost.PromptedFields | Should -HaveCount 1
            $testHost.PromptedFields[0].DefaultValue.ToString() | Should -Be 'administrator'
            $testHost.CredentialPrompts[0].UserName | Should -BeExactly 'administrator'
        }
        finally { $sim | Stop-TestSimulator }
    }

    It 'sends the user typed at the prompt when the URI names none' {
        $sim = Start-TestSimulator -UserName 'operator'
        try {
            $testHost = [HyperVLibvirt.Tests.RecordingHost]::new($sim.Password, 'operator', $false)
            $result = Invoke-WithHost $testHost "hyperv://127.0.0.1:$($sim.HttpPort)/?transport=http"
            $result.Errors | Should -HaveCount 0
            $result.Connection.UserName | Should -BeExactly 'operator'
        }
        finally { $sim | Stop-TestSimulator }
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
            # Stop it as Ctrl+C does once the call is in flight: the silent host has a connection waiting.
            for ($i = 0; $i -lt 1200 -and -not $silent.Pending(); $i++) { Start-Sleep -Milliseconds 50 }
            $silent.Pending() | Should -BeTrue -Because 'Connect-HvLibvirt must have reached the host'
            $async.IsCompleted | Should -BeFalse -Because 'the host never answers, so the call must still be waiting'
            $stop = $ps.BeginStop($null, $null)
            # A bound that only catches a hang: the timeout it must not wait for is an hour.
            $stop.AsyncWaitHandle.WaitOne([TimeSpan]::FromMinutes(5)) | Should -BeTrue -Because 'stopping must not wait for the hour-long timeout'
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
