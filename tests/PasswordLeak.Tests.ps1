# No cmdlet may let the password out: not in any stream, error record, Get-Error, Format-List * -Force
# or ConvertTo-Json of anything the module returns. PowerShell's own record of the command line
# typed (InvocationInfo.Line, Get-History) is out of any module's control, so the secrets reach the
# cmdlets through variables here, and the URI holding a password is built at run time.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-Module (Get-TestModulePath) -Force
    $script:Sim = Start-TestSimulator -Https
    $script:UriSecret = 'Uri-' + (New-TestPassword)
    $script:WrongSecret = 'Wrong-' + (New-TestPassword)

    function ConvertTo-EveryView {
        # Every way a user or a log could render what a cmdlet wrote.
        param([Parameter(ValueFromPipeline)] $Item)
        process {
            if ($null -eq $Item) { return }
            $Item | Format-List * -Force | Out-String -Width 400
            $Item | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
            if ($Item -is [System.Management.Automation.ErrorRecord]) {
                $Item | Get-Error | Out-String -Width 400
                $Item.CategoryInfo | Format-List * -Force | Out-String -Width 400
                $Item.Exception | Format-List * -Force | Out-String -Width 400
                $Item.Exception.Data | Format-List * -Force | Out-String -Width 400
                "$($Item.TargetObject)"
                $Item.ErrorDetails | Format-List * -Force | Out-String -Width 400
            }
        }
    }
}

AfterAll {
    Disconnect-HvLibvirt -All -Confirm:$false
    $script:Sim | Stop-TestSimulator
}

Describe 'The password, on every cmdlet''s error path' {
    BeforeAll {
        $cred = $script:Sim.Credential
        $wrong = [pscredential]::new('admin', (ConvertTo-SecureString $script:WrongSecret -AsPlainText -Force))
        $http = Get-SimulatorUri $script:Sim
        $https = Get-SimulatorUri $script:Sim -Https
        $withPassword = $http -replace 'admin@', "admin:$($script:UriSecret)@"
        $common = @{ Verbose = $true; Debug = $true; ErrorAction = 'Continue' }
        $Error.Clear()
        $script:Records = & {
            Connect-HvLibvirt $withPassword -Credential $cred @common
            Connect-HvLibvirt $http -Credential $wrong @common
            Connect-HvLibvirt $https -Credential $cred @common
            $c = Connect-HvLibvirt $http -Credential $cred @common
            Get-HvConnection
            Get-HvVersion @common
            Get-HvDomain @common
            Get-HvDomain -Name 'no-such-vm' -Detailed @common
            Start-HvDomain -Name 'no-such-vm' @common
            Stop-HvDomain -Name 'no-such-vm' -TurnOff -Confirm:$false @common
            Restart-HvDomain -Name 'no-such-vm' @common
            Suspend-HvDomain -Name 'no-such-vm' @common
            Resume-HvDomain -Name 'no-such-vm' @common
            Remove-HvDomainManagedSave -Name 'no-such-vm' @common
            # A state change the host refuses: the error's target is a domain with its connection.
            Get-HvDomain | Where-Object State -eq 'Shutoff' | Select-Object -First 1 | Resume-HvDomain @common
            Disconnect-HvLibvirt -Connection $c -PassThru @common
            Get-HvVersion -Connection $c @common
            Get-HvDomain -Connection $c @common
            Disconnect-HvLibvirt @common
        } *>&1
        $script:Errors = @($Error)
        $script:Text = (@($script:Records) + $script:Errors | ConvertTo-EveryView) -join "`n"
    }

    It 'went down the error paths it means to check' {
        $ids = @($script:Errors | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] })
        foreach ($id in 'InvalidUri', 'AuthenticationFailed', 'CertificateRejected', 'DomainNotFound', 'ConnectionClosed', 'NoDefaultConnection') {
            $ids | Should -Contain $id
        }
        $script:Text | Should -Match 'RequestEnvelope' -Because '-Debug wrote the envelopes'
    }

    It 'shows none of the passwords, nor the Basic header made of them' {
        foreach ($secret in $script:Sim.Password, $script:UriSecret, $script:WrongSecret) {
            $script:Text | Should -Not -Match ([regex]::Escape($secret))
            $basic = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("admin:$secret"))
            $script:Text | Should -Not -Match ([regex]::Escape($basic))
        }
    }
}

