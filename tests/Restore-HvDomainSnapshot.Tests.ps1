BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-Module (Get-TestModulePath) -Force
    # The seed-1 inventory of 8: vm-002 (off) has a branch (baseline > test-a with memory, test-b > test-b2, current),
    # vm-007 (running) the same branch.
    $script:Sim = Start-TestSimulator -Vms 8
    $script:Connection = Connect-HvLibvirt (Get-SimulatorUri $script:Sim) -Credential $script:Sim.Credential
}

AfterAll {
    Disconnect-HvLibvirt -All -Confirm:$false
    $script:Sim | Stop-TestSimulator
}

Describe 'Restore-HvDomainSnapshot' {
    It 'refuses a running domain before sending anything, and says what to do' {
        (Get-HvDomain vm-007).State | Should -Be 'Running'
        Get-HvDomainSnapshot vm-007 -Name baseline | Restore-HvDomainSnapshot -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'DomainAlreadyActive*'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $failures[0].ErrorDetails.RecommendedAction | Should -Match 'Stop-HvDomain'
        (Get-HvDomainSnapshot vm-007 -Current).Name | Should -Be 'test-b2'
        (Get-HvDomain vm-007).State | Should -Be 'Running'
    }

    It 'reverts a piped snapshot of an off domain, which reads back as current' {
        $result = Get-HvDomainSnapshot vm-002 -Name baseline | Restore-HvDomainSnapshot -Confirm:$false -PassThru
        $result.Name | Should -Be 'baseline'
        $result.IsCurrent | Should -BeTrue
        (Get-HvDomainSnapshot vm-002 -Current).Name | Should -Be 'baseline'
        (Get-HvDomain vm-002).HasManagedSave | Should -BeFalse
    }

    It 'leaves the domain saved after reverting by name to a snapshot that holds memory' {
        Restore-HvDomainSnapshot -DomainName vm-002 -Name test-a -Confirm:$false | Should -BeNullOrEmpty
        (Get-HvDomainSnapshot vm-002 -Current).Name | Should -Be 'test-a'
        $domain = Get-HvDomain vm-002
        $domain.State | Should -Be 'Shutoff'
        $domain.HasManagedSave | Should -BeTrue
    }

    It 'changes nothing with -WhatIf' {
        Restore-HvDomainSnapshot vm-002 test-b2 -WhatIf
        (Get-HvDomainSnapshot vm-002 -Current).Name | Should -Be 'test-a'
    }

    It 'reports an exact snapshot name the domain lacks as SnapshotNotFound' {
        Restore-HvDomainSnapshot vm-002 no-such-snapshot -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'SnapshotNotFound*'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'reports a snapshot deleted since it was read as SnapshotNotFound' {
        $stale = Get-HvDomainSnapshot vm-002 -Name test-b2
        Remove-HvDomainSnapshot vm-002 test-b2 -Confirm:$false
        $stale | Restore-HvDomainSnapshot -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'SnapshotNotFound*'
        $failures[0].Exception.Message | Should -Match 'no longer on the host'
    }

    It 'declares ConfirmImpact High' {
        (Get-Command Restore-HvDomainSnapshot).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact |
            Should -Be 'High'
    }
}
