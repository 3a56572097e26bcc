# The rules every read cmdlet shares through DomainCollector: piped domains and names gathered over the whole
# pipeline, deduplicated, each host listed once, closed connections and names that match nothing reported.
# Get-HvDomainScheduler, Get-HvDomainIPAddress and Wait-HvDomain use piped domains as they came; Get-HvDomainGuestInfo,
# Get-HvDomainSnapshot, Get-HvDomainXml and Get-HvDomainBlockInfo list them again.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-Module (Get-TestModulePath) -Force
    # The seed-1 inventory of 8: vm-001, vm-005 and vm-007 run with integration services; vm-002 and vm-003 have snapshots.
    $script:Sim = Start-TestSimulator -Vms 8
    $script:Conn = Connect-HvLibvirt (Get-SimulatorUri $script:Sim) -Credential $script:Sim.Credential

    function Get-EnumerateCount([object[]] $Records) {
        @($Records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'WS-Man Enumerate*' }).Count
    }
}

AfterAll {
    Disconnect-HvLibvirt -All -Confirm:$false
    $script:Sim | Stop-TestSimulator
}

Describe 'Domains named and piped together' {
    It 'gives one result for a domain piped and also named (<Command>)' -ForEach @(
        @{ Command = 'Get-HvDomainScheduler' }
        @{ Command = 'Get-HvDomainGuestInfo' }
    ) {
        $vm = Get-HvDomain vm-001
        $rows = @($vm, 'vm-001', 'VM-001' | & $Command)
        $rows | Should -HaveCount 1
        $rows[0].Uuid | Should -Be $vm.Uuid
    }

    It 'reads a piped domain and a piped name together (<Command>)' -ForEach @(
        @{ Command = 'Get-HvDomainXml' }
        @{ Command = 'Get-HvDomainBlockInfo' }
    ) {
        $vm = Get-HvDomain vm-005
        $names = @($vm, 'vm-001' | & $Command | ForEach-Object { if ($_ -is [string]) { ([xml]$_).domain.name } else { $_.Domain } } | Sort-Object -Unique)
        $names | Should -Be @('vm-001', 'vm-005')
    }

    It 'gives a domain''s snapshots once when it is piped and also named' {
        $vm = Get-HvDomain vm-003
        $once = @(Get-HvDomainSnapshot vm-003)
        $once.Count | Should -BeGreaterThan 0
        @($vm, 'vm-003', 'vm-00[3]' | Get-HvDomainSnapshot) | Should -HaveCount $once.Count
    }
}

