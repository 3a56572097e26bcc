BeforeAll {
    . $PSScriptRoot/Common.ps1
    . $PSScriptRoot/Lifecycle.Common.ps1
    Import-Module (Get-TestModulePath) -Force
    $script:Sim = Start-LifecycleSimulator -Vms @(
        @{ name = 'ip-run'; state = 'running' },
        @{ name = 'ip-off'; state = 'off' }
    )
    $script:Conn = Connect-LifecycleSimulator $script:Sim
}

AfterAll {
    Disconnect-HvLibvirt -All -Confirm:$false
    $script:Sim | Stop-LifecycleSimulator
}

Describe 'Get-HvDomainIPAddress' {
    It 'asks nothing about inactive domains, which have no guest running' {
        $out = Get-HvDomainIPAddress ip-off -Verbose 4>&1
        @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like '*Msvm_Guest*' }) | Should -HaveCount 0
        @($out | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }) | Should -HaveCount 0
    }

    It 'reports a name that matches nothing' {
        Get-HvDomainIPAddress no-such-vm -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DomainNotFound*'
    }

    It 'says clearly when the host has no guest network class' {
        $old = Start-LifecycleSimulator -Profile ws2008r2 -Vms @(@{ name = 'ip-old'; state = 'running' })
        try {
            $c = Connect-LifecycleSimulator $old -NotDefault
            Get-HvDomainIPAddress ip-old -Connection $c -ErrorVariable err -ErrorAction SilentlyContinue
            $err | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -Be 'HyperVClassNotFound,HyperVLibvirt.Commands.GetHvDomainIPAddressCommand'
            $err[0].CategoryInfo.Category | Should -Be 'NotImplemented'
            $err[0].Exception.Message | Should -Match 'no Msvm_GuestNetworkAdapterConfiguration class'
        }
        finally {
            $old | Stop-LifecycleSimulator
        }
    }

    It 'refuses a family other than IPv4 and IPv6' {
        { Get-HvDomainIPAddress ip-run -Family IPX -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,HyperVLibvirt.Commands.GetHvDomainIPAddressCommand'
    }
}
