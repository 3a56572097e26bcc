BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-Module (Get-TestModulePath) -Force
    $script:Sim = Start-TestSimulator -Vms 4
    $script:Connection = Connect-HvLibvirt (Get-SimulatorUri $script:Sim) -Credential $script:Sim.Credential
    # The seed-1 inventory: vm-001 runs, vm-002 is off, vm-003 is saved, vm-004 is paused.
    $script:Domains = @(Get-HvDomain -Connection $script:Connection)
    $script:Detailed = Get-HvDomain vm-001 -Detailed -Connection $script:Connection

    function Get-Rendered {
        # Plain text, as a console of 160 columns shows it; the headers are what a user reads.
        param([Parameter(ValueFromPipeline)] $InputObject, [string] $As = 'Table', [string] $View)
        begin { $items = [System.Collections.Generic.List[object]]::new() }
        process { $items.Add($InputObject) }
        end {
            $PSStyle.OutputRendering = 'PlainText'
            $splat = @{}
            if ($View) { $splat.View = $View }
            if ($As -eq 'List') { $items | Format-List @splat | Out-String -Width 160 }
            else { $items | Format-Table @splat | Out-String -Width 160 }
        }
    }
    function Get-HeaderNames([string] $Text) {
        # The first line followed by a dashed line is the table header.
        $lines = $Text -split "`r?`n"
        for ($i = 0; $i -lt $lines.Count - 1; $i++) {
            if ($lines[$i + 1] -match '^[\s-]+$' -and $lines[$i + 1] -match '-') { return @($lines[$i] -split '\s+' | Where-Object { $_ }) }
        }
        @()
    }
    function Get-ListValues([string] $Text) {
        $values = [ordered]@{}
        foreach ($line in $Text -split "`r?`n") {
            if ($line -match '^(\w+)\s*:\s?(.*)$' -and -not $values.Contains($Matches[1])) { $values[$Matches[1]] = $Matches[2].Trim() }
        }
        $values
    }
}

AfterAll {
    Disconnect-HvLibvirt -All -Confirm:$false
    $script:Sim | Stop-TestSimulator
}

Describe 'The HvDomain table view' {
    It 'shows Id, Name, State and ComputerName, as virsh list --all plus the host' {
        Get-HeaderNames ($script:Domains | Get-Rendered) | Should -Be @('Id', 'Name', 'State', 'ComputerName')
    }

    It 'shows - as the id of an inactive domain and the number of an active one' {
        $text = $script:Domains | Get-Rendered
        $text | Should -Match '(?m)^\s+-\s+vm-002\s+Shutoff\s+127\.0\.0\.1\s*$'
        $id = ($script:Domains | Where-Object Name -eq 'vm-001').Id
        $id | Should -BeGreaterThan 0
        $text | Should -Match "(?m)^\s+$id\s+vm-001\s+Running\s+"
    }

    It 'groups by host in the ByHost view' {
        $text = $script:Domains | Get-Rendered -View ByHost
        $text | Should -Match 'ComputerName: 127\.0\.0\.1'
        Get-HeaderNames $text | Should -Be @('Id', 'Name', 'State')
    }
}

Describe 'The HvDomain list view' {
    It 'shows the virsh dominfo fields in order' {
        $values = Get-ListValues ($script:Detailed | Get-Rendered -As List)
        @($values.Keys) | Should -Be @('Id', 'Name', 'Uuid', 'OsType', 'State', 'VCpus', 'MaxMemory', 'Memory',
            'Persistent', 'Autostart', 'HasManagedSave', 'HyperVState', 'ComputerName')
        $values.Uuid | Should -Be $script:Detailed.Uuid.ToString()
        $values.OsType | Should -Be 'hvm'
    }

    It 'shows memory in binary units' {
        $values = Get-ListValues ($script:Detailed | Get-Rendered -As List)
        $script:Detailed.Memory | Should -Be 1073741824
        $values.Memory | Should -Be '1 GiB'
        $values.MaxMemory | Should -Be '1 GiB'
        $half = Get-ListValues (Get-HvDomain vm-002 -Detailed -Connection $script:Connection | Get-Rendered -As List)
        $half.Memory | Should -Be '512 MiB'
    }

    It 'shows - for an inactive id and a saved domain''s managed save' {
        $values = Get-ListValues ($script:Domains | Where-Object Name -eq 'vm-003' | Get-Rendered -As List)
        $values.Id | Should -Be '-'
        $values.State | Should -Be 'Shutoff'
        $values.HasManagedSave | Should -Be 'True'
        $values.HyperVState | Should -Be 'Saved'
    }
}

Describe 'The HvConnection view' {
    It 'shows the URI, user, transport, namespace and whether it is the default' {
        $text = $script:Connection | Get-Rendered
        Get-HeaderNames $text | Should -Be @('Uri', 'UserName', 'Transport', 'Auth', 'Namespace', 'Default')
        $text | Should -Match ([regex]::Escape($script:Connection.Uri) + '\s+admin\s+Http\s+(NTLM|Basic)\s+root/virtualization/v2\s+True')
    }
}

