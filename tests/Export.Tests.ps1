# What users export: every object the module returns goes through Export-Csv and ConvertTo-Json as
# flat data (names, not enum numbers; no nested records; no depth warning).
BeforeAll {
    . $PSScriptRoot/Common.ps1
    . $PSScriptRoot/Lifecycle.Common.ps1
    Import-Module (Get-TestModulePath) -Force
    $script:Sim = Start-LifecycleSimulator -Vms @(
        @{ name = 'exp-run'; state = 'running' },
        @{ name = 'exp-off'; state = 'off' }
    )
    $script:Conn = Connect-LifecycleSimulator $script:Sim

    function Assert-FlatJson {
        param([Parameter(Mandatory)] $InputObject)
        $json = ConvertTo-Json -InputObject $InputObject -WarningVariable warned -WarningAction SilentlyContinue
        $warned | Should -BeNullOrEmpty -Because 'ConvertTo-Json must not truncate at its default depth'
        $back = $json | ConvertFrom-Json
        foreach ($p in $back.PSObject.Properties) {
            $p.Value | Should -Not -BeOfType ([System.Management.Automation.PSCustomObject]) -Because "$($p.Name) must be a plain value"
            @($p.Value).Count | Should -BeLessOrEqual 1 -Because "$($p.Name) must be a plain value, not a list"
        }
        $back
    }

    function Assert-FlatCsv {
        param([Parameter(Mandatory)] $InputObject)
        $path = Join-Path ([IO.Path]::GetTempPath()) ('hvl-export-' + [guid]::NewGuid().ToString('n') + '.csv')
        try {
            $InputObject | Export-Csv -LiteralPath $path -WarningVariable warned -WarningAction SilentlyContinue
            $warned | Should -BeNullOrEmpty
            $text = Get-Content -Raw -LiteralPath $path
            $text | Should -Not -Match 'HyperVLibvirt\.|System\.|\{ ' -Because 'cells hold values, not type names or record dumps'
            Import-Csv -LiteralPath $path
        }
        finally { Remove-Item -LiteralPath $path -ErrorAction SilentlyContinue }
    }
}

AfterAll {
    Disconnect-HvLibvirt -All -Confirm:$false
    $script:Sim | Stop-LifecycleSimulator
}