Describe 'One listing per host' {
    It 'lists the host once for names piped one by one (Get-HvDomainGuestInfo)' {
        $out = 'vm-001', 'vm-005', 'vm-007' | Get-HvDomainGuestInfo -Verbose 4>&1
        @($out | Where-Object { $_ -is [HyperVLibvirt.Core.Guest.HvDomainGuestInfo] }).Domain | Should -Be @('vm-001', 'vm-005', 'vm-007')
        # One listing for the three names, one for the data exchange components.
        Get-EnumerateCount $out | Should -Be 2
    }

    It 'lists the host once for a piped domain, an exact name and a wildcard together (Get-HvDomainGuestInfo)' {
        $vm = Get-HvDomain vm-001
        $out = $vm, 'vm-005', 'vm-00[7]' | Get-HvDomainGuestInfo -Verbose 4>&1
        @($out | Where-Object { $_ -is [HyperVLibvirt.Core.Guest.HvDomainGuestInfo] }).Domain | Sort-Object | Should -Be @('vm-001', 'vm-005', 'vm-007')
        Get-EnumerateCount $out | Should -Be 2
    }

    It 'lists the host once for names piped one by one (<Command>)' -ForEach @(
        @{ Command = 'Get-HvDomainIPAddress'; Arguments = @{} }
        @{ Command = 'Wait-HvDomain'; Arguments = @{ State = 'Running' } }
    ) {
        # The three running domains: one record with all three names costs what three piped records cost.
        $piped = 'vm-001', 'vm-005', 'vm-007' | & $Command @Arguments -Verbose 4>&1
        $together = & $Command 'vm-001', 'vm-005', 'vm-007' @Arguments -Verbose 4>&1
        Get-EnumerateCount $piped | Should -Be (Get-EnumerateCount $together)
        Get-EnumerateCount $piped | Should -BeGreaterThan 0
    }

    It 'lists the host once for domain names piped one by one (Get-HvDomainSnapshot)' {
        $out = 'vm-002', 'vm-003' | Get-HvDomainSnapshot -Verbose 4>&1
        @($out | Where-Object { $_ -is [HyperVLibvirt.Core.Snapshots.HvDomainSnapshot] }).Domain | Sort-Object -Unique | Should -Be @('vm-002', 'vm-003')
        # One listing, then every snapshot and every current snapshot of the host.
        Get-EnumerateCount $out | Should -Be 3
    }

    It 'lists each of two connections once, a domain piped from one and a name looked up on the other' {
        $other = Connect-HvLibvirt ((Get-SimulatorUri $script:Sim) -replace '127\.0\.0\.1', 'localhost') -Credential $script:Sim.Credential -NotDefault
        try {
            $vm = Get-HvDomain vm-005 -Connection $other
            $out = $vm, 'vm-001', 'vm-007' | Get-HvDomainGuestInfo -Verbose 4>&1
            $infos = @($out | Where-Object { $_ -is [HyperVLibvirt.Core.Guest.HvDomainGuestInfo] })
            ($infos | Where-Object ConnectionId -EQ $other.Id).Domain | Should -Be 'vm-005'
            ($infos | Where-Object ConnectionId -EQ $script:Conn.Id).Domain | Should -Be @('vm-001', 'vm-007')
            Get-EnumerateCount $out | Should -Be 4
        }
        finally {
            Disconnect-HvLibvirt -Connection $other -Confirm:$false
        }
    }
}

Describe 'What is reported' {
    It 'reports a name that matches nothing once, among piped names that do (<Command>)' -ForEach @(
        @{ Command = 'Get-HvDomainGuestInfo' }
        @{ Command = 'Get-HvDomainSnapshot' }
        @{ Command = 'Get-HvDomainXml' }
        @{ Command = 'Get-HvDomainIPAddress' }
    ) {
        $rows = @('vm-001', 'nope', 'nope' | & $Command -ErrorVariable err -ErrorAction SilentlyContinue)
        @($err).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DomainNotFound,*'
        $err[0].TargetObject | Should -Be 'nope'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        if ($Command -eq 'Get-HvDomainGuestInfo') { $rows.Domain | Should -Be 'vm-001' }
    }

    It 'says a piped domain''s connection is closed and still reads the others (<Command>)' -ForEach @(
        @{ Command = 'Get-HvDomainGuestInfo' }
        @{ Command = 'Get-HvDomainSnapshot' }
        @{ Command = 'Get-HvDomainVcpu' }
        @{ Command = 'Get-HvDomainXml' }
        @{ Command = 'Get-HvDomainBlockInfo' }
    ) {
        $closed = Connect-HvLibvirt ((Get-SimulatorUri $script:Sim) -replace '127\.0\.0\.1', 'localhost') -Credential $script:Sim.Credential -NotDefault
        $gone = Get-HvDomain vm-001 -Connection $closed
        Disconnect-HvLibvirt -Connection $closed -Confirm:$false
        $live = Get-HvDomain vm-003
        $rows = @($gone, $live | & $Command -ErrorVariable err -ErrorAction SilentlyContinue)
        @($err | Where-Object FullyQualifiedErrorId -Like 'ConnectionClosed,*').Count | Should -Be 1
        $err[0].TargetObject.Name | Should -Be 'vm-001'
        if ($Command -ne 'Get-HvDomainGuestInfo') { $rows.Count | Should -BeGreaterThan 0 }
    }

    It 'reads nothing when every name given was refused' {
        $out = Get-HvDomainScheduler -Name '' -Verbose -ErrorVariable err -ErrorAction SilentlyContinue 4>&1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'EmptyDomainName,*'
        Get-EnumerateCount $out | Should -Be 0
    }
}
