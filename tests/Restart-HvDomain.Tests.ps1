BeforeAll {
    . $PSScriptRoot/Common.ps1
    . $PSScriptRoot/Lifecycle.Common.ps1
    Import-Module (Get-TestModulePath) -Force
}

Describe 'Restart-HvDomain' {
    BeforeAll {
        $script:Sim = Start-LifecycleSimulator -Vms @(
            @{ name = 'run-reboot'; state = 'running' }
            @{ name = 'run-reset'; state = 'running' }
            @{ name = 'run-whatif'; state = 'running' }
            @{ name = 'off-a'; state = 'off' }
            @{ name = 'paused-a'; state = 'paused' }
            @{ name = 'saved-a'; state = 'saved' }
        )
        $null = Connect-LifecycleSimulator $script:Sim
    }
    AfterAll {
        Disconnect-HvLibvirt -All -Confirm:$false
        $script:Sim | Stop-LifecycleSimulator
    }

    It 'reboots a running domain, which is running again afterwards' {
        $d = Restart-HvDomain -Name 'run-reboot' -PassThru -Verbose 4>&1
        $verbose = $d | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $domain = $d | Where-Object { $_ -is [HyperVLibvirt.Core.Domains.HvDomain] }
        $domain.HyperVState | Should -Be 'Running'
        ($verbose.Message -join "`n") | Should -BeLike '*Reboot (RequestStateChange 10)*started job*'
    }

    It '-Reset hard-resets a running domain (confirmed with -Confirm:$false)' {
        $d = Restart-HvDomain -Name 'run-reset' -Reset -Confirm:$false -PassThru -Verbose 4>&1
        ($d | Where-Object { $_ -is [HyperVLibvirt.Core.Domains.HvDomain] }).HyperVState | Should -Be 'Running'
        (($d | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n") |
            Should -BeLike '*Reset (RequestStateChange 11)*started job*'
    }

    It 'refuses a <Name> domain with DomainNotRunning and changes nothing' -ForEach @(
        @{ Name = 'off-a'; Before = 'Off' }
        @{ Name = 'paused-a'; Before = 'Paused' }
        @{ Name = 'saved-a'; Before = 'Saved' }
    ) {
        Restart-HvDomain -Name $Name -ErrorVariable err -ErrorAction SilentlyContinue
        Restart-HvDomain -Name $Name -Reset -Confirm:$false -ErrorVariable +err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 2
        $err.FullyQualifiedErrorId | ForEach-Object { $_ | Should -BeLike 'DomainNotRunning,*' }
        $err[0].Exception.Message | Should -BeLike '*Domain is not active*'
        Get-DomainState $Name | Should -Be $Before
    }

    It '-WhatIf changes nothing' {
        Restart-HvDomain -Name 'run-whatif' -WhatIf
        Restart-HvDomain -Name 'run-whatif' -Reset -WhatIf
        Get-DomainState 'run-whatif' | Should -Be 'Running'
    }
}

Describe 'Restart-HvDomain with slow jobs' {
    BeforeAll {
        $script:Sim = Start-LifecycleSimulator -JobMs 60000 -Vms @(
            @{ name = 'slow-reboot'; state = 'running' }
            @{ name = 'slow-reset'; state = 'running' }
        )
        $null = Connect-LifecycleSimulator $script:Sim
    }
    AfterAll {
        Disconnect-HvLibvirt -All -Confirm:$false
        $script:Sim | Stop-LifecycleSimulator
    }

    It '-NoWait shows the domain restarting' {
        (Restart-HvDomain -Name 'slow-reboot' -NoWait -PassThru).InTransition | Should -BeTrue
        (Restart-HvDomain -Name 'slow-reset' -Reset -Confirm:$false -NoWait -PassThru).InTransition | Should -BeTrue
    }
}

Describe 'Restart-HvDomain on a v1 host (ws2008r2)' {
    BeforeAll {
        $script:Sim = Start-LifecycleSimulator -Profile ws2008r2 -Vms @(@{ name = 'v1-run'; state = 'running' })
        $null = Connect-LifecycleSimulator $script:Sim
    }
    AfterAll {
        Disconnect-HvLibvirt -All -Confirm:$false
        $script:Sim | Stop-LifecycleSimulator
    }

    It 'reboots and resets in root/virtualization' {
        (Restart-HvDomain -Name 'v1-run' -PassThru).EnabledState | Should -Be 2
        (Restart-HvDomain -Name 'v1-run' -Reset -Confirm:$false -PassThru).EnabledState | Should -Be 2
    }
}
