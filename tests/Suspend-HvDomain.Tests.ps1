BeforeAll {
    . $PSScriptRoot/Common.ps1
    . $PSScriptRoot/Lifecycle.Common.ps1
    Import-Module (Get-TestModulePath) -Force
}

Describe 'Suspend-HvDomain and Resume-HvDomain' {
    BeforeAll {
        $script:Sim = Start-LifecycleSimulator -Vms @(
            @{ name = 'run-suspend'; state = 'running' }
            @{ name = 'run-roundtrip'; state = 'running' }
            @{ name = 'run-whatif'; state = 'running' }
            @{ name = 'paused-resume'; state = 'paused' }
            @{ name = 'paused-whatif'; state = 'paused' }
            @{ name = 'off-a'; state = 'off' }
            @{ name = 'saved-a'; state = 'saved' }
            @{ name = 'paused-a'; state = 'paused' }
            @{ name = 'run-a'; state = 'running' }
        )
        $null = Connect-LifecycleSimulator $script:Sim
    }
    AfterAll {
        Disconnect-HvLibvirt -All -Confirm:$false
        $script:Sim | Stop-LifecycleSimulator
    }

    It 'suspends a running domain (RequestStateChange 9 on v2)' {
        $d = Suspend-HvDomain -Name 'run-suspend' -PassThru
        $d.State | Should -Be 'Paused'
        $d.EnabledState | Should -Be 9
        $d.IsActive | Should -BeTrue
    }

    It 'resumes a paused domain' {
        $d = Resume-HvDomain -Name 'paused-resume' -PassThru
        $d.State | Should -Be 'Running'
        $d.EnabledState | Should -Be 2
    }

    It 'suspends and resumes through the pipeline' {
        Get-HvDomain -Name 'run-roundtrip' | Suspend-HvDomain -PassThru | Resume-HvDomain
        Get-DomainState 'run-roundtrip' | Should -Be 'Running'
    }

    It 'Suspend-HvDomain refuses a <Name> domain with DomainNotRunning and changes nothing' -ForEach @(
        @{ Name = 'off-a'; Before = 'Off' }
        @{ Name = 'saved-a'; Before = 'Saved' }
        @{ Name = 'paused-a'; Before = 'Paused' }
    ) {
        Suspend-HvDomain -Name $Name -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DomainNotRunning,*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $err[0].Exception.Message | Should -BeLike '*Domain is not active*'
        Get-DomainState $Name | Should -Be $Before
    }

    It 'Resume-HvDomain refuses a <Name> domain with DomainNotPaused and changes nothing' -ForEach @(
        @{ Name = 'off-a'; Before = 'Off' }
        @{ Name = 'saved-a'; Before = 'Saved' }
        @{ Name = 'run-a'; Before = 'Running' }
    ) {
        Resume-HvDomain -Name $Name -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DomainNotPaused,*'
        $err[0].Exception.Message | Should -BeLike '*Domain is not paused*'
        Get-DomainState $Name | Should -Be $Before
    }

    It '-WhatIf changes nothing' {
        Suspend-HvDomain -Name 'run-whatif' -WhatIf
        Resume-HvDomain -Name 'paused-whatif' -WhatIf
        Get-DomainState 'run-whatif' | Should -Be 'Running'
        Get-DomainState 'paused-whatif' | Should -Be 'Paused'
    }
}

Describe 'Suspend-HvDomain and Resume-HvDomain on a v1 host (ws2008r2)' {
    BeforeAll {
        $script:Sim = Start-LifecycleSimulator -Profile ws2008r2 -Vms @(
            @{ name = 'v1-run'; state = 'running' }
            @{ name = 'v1-paused'; state = 'paused' }
        )
        $null = Connect-LifecycleSimulator $script:Sim
    }
    AfterAll {
        Disconnect-HvLibvirt -All -Confirm:$false
        $script:Sim | Stop-LifecycleSimulator
    }

    It 'suspends with RequestStateChange 32768' {
        $d = Suspend-HvDomain -Name 'v1-run' -PassThru
        $d.EnabledState | Should -Be 32768
        $d.State | Should -Be 'Paused'
    }

    It 'resumes a domain paused as 32768' {
        (Get-HvDomain -Name 'v1-paused').EnabledState | Should -Be 32768
        (Resume-HvDomain -Name 'v1-paused' -PassThru).EnabledState | Should -Be 2
    }
}
