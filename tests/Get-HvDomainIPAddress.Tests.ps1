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
            $err[0].FullyQualifiedErrorId | Should -Be 'WmiClassNotFound,HyperVLibvirt.Commands.GetHvDomainIPAddressCommand'
            $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err[0].Exception.Message | Should -Match 'has no WMI class Msvm_GuestNetworkAdapterConfiguration in root/virtualization'
        }
        finally {
            $old | Stop-LifecycleSimulator
        }
    }

    It 'refuses a family other than IPv4 and IPv6' {
        { Get-HvDomainIPAddress ip-run -Family IPX -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,HyperVLibvirt.Commands.GetHvDomainIPAddressCommand'
    }

    Context 'on the stock simulator' {
        BeforeAll {
            $script:Stock = Start-TestSimulator -Vms 8 -Seed 1
            $script:StockConn = Connect-HvLibvirt (Get-SimulatorUri $script:Stock) -Credential $script:Stock.Credential -NotDefault
        }

        AfterAll {
            $script:Stock | Stop-TestSimulator
        }

        It 'returns each address with its adapter, the MAC address as libvirt prints it, the prefix and the source' {
            $a = @(Get-HvDomainIPAddress vm-005 -Connection $script:StockConn)
            $a | Should -HaveCount 2
            $v4 = $a | Where-Object Family -eq 'IPv4'
            $v4 | Should -BeOfType ([HyperVLibvirt.Core.Domains.HvDomainAddress])
            $v4.Domain | Should -Be 'vm-005'
            $v4.Interface | Should -Be 'Network Adapter'
            $v4.MacAddress | Should -Match '^00:15:5d(:[0-9a-f]{2}){3}$'
            $v4.PrefixLength | Should -Be 20
            $v4.Source | Should -Be 'DHCP'
            ($a | Where-Object Family -eq 'IPv6').Address | Should -BeLike 'fe80::*'
        }

        It 'reads a whole host with two queries' {
            $out = Get-HvDomain -Connection $script:StockConn | Get-HvDomainIPAddress -Verbose 4>&1
            @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'WS-Man Enumerate *' }) | Should -HaveCount 2
            (@($out | Where-Object { $_ -is [HyperVLibvirt.Core.Domains.HvDomainAddress] }).Domain | Sort-Object -Unique) | Should -Be @('vm-005', 'vm-007')
        }

        It 'reads every domain of the host without -Name, in one listing and the same two queries' {
            $out = Get-HvDomainIPAddress -Connection $script:StockConn -Verbose 4>&1
            @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'WS-Man Enumerate *' }) | Should -HaveCount 3
            $all = @($out | Where-Object { $_ -is [HyperVLibvirt.Core.Domains.HvDomainAddress] })
            $piped = @(Get-HvDomain -Connection $script:StockConn | Get-HvDomainIPAddress)
            @($all | ForEach-Object { "$($_.Domain)|$($_.Address)" }) | Should -Be @($piped | ForEach-Object { "$($_.Domain)|$($_.Address)" })
            $all.Count | Should -BeGreaterThan 0
        }

        It 'filters by family' {
            $a = @(Get-HvDomainIPAddress vm-00* -Family IPv4 -Connection $script:StockConn)
            $a.Family | Sort-Object -Unique | Should -Be 'IPv4'
            ($a | Where-Object Domain -eq 'vm-007').Source | Should -Be 'Static'
        }

        It 'sees the address a started guest reports once it has booted, through Wait-HvDomain' {
            Start-HvDomain vm-002 -NoWait -Connection $script:StockConn
            Get-HvDomainIPAddress vm-002 -Family IPv4 -Connection $script:StockConn | Should -BeNullOrEmpty
            $d = Wait-HvDomain vm-002 -Family IPv4 -TimeoutSec 120 -PassThru -Connection $script:StockConn
            $d.Name | Should -Be 'vm-002'
            @($d | Get-HvDomainIPAddress -Family IPv4) | Should -HaveCount 1
        }
    }
}
