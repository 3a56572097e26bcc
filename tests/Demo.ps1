<#
.SYNOPSIS
    The main job: starts the bundled simulator and drives the cmdlets against it, as a user would.
    build.ps1 -Task Demo runs this in a child pwsh.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $SimulatorPath
)
$ErrorActionPreference = 'Stop'
$env:HVL_TEST_MODULE = $ModuleManifest
$env:HVL_TEST_SIMULATOR = $SimulatorPath
. $PSScriptRoot/Common.ps1

function Show([string] $Command, [scriptblock] $Block) {
    Write-Host ''
    Write-Host "PS> $Command" -ForegroundColor Cyan
    & $Block | Out-String -Width 120 | Write-Host
}

function Test-GssNtlmssp {
    # The simulator serves NTLM through GSSAPI's gss-ntlmssp mechanism (Linux only), which registers
    # itself in MIT GSSAPI's mechanism configuration; the client needs nothing (it has managed NTLM).
    if (-not $IsLinux) { return $false }
    $files = @('/etc/gss/mech') + @(Get-ChildItem /etc/gss/mech.d -Filter '*.conf' -File -ErrorAction SilentlyContinue | ForEach-Object FullName)
    foreach ($file in $files | Where-Object { Test-Path $_ }) {
        if (Get-Content $file | Where-Object { $_ -notmatch '^\s*#' -and $_ -match 'ntlmssp' }) { return $true }
    }
    $false
}

function Show-AsShipped {
    # A second host as Windows ships WinRM: HTTP only, Negotiate and Kerberos, no Basic, and
    # unencrypted messages refused. Nothing on it is reconfigured for the module.
    Write-Host ''
    Write-Host '== A host as Windows ships WinRM (simulator --as-shipped)' -ForegroundColor Green
    if (-not (Test-GssNtlmssp)) {
        Write-Host ('Skipped: the simulator serves NTLM through GSSAPI''s gss-ntlmssp mechanism, which is not installed here ' +
            '(Debian: sudo apt-get install gss-ntlmssp; Linux only). The module itself would sign in with .NET''s managed NTLM.') -ForegroundColor Yellow
        return
    }
    $shipped = Start-TestSimulator -Profile ws2022 -Vms 5 -Seed 3 -ExtraArguments '--as-shipped', '--computer-name', 'HV-SHIPPED'
    try {
        # Its own account, with its own random password (shown as $cred, as for the first host).
        $credential = $shipped.Credential
        $uri = "hyperv://127.0.0.1:$($shipped.HttpPort)/?transport=http"
        Write-Host "Simulator: a host as Windows ships it at $($shipped.HttpUri)"

        Write-Host ''
        Write-Host "PS> Connect-HvLibvirt '$uri' -Credential `$cred -MessageEncryption Never   # plain SOAP" -ForegroundColor Cyan
        $refused = $null
        $null = Connect-HvLibvirt $uri -Credential $credential -MessageEncryption Never -NotDefault -ErrorAction SilentlyContinue -ErrorVariable refused
        Write-Host "error $($refused[0].FullyQualifiedErrorId): $($refused[0].Exception.Message)"

        Show "`$shipped = Connect-HvLibvirt '$uri' -Credential `$cred -Authentication Negotiate -MessageEncryption Always -NotDefault" {
            $script:ShippedConnection = Connect-HvLibvirt $uri -Credential $credential -Authentication Negotiate -MessageEncryption Always -NotDefault
            $script:ShippedConnection
        }
        Show '$shipped | Format-List Uri, UserName, Authentication, MessageEncrypted, Security' {
            $script:ShippedConnection | Format-List Uri, UserName, Authentication, MessageEncrypted, Security
        }
        Show 'Get-HvDomain -Connection $shipped' { Get-HvDomain -Connection $script:ShippedConnection }

        # Kerberos from the ticket cache, when build.ps1 started the test realm (its KRB5CCNAME holds a
        # ticket, and the simulator's keytab serves HTTP/localhost): no credential at all.
        Write-Host ''
        if ($env:HVL_REALM) {
            $kerberosUri = "hyperv://localhost:$($shipped.HttpPort)/?transport=http&auth=kerberos"
            Show "Connect-HvLibvirt '$kerberosUri' -NotDefault | Format-List Uri, UserName, Authentication, Security   # after kinit $env:HVL_KRB_USER" {
                Connect-HvLibvirt $kerberosUri -NotDefault | Format-List Uri, UserName, Authentication, Security
            }
        }
        else {
            Write-Host 'Kerberos from the ticket cache: skipped, no test realm (build.ps1 -Task Demo starts one when krb5-kdc, krb5-admin-server and krb5-user are installed).' -ForegroundColor Yellow
        }
        Show 'Get-HvConnection | Format-Table Uri, UserName, Authentication, MessageEncrypted' {
            Get-HvConnection | Format-Table Uri, UserName, Authentication, MessageEncrypted
        }
    }
    finally {
        Get-HvConnection | Where-Object Port -eq $shipped.HttpPort | Disconnect-HvLibvirt -Confirm:$false
        $shipped | Stop-TestSimulator
    }
}