Describe 'The password and the session''s tokens, on the Negotiate, NTLM and Kerberos paths' {
    BeforeAll {
        $script:Shipped = Start-TestSimulator -ExtraArguments '--as-shipped'
        $uri = Get-SimulatorUri $script:Shipped
        $kerberosUri = "hyperv://localhost:$($script:Shipped.HttpPort)/?transport=http"
        $wrong = [pscredential]::new('admin', (ConvertTo-SecureString $script:WrongSecret -AsPlainText -Force))
        $common = @{ Verbose = $true; Debug = $true; ErrorAction = 'Continue' }
        $Error.Clear()
        $script:ShippedRecords = & {
            Connect-HvLibvirt $uri -Credential $wrong -Authentication Ntlm @common
            Connect-HvLibvirt $uri -Credential $wrong -Authentication Negotiate @common
            Connect-HvLibvirt $uri -Credential $script:Shipped.Credential -MessageEncryption Never @common
            $c = Connect-HvLibvirt $uri -Credential $script:Shipped.Credential @common
            $c
            Get-HvDomain -Connection $c @common
            Disconnect-HvLibvirt -Connection $c @common
            if ($env:HVL_REALM) {
                $badKerberos = [pscredential]::new($env:HVL_KRB_USER, (ConvertTo-SecureString $script:WrongSecret -AsPlainText -Force))
                Connect-HvLibvirt $kerberosUri -Credential $badKerberos -Authentication Kerberos @common
                $alice = [pscredential]::new($env:HVL_KRB_USER, (ConvertTo-SecureString $env:HVL_KRB_PASSWORD -AsPlainText -Force))
                $k = Connect-HvLibvirt $kerberosUri -Credential $alice -Authentication Kerberos -ServicePrincipalName 'HTTP/no-such-host.invalid' @common
                $k = Connect-HvLibvirt $kerberosUri -Credential $alice -Authentication Kerberos @common
                $k
                Get-HvDomain -Connection $k @common
                Disconnect-HvLibvirt -Connection $k @common
            }
        } *>&1
        $script:ShippedErrors = @($Error)
        $script:ShippedText = (@($script:ShippedRecords) + $script:ShippedErrors | ConvertTo-EveryView) -join "`n"
    }
    AfterAll { $script:Shipped | Stop-TestSimulator }

    It 'went down the error paths it means to check' {
        $ids = @($script:ShippedErrors | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] })
        $ids | Should -Contain 'AuthenticationFailed'
        $ids | Should -Contain 'UnencryptedTrafficRefused'
        if ($env:HVL_REALM) { $ids | Should -Contain 'KerberosUnknownPrincipal' }
        $script:ShippedText | Should -Match 'RequestEnvelope' -Because '-Debug wrote the envelopes'
    }

    It 'shows none of the passwords' {
        $secrets = @($script:Shipped.Password, $script:WrongSecret) + @($env:HVL_KRB_PASSWORD | Where-Object { $_ })
        foreach ($secret in $secrets) {
            $script:ShippedText | Should -Not -Match ([regex]::Escape($secret))
            $script:ShippedText | Should -Not -Match ([regex]::Escape([Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($secret))))
        }
    }

    It 'shows no authentication token (no Negotiate, Kerberos or NTLMSSP blob)' {
        $script:ShippedText | Should -Not -Match '(Negotiate|Kerberos) [A-Za-z0-9+/]{16,}'
        # 'NTLMSSP' in base64, at any of the three alignments.
        $script:ShippedText | Should -Not -Match 'TlRMTVNT|5UTE1TU1|OVExNU1NQ'
    }
}