Describe 'The HvVersion view' {
    It 'shows ComputerName, Hypervisor, Version, OsVersion and WindowsRelease' {
        $text = Get-HvVersion -Connection $script:Connection | Get-Rendered
        Get-HeaderNames $text | Should -Be @('ComputerName', 'Hypervisor', 'Version', 'OsVersion', 'WindowsRelease')
        $text | Should -Match '127\.0\.0\.1\s+Hyper-V\s+1000\.17\.763\s+10\.0\.17763\s+Windows Server 2019'
    }
}

Describe 'Default sort order' {
    It 'sorts domains by host, then name, when Sort-Object gets no property' {
        # The same host under two names: ToString() (the domain name) alone would interleave them.
        $other = Connect-HvLibvirt "hyperv://admin@localhost:$($script:Sim.HttpPort)/?transport=http" -Credential $script:Sim.Credential -NotDefault
        $mixed = @(Get-HvDomain -Connection $other) + $script:Domains
        $sorted = @($mixed[($mixed.Count - 1)..0] | Sort-Object | ForEach-Object { "$($_.ComputerName)/$($_.Name)" })
        $sorted | Should -Be @('127.0.0.1/vm-001', '127.0.0.1/vm-002', '127.0.0.1/vm-003', '127.0.0.1/vm-004',
            'localhost/vm-001', 'localhost/vm-002', 'localhost/vm-003', 'localhost/vm-004')
    }
}

Describe 'The Get-VM view of Get-HvDomain -Summary' {
    It 'shows Get-VM''s columns, memory in MiB and Hyper-V''s state names' {
        $text = Get-HvDomain -Summary -Connection $script:Connection | Get-Rendered
        Get-HeaderNames $text | Should -Be @('Name', 'State', 'CPUUsage(%)', 'MemoryAssigned(M)', 'Uptime', 'Status', 'Version')
        $text | Should -Match '(?m)^vm-003\s+Saved\s+0\s+0\s+00:00:00\s+Operating normally\s+9\.0\s*$'
        $text | Should -Match '(?m)^vm-004\s+Paused\s+0\s+512\s+'
    }
}

Describe 'The Get-VM list view of Get-HvDomain -Summary' {
    It 'shows Get-VM''s columns with the heartbeat, the UUID and the host' {
        $d = Get-HvDomain vm-001 -Summary -Connection $script:Connection
        $values = Get-ListValues ($d | Get-Rendered -As List)
        @($values.Keys) | Should -Be @('Name', 'Uuid', 'State', 'CPUUsage', 'MemoryAssigned', 'Uptime', 'Heartbeat', 'Status', 'Version', 'ComputerName')
        $values.Heartbeat | Should -Be 'OkApplicationsUnknown'
        $values.MemoryAssigned | Should -Be '1 GiB'
        $values.CPUUsage | Should -Match '^\d+ %$'
    }
}

Describe 'The HvDomainAddress table view' {
    It 'shows the domain, then virsh domifaddr''s columns, the address with its prefix' {
        $guest = [HyperVLibvirt.Core.HyperV.GuestAddress]::new('192.0.2.10', [System.Net.Sockets.AddressFamily]::InterNetwork, 24, 'DHCP')
        $address = [HyperVLibvirt.Core.Domains.HvDomainAddress]::new($script:Domains[0], 'Network Adapter', '00:15:5d:01:02:03', $guest)
        $text = $address | Get-Rendered
        Get-HeaderNames $text | Should -Be @('Domain', 'Interface', 'MacAddress', 'Family', 'Address', 'Source')
        $text | Should -Match '(?m)^vm-001\s+Network Adapter\s+00:15:5d:01:02:03\s+IPv4\s+192\.0\.2\.10/24\s+DHCP\s*$'
    }
}

Describe 'ByteSize, the one byte formatter the views call' {
    It 'writes <Bytes> as ''<Shown>''' -ForEach @(
        @{ Bytes = 0; Shown = '0 B' }
        @{ Bytes = 1023; Shown = '1023 B' }
        @{ Bytes = 1536; Shown = '1.5 KiB' }
        @{ Bytes = 1073741824; Shown = '1 GiB' }
        @{ Bytes = 1288490189; Shown = '1.2 GiB' }
        @{ Bytes = [ulong]::MaxValue; Shown = '16384 PiB' }
    ) {
        [HyperVLibvirt.Formatting.ByteSize]::Format($Bytes) | Should -Be $Shown
    }

    It 'writes what the view asks for when the size is unknown' {
        [HyperVLibvirt.Formatting.ByteSize]::Format($null) | Should -BeExactly ''
        [HyperVLibvirt.Formatting.ByteSize]::Format($null, '-') | Should -BeExactly '-'
    }
}