Import-Module $ModuleManifest -Force
Write-Host "HyperVLibvirt $((Get-Module HyperVLibvirt).Version) imported; its commands: $((Get-Command -Module HyperVLibvirt).Name -join ', ')"

# A Windows Server 2022 host with a mix of VM states, on free loopback ports, HTTP and HTTPS.
$sim = Start-TestSimulator -Profile ws2022 -Vms 12 -Seed 7 -Https
try {
    Write-Host "Simulator: Hyper-V host (ws2022) at $($sim.HttpUri) and $($sim.HttpsUri)"
    $cred = $sim.Credential
    $thumbprint = Get-CertificateThumbprint $sim.CertificatePath

    Show "Connect-HvLibvirt 'hyperv://admin@127.0.0.1:$($sim.HttpsPort)/' -Credential `$cred -CertificateThumbprint $thumbprint" {
        Connect-HvLibvirt "hyperv://admin@127.0.0.1:$($sim.HttpsPort)/" -Credential $cred -CertificateThumbprint $thumbprint
    }
    Show 'Get-HvVersion' { Get-HvVersion }
    Show 'Get-HvDomain' { Get-HvDomain }
    Show 'Get-HvDomain -Active' { Get-HvDomain -Active }
    Show "Get-HvDomain -State Running | Select-Object -First 1 | Get-HvDomain -Detailed | Format-List" {
        Get-HvDomain -State Running | Select-Object -First 1 | Get-HvDomain -Detailed | Format-List
    }
    Show 'Get-HvConnection' { Get-HvConnection }

    # The write side: a VM made from parameters, equipped, started, photographed, checkpointed and removed.
    Write-Host ''
    Write-Host '== Making a VM, as New-VM and virsh define do' -ForegroundColor Green
    Show "New-HvDomain web01 -Generation 2 -MemoryStartupBytes 2GB -VcpuCount 2 -NewVHDPath 'C:\VMs\web01.vhdx' -NewVHDSizeBytes 40GB -SwitchName External" {
        New-HvDomain web01 -Generation 2 -MemoryStartupBytes 2GB -VcpuCount 2 -NewVHDPath 'C:\VMs\web01.vhdx' -NewVHDSizeBytes 40GB -SwitchName External
    }
    Show "Add-HvDomainDevice web01 -IsoPath 'C:\ISO\Fedora-Server-netinst-x86_64-41.iso' -PassThru" {
        Add-HvDomainDevice web01 -IsoPath 'C:\ISO\Fedora-Server-netinst-x86_64-41.iso' -PassThru
    }
    Show 'Get-HvDomainXml web01' { Get-HvDomainXml web01 }
    Show 'Start-HvDomain web01 -PassThru' { Start-HvDomain web01 -PassThru }
    $pictures = Join-Path ([IO.Path]::GetTempPath()) ('hv-demo-' + [guid]::NewGuid().ToString('n'))
    $null = New-Item -ItemType Directory -Path $pictures
    Show 'Save-HvDomainScreenshot web01 -Path web01.png -PassThru' {
        Save-HvDomainScreenshot web01 -Path (Join-Path $pictures 'web01.png') -PassThru | Select-Object Name, Length
    }
    Remove-Item -LiteralPath $pictures -Recurse -ErrorAction SilentlyContinue
    Show "Checkpoint-HvDomain web01 -SnapshotName first-boot -PassThru" { Checkpoint-HvDomain web01 -SnapshotName first-boot -PassThru }
    Show 'Remove-HvDomain web01 -Force -Confirm:$false; Get-HvDomain web01' {
        Remove-HvDomain web01 -Force -Confirm:$false
        Get-HvDomain web01 -ErrorAction SilentlyContinue -ErrorVariable gone
        "error $($gone[0].FullyQualifiedErrorId): $($gone[0].Exception.Message)"
    }

    Write-Host ''
    # A wrong password first: once a connection for this host, transport and user is open, connecting
    # again returns it without asking the host.
    Write-Host 'PS> Connect-HvLibvirt ... over plain HTTP with a wrong password, then the right one' -ForegroundColor Cyan
    $bad = [pscredential]::new('admin', (ConvertTo-SecureString 'wrong' -AsPlainText -Force))
    Connect-HvLibvirt "hyperv://admin@127.0.0.1:$($sim.HttpPort)/?transport=http" -Credential $bad -ErrorAction SilentlyContinue -ErrorVariable err
    Write-Host "error $($err[0].FullyQualifiedErrorId) ($($err[0].CategoryInfo.Category)): $($err[0].Exception.Message)"
    Show "Connect-HvLibvirt 'hyperv://admin@127.0.0.1:$($sim.HttpPort)/?transport=http' -Credential `$cred -NotDefault" {
        Connect-HvLibvirt "hyperv://admin@127.0.0.1:$($sim.HttpPort)/?transport=http" -Credential $cred -NotDefault
    }

    Show-AsShipped

    Disconnect-HvLibvirt -All -Confirm:$false
    Write-Host ''
    Write-Host 'Demo finished.'
}
finally {
    $sim | Stop-TestSimulator
}
