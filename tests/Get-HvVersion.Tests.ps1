BeforeDiscovery {
    # The seed's table (spec section 6) plus 2022 and 2025.
    $script:Profiles = @(
        @{ Profile = 'ws2008';   OsVersion = '6.0.6001';   Packed = 600006001;  Version = '600.6.1';     Release = 'Windows Server 2008';    Namespace = 'root/virtualization' }
        @{ Profile = 'ws2008r2'; OsVersion = '6.1.7600';   Packed = 601007600;  Version = '601.7.600';   Release = 'Windows Server 2008 R2'; Namespace = 'root/virtualization' }
        @{ Profile = 'ws2012';   OsVersion = '6.2.9200';   Packed = 602009200;  Version = '602.9.200';   Release = 'Windows Server 2012';    Namespace = 'root/virtualization/v2' }
        @{ Profile = 'ws2012r2'; OsVersion = '6.3.9600';   Packed = 603009600;  Version = '603.9.600';   Release = 'Windows Server 2012 R2'; Namespace = 'root/virtualization/v2' }
        @{ Profile = 'ws2016';   OsVersion = '10.0.14393'; Packed = 1000014393; Version = '1000.14.393'; Release = 'Windows Server 2016';    Namespace = 'root/virtualization/v2' }
        @{ Profile = 'ws2019';   OsVersion = '10.0.17763'; Packed = 1000017763; Version = '1000.17.763'; Release = 'Windows Server 2019';    Namespace = 'root/virtualization/v2' }
        @{ Profile = 'ws2022';   OsVersion = '10.0.20348'; Packed = 1000020348; Version = '1000.20.348'; Release = 'Windows Server 2022';    Namespace = 'root/virtualization/v2' }
        @{ Profile = 'ws2025';   OsVersion = '10.0.26100'; Packed = 1000026100; Version = '1000.26.100'; Release = 'Windows Server 2025';    Namespace = 'root/virtualization/v2' }
    )
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-Module (Get-TestModulePath) -Force
}

Describe 'Get-HvVersion on <Profile>' -ForEach $script:Profiles {
    BeforeAll {
        $script:Sim = Start-TestSimulator -Profile $Profile -Https
    }
    AfterAll {
        Disconnect-HvLibvirt -All -Confirm:$false
        $script:Sim | Stop-TestSimulator
    }

    It 'packs <OsVersion> as <Version> over HTTP' {
        $c = Connect-HvLibvirt (Get-SimulatorUri $script:Sim) -Credential $script:Sim.Credential
        $c.Namespace | Should -Be $Namespace
        $v = Get-HvVersion -Connection $c
        $v | Should -BeOfType ([HyperVLibvirt.Core.HyperV.HvVersion])
        $v.Packed | Should -Be $Packed
        $v.ToString() | Should -Be $Version
        $v.Version | Should -Be $Version
        $v.OsVersion | Should -Be ([version] $OsVersion)
        $v.WindowsRelease | Should -Be $Release
        $v.Hypervisor | Should -Be 'Hyper-V'
        $v.ComputerName | Should -Be '127.0.0.1'
        $v.Caption | Should -Not -BeNullOrEmpty
    }

    It 'packs <OsVersion> as <Version> over HTTPS' {
        $c = Connect-HvLibvirt (Get-SimulatorUri $script:Sim -Https) -Credential $script:Sim.Credential -SkipCACheck -SkipCNCheck
        (Get-HvVersion -Connection $c).Packed | Should -Be $Packed
    }
}

Describe 'Get-HvVersion' {
    BeforeAll {
        $script:Sim = Start-TestSimulator
        $script:Uri = Get-SimulatorUri $script:Sim
    }
    AfterAll { $script:Sim | Stop-TestSimulator }
    AfterEach { Disconnect-HvLibvirt -All -Confirm:$false }

    It 'uses the default connection when given none' {
        $null = Connect-HvLibvirt $script:Uri -Credential $script:Sim.Credential
        (Get-HvVersion).Packed | Should -Be 1000017763
    }

    It 'takes connections from the pipeline, one result each' {
        $null = Connect-HvLibvirt $script:Uri -Credential $script:Sim.Credential
        # Another host name for the same simulator: the same endpoint and user would be one connection.
        $null = Connect-HvLibvirt ($script:Uri -replace '127\.0\.0\.1', 'localhost') -Credential $script:Sim.Credential -NotDefault
        $versions = @(Get-HvConnection | Get-HvVersion)
        $versions.Count | Should -Be 2
    }

    It 'sorts by the packed number' {
        $a = [HyperVLibvirt.Core.HyperV.HvVersion]::new('a', [HyperVLibvirt.Core.HyperV.PackedVersion]::Parse('10.0.14393'), $null)
        $b = [HyperVLibvirt.Core.HyperV.HvVersion]::new('b', [HyperVLibvirt.Core.HyperV.PackedVersion]::Parse('6.3.9600'), $null)
        (@($a, $b) | Sort-Object)[0].ComputerName | Should -Be 'b'
    }

    It 'says to connect first when there is no connection' {
        { Get-HvVersion -ErrorAction Stop } | Should -Throw -ErrorId 'NoDefaultConnection*'
    }

    It 'reports the host''s own caption, as it sends it, on a Japanese-language host' {
        # Windows does not translate Win32_OperatingSystem.Caption (the product name); it passes through as sent.
        $sim = Start-TestSimulator -ExtraArguments '--language', 'ja-JP'
        try {
            $c = Connect-HvLibvirt (Get-SimulatorUri $sim) -Credential $sim.Credential -NotDefault
            $v = Get-HvVersion -Connection $c
            $v.Caption | Should -BeExactly 'Microsoft Windows Server 2019 Datacenter'
            $v.Packed | Should -Be 1000017763
        }
        finally { $sim | Stop-TestSimulator }
    }
}

Describe 'Get-HvVersion -Debug' {
    BeforeAll { $script:Sim = Start-TestSimulator }
    AfterAll { $script:Sim | Stop-TestSimulator }

    It 'prints the envelopes and carries on under pwsh -NonInteractive, never asking to continue' {
        # PowerShell gives a cmdlet run with -Debug a verbose preference of Inquire; nothing may prompt.
        $out = Invoke-NonInteractivePwsh -Simulator $script:Sim -Script @'
$v = Get-HvVersion -Debug
"packed=$($v.Packed)"
$s = Get-HvDomain -Debug 5>$null | Select-Object -First 1 | Stop-HvDomain -Save -Debug -PassThru 5>$null
"saved=$($s.HyperVState)"
"errors=$($Error.Count)"
'@
        $text = $out -join "`n"
        $text | Should -Match 'DEBUG: RequestEnvelope Enumerate'
        $text | Should -Match 'DEBUG: WS-Man Enumerate' -Because 'the verbose lines show as debug lines under -Debug alone'
        $text | Should -Match 'packed=1000017763'
        $text | Should -Match 'saved=Saved'
        $text | Should -Match 'errors=0'
        $text | Should -Not -Match 'NonInteractive mode|Continue with this operation'
    }

    It 'still writes verbose lines to the verbose stream with -Verbose -Debug' {
        $out = Invoke-NonInteractivePwsh -Simulator $script:Sim -Script @'
$records = Get-HvVersion -Verbose -Debug *>&1
"verbose=$(@($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count)"
"errors=$($Error.Count)"
'@
        $text = $out -join "`n"
        $text | Should -Match 'verbose=[1-9]'
        $text | Should -Match 'errors=0'
    }
}