Describe 'Exporting the module''s objects' {
    It 'exports a connection as flat data with the transport and API by name' {
        $json = Assert-FlatJson $script:Conn
        $json.Transport | Should -Be 'Http'
        $json.Api | Should -Be 'V2'
        $csv = Assert-FlatCsv $script:Conn
        $csv.Transport | Should -Be 'Http'
        $csv.Uri | Should -Be $script:Conn.Uri
    }

    It 'exports domains as flat data with the state by name and the uptime readable' {
        $domains = @(Get-HvDomain -Connection $script:Conn)
        $running = $domains | Where-Object Name -eq 'exp-run'
        $json = Assert-FlatJson $running
        $json.State | Should -Be 'Running'
        $json.Uptime | Should -Match '^\d+(\.\d+)?:\d\d:\d\d$|^\d\d:\d\d:\d\d$'
        $json.PSObject.Properties.Name | Should -Not -Contain 'Record'
        $json.PSObject.Properties.Name | Should -Not -Contain 'Detail'
        $csv = Assert-FlatCsv $domains
        ($csv | Where-Object Name -eq 'exp-off').State | Should -Be 'Shutoff'
        $csv[0].PSObject.Properties.Name | Should -Not -Contain 'Record'
    }

    It 'exports detailed domains as flat data' {
        $detailed = @(Get-HvDomain -Connection $script:Conn -Detailed)
        $json = Assert-FlatJson ($detailed | Where-Object Name -eq 'exp-run')
        $json.VCpus | Should -BeGreaterThan 0
        $json.State | Should -Be 'Running'
        $null = Assert-FlatCsv $detailed
    }

    It 'exports domains read with -Summary as flat data, Get-VM''s columns as values' {
        $summary = @(Get-HvDomain -Connection $script:Conn -Summary)
        $json = Assert-FlatJson ($summary | Where-Object Name -eq 'exp-run')
        $json.CPUUsage | Should -BeGreaterThan 0
        $json.Heartbeat | Should -Be 'OkApplicationsUnknown'
        $json.PSObject.Properties.Name | Should -Not -Contain 'Summary'
        $csv = Assert-FlatCsv $summary
        ($csv | Where-Object Name -eq 'exp-off').MemoryAssigned | Should -Be '0'
    }

    It 'exports guest addresses as flat data' {
        $domain = Get-HvDomain -Connection $script:Conn -Name 'exp-run'
        $guest = [HyperVLibvirt.Core.HyperV.GuestAddress]::new('192.0.2.10', [System.Net.Sockets.AddressFamily]::InterNetwork, 24, 'DHCP')
        $address = [HyperVLibvirt.Core.Domains.HvDomainAddress]::new($domain, 'Network Adapter', '00:15:5d:01:02:03', $guest)
        $json = Assert-FlatJson $address
        $json.Family | Should -Be 'IPv4'
        $json.PrefixLength | Should -Be 24
        (Assert-FlatCsv $address).Address | Should -Be '192.0.2.10'
    }

    It 'keeps the raw record reachable through a method' {
        $d = Get-HvDomain -Connection $script:Conn -Name 'exp-run'
        $d.GetRecord().ComputerSystem.ClassName | Should -Be 'Msvm_ComputerSystem'
        $d.GetState() | Should -Be ([HyperVLibvirt.Core.HyperV.HvDomainState]::Running)
    }

    It 'exports guest information as flat data' {
        $info = Get-HvDomainGuestInfo exp-run -Connection $script:Conn
        $json = Assert-FlatJson $info
        $json.Domain | Should -Be 'exp-run'
        $json.OSName | Should -Not -BeNullOrEmpty
        $csv = Assert-FlatCsv $info
        $csv.HostName | Should -Be 'exp-run.corp.example'
    }

    It 'exports a version as flat data' {
        $v = Get-HvVersion -Connection $script:Conn
        $json = Assert-FlatJson $v
        $json.OsVersion | Should -Be '10.0.17763'
        $json.Version | Should -Be '1000.17.763'
        $null = Assert-FlatCsv $v
    }

    It 'exports what a lifecycle cmdlet passes through as flat data' {
        $d = Suspend-HvDomain -Connection $script:Conn -Name 'exp-run' -PassThru -Confirm:$false
        $json = Assert-FlatJson $d
        $json.State | Should -Be 'Paused'
        $null = Assert-FlatCsv $d
    }

    It 'still filters and sorts by state' {
        @(Get-HvDomain -Connection $script:Conn -State Shutoff).Name | Should -Be @('exp-off')
        (Get-HvDomain -Connection $script:Conn | Sort-Object State | Select-Object -First 1).Name | Should -Be 'exp-run'
    }
}

Describe 'What Get-HvConnection says about security' {
    It 'says that plain HTTP has no TLS, and never that it is verified' {
        $c = Get-HvConnection | Where-Object Uri -eq $script:Conn.Uri
        $c.Security | Should -Match 'no TLS'
        ($c | Format-List * | Out-String) | Should -Not -Match 'verified'
    }
}

Describe 'Using a closed connection' {
    BeforeAll {
        $script:Closed = Connect-LifecycleSimulator $script:Sim -NotDefault
        $script:Stale = Get-HvDomain -Connection $script:Closed -Name 'exp-off'
        Disconnect-HvLibvirt -Connection $script:Closed -Confirm:$false
    }

    It 'says the connection is closed and to connect again, when listing' {
        Get-HvDomain -Connection $script:Closed -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ConnectionClosed*'
        $err[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $err[0].Exception.Message | Should -Match 'closed'
        $err[0].Exception.Message | Should -Match 'Connect-HvLibvirt'
        $err[0].Exception.Message | Should -Not -Match 'System\.String|disposed'
    }

    It 'says the same for a domain read through it before it was closed' {
        $script:Stale | Start-HvDomain -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ConnectionClosed*'
        $err[0].Exception.Message | Should -Match 'Connect-HvLibvirt'
    }
}
