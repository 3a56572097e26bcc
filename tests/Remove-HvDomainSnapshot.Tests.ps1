BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-Module (Get-TestModulePath) -Force
    # The seed-1 inventory of 8: vm-002 has a branch (baseline > test-a, test-b > test-b2, current), vm-003 and vm-006
    # a chain (baseline > patched > pre-upgrade, current).
    $script:Sim = Start-TestSimulator -Vms 8
    $script:Connection = Connect-HvLibvirt (Get-SimulatorUri $script:Sim) -Credential $script:Sim.Credential
}

AfterAll {
    Disconnect-HvLibvirt -All -Confirm:$false
    $script:Sim | Stop-TestSimulator
}

Describe 'Remove-HvDomainSnapshot' {
    It 'changes nothing with -WhatIf' {
        Get-HvDomainSnapshot vm-003 | Remove-HvDomainSnapshot -WhatIf
        @(Get-HvDomainSnapshot vm-003) | Should -HaveCount 3
    }

    It 'deletes one snapshot and hands its child to its parent' {
        Remove-HvDomainSnapshot vm-003 patched -Confirm:$false | Should -BeNullOrEmpty
        $left = @(Get-HvDomainSnapshot vm-003)
        $left.Name | Should -Be @('baseline', 'pre-upgrade')
        ($left | Where-Object Name -eq 'pre-upgrade').Parent | Should -Be 'baseline'
        (Get-HvDomainSnapshot vm-003 -Current).Name | Should -Be 'pre-upgrade'
    }

    It 'deletes a subtree with -IncludeAllChildSnapshots, and the parent becomes current' {
        $domain = Get-HvDomainSnapshot vm-002 -Name test-b | Remove-HvDomainSnapshot -IncludeAllChildSnapshots -Confirm:$false -PassThru
        $domain | Should -BeOfType ([HyperVLibvirt.Core.Domains.HvDomain])
        $domain.Name | Should -Be 'vm-002'
        (Get-HvDomainSnapshot vm-002).Name | Should -Be @('baseline', 'test-a')
        (Get-HvDomainSnapshot vm-002 -Current).Name | Should -Be 'baseline'
    }

    It 'deletes a whole piped tree without errors for snapshots that went with their ancestor' {
        Get-HvDomainSnapshot vm-006 | Remove-HvDomainSnapshot -IncludeAllChildSnapshots -Confirm:$false -ErrorVariable failures
        $failures | Should -HaveCount 0
        @(Get-HvDomainSnapshot vm-006) | Should -HaveCount 0
    }

    It 'reports an exact snapshot name the domain lacks as SnapshotNotFound, and a wildcard stays silent' {
        Remove-HvDomainSnapshot vm-002 no-such-snapshot -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'SnapshotNotFound*'
        Remove-HvDomainSnapshot vm-002 'zz*' -Confirm:$false -ErrorVariable quiet
        $quiet | Should -HaveCount 0
    }

    It 'declares ConfirmImpact High' {
        (Get-Command Remove-HvDomainSnapshot).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact |
            Should -Be 'High'
    }
}

Describe 'Remove-HvDomainSnapshot when the host answers DestinationUnreachable' {
    BeforeAll {
        # The first Invoke gets WinRM's fault for a resource it routes nowhere: DestinationUnreachable without the WMI provider's status.
        $script:FaultSim = Start-TestSimulator -Vms 8 -ExtraArguments @('--fault', 'wsman:DestinationUnreachable@1/Invoke')
        $script:FaultConnection = Connect-HvLibvirt (Get-SimulatorUri $script:FaultSim) -Credential $script:FaultSim.Credential -NotDefault
    }

    AfterAll {
        $script:FaultConnection | Disconnect-HvLibvirt -Confirm:$false
        $script:FaultSim | Stop-TestSimulator
    }

    It 'reports a fault that does not come from inside the method as the WsManFault it is, not as SnapshotNotFound' {
        Remove-HvDomainSnapshot vm-003 patched -Connection $script:FaultConnection -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'WsManFault,*'
        "$($failures[0])" | Should -Match 'DestinationUnreachable'
        @(Get-HvDomainSnapshot vm-003 -Connection $script:FaultConnection).Name | Should -Contain 'patched'
    }

    It 'reports a snapshot that is no longer there as SnapshotNotFound (WMI''s not found from inside DestroySnapshot)' {
        $snapshot = Get-HvDomainSnapshot vm-003 -Connection $script:FaultConnection -Name patched
        $snapshot | Remove-HvDomainSnapshot -Confirm:$false
        $snapshot | Remove-HvDomainSnapshot -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'SnapshotNotFound,*'
    }
}
