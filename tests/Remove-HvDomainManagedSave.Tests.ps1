BeforeAll {
    . $PSScriptRoot/Common.ps1
    . $PSScriptRoot/Lifecycle.Common.ps1
    Import-Module (Get-TestModulePath) -Force
}

Describe 'Remove-HvDomainManagedSave' {
    BeforeAll {
        $script:Sim = Start-LifecycleSimulator -Vms @(
            @{ name = 'saved-a'; state = 'saved' }
            @{ name = 'saved-b'; state = 'saved' }
            @{ name = 'saved-whatif'; state = 'saved' }
            @{ name = 'run-a'; state = 'running' }
            @{ name = 'off-a'; state = 'off' }
            @{ name = 'paused-a'; state = 'paused' }
        )
        $null = Connect-LifecycleSimulator $script:Sim
    }
    AfterAll {
        Disconnect-HvLibvirt -All -Confirm:$false
        $script:Sim | Stop-LifecycleSimulator
    }

    It 'discards the saved state, leaving the domain off' {
        $d = Remove-HvDomainManagedSave -Name 'saved-a' -PassThru
        $d.HyperVState | Should -Be 'Off'
        $d.HasManagedSave | Should -BeFalse
    }

    It 'takes domains from the pipeline' {
        Get-HvDomain -Name 'saved-b' | Remove-HvDomainManagedSave
        Get-DomainState 'saved-b' | Should -Be 'Off'
    }

    It 'refuses a <Name> domain with NoManagedSave and changes nothing' -ForEach @(
        @{ Name = 'run-a'; Before = 'Running' }
        @{ Name = 'off-a'; Before = 'Off' }
        @{ Name = 'paused-a'; Before = 'Paused' }
    ) {
        Remove-HvDomainManagedSave -Name $Name -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'NoManagedSave,*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $err[0].Exception.Message | Should -BeLike '*Domain has no managed save image*'
        Get-DomainState $Name | Should -Be $Before
    }

    It '-WhatIf changes nothing' {
        Remove-HvDomainManagedSave -Name 'saved-whatif' -WhatIf
        Get-DomainState 'saved-whatif' | Should -Be 'Saved'
    }
}

Describe 'Remove-HvDomainManagedSave on a v1 host (ws2008r2)' {
    BeforeAll {
        $script:Sim = Start-LifecycleSimulator -Profile ws2008r2 -Vms @(@{ name = 'v1-saved'; state = 'saved' })
        $null = Connect-LifecycleSimulator $script:Sim
    }
    AfterAll {
        Disconnect-HvLibvirt -All -Confirm:$false
        $script:Sim | Stop-LifecycleSimulator
    }

    It 'discards a 32769 saved state' {
        (Get-HvDomain -Name 'v1-saved').EnabledState | Should -Be 32769
        $d = Remove-HvDomainManagedSave -Name 'v1-saved' -PassThru
        $d.EnabledState | Should -Be 3
        $d.HasManagedSave | Should -BeFalse
    }
}
