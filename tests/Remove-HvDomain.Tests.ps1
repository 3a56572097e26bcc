BeforeAll {
    . $PSScriptRoot/Common.ps1
    . $PSScriptRoot/Lifecycle.Common.ps1
    Import-Module (Get-TestModulePath) -Force
}

Describe 'Remove-HvDomain' {
    BeforeAll {
        $script:Sim = Start-LifecycleSimulator -Vms @(
            @{ name = 'off-a'; state = 'off' }
            @{ name = 'off-b'; state = 'off' }
            @{ name = 'off-whatif'; state = 'off' }
            @{ name = 'saved-a'; state = 'saved' }
            @{ name = 'run-a'; state = 'running' }
            @{ name = 'run-b'; state = 'running' }
            @{ name = 'paused-a'; state = 'paused' }
        )
        $null = Connect-LifecycleSimulator $script:Sim
    }
    AfterAll {
        Disconnect-HvLibvirt -All -Confirm:$false
        $script:Sim | Stop-LifecycleSimulator
    }

    It 'declares ConfirmImpact High' {
        $meta = [System.Management.Automation.CommandMetadata]::new((Get-Command Remove-HvDomain))
        $meta.ConfirmImpact | Should -Be 'High'
    }

    It 'removes an off domain, and the read side no longer lists it' {
        $out = Remove-HvDomain off-a -Confirm:$false
        $out | Should -BeNullOrEmpty
        Get-HvDomain off-a -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        (Get-HvDomain).Name | Should -Not -Contain 'off-a'
        (Get-HvDomain).Name | Should -Contain 'off-b'
    }

    It 'removes a saved domain and domains from the pipeline' {
        Get-HvDomain saved-a, off-b | Remove-HvDomain -Confirm:$false
        (Get-HvDomain).Name | Should -Not -Contain 'saved-a'
        (Get-HvDomain).Name | Should -Not -Contain 'off-b'
    }

    It 'removes nothing with -WhatIf' {
        Remove-HvDomain off-whatif -WhatIf
        (Get-HvDomain off-whatif).Name | Should -Be 'off-whatif'
    }

    It 'refuses an active <Name> domain with DomainActive and leaves it' -ForEach @(
        @{ Name = 'run-a'; State = 'Running' }
        @{ Name = 'paused-a'; State = 'Paused' }
    ) {
        Remove-HvDomain $Name -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DomainActive,*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $err[0].TargetObject.Name | Should -Be $Name
        $err[0].ErrorDetails.RecommendedAction | Should -Match '-Force'
        Get-DomainState $Name | Should -Be $State
    }

    It 'turns an active domain off and removes it with -Force' {
        Remove-HvDomain run-b -Force -Confirm:$false
        (Get-HvDomain).Name | Should -Not -Contain 'run-b'
        (Get-HvDomain).Name | Should -Contain 'run-a'
    }

    It 'reports a name that matches nothing' {
        Remove-HvDomain no-such-vm -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DomainNotFound,*'
    }
}
