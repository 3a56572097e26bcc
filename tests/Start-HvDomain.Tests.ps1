BeforeAll {
    . $PSScriptRoot/Common.ps1
    . $PSScriptRoot/Lifecycle.Common.ps1
    Import-Module (Get-TestModulePath) -Force
}

Describe 'Start-HvDomain' {
    BeforeAll {
        $script:Sim = Start-LifecycleSimulator -Vms @(
            @{ name = 'off-a'; state = 'off' }
            @{ name = 'off-b'; state = 'off' }
            @{ name = 'off-c'; state = 'off' }
            @{ name = 'pipe-1'; state = 'off' }
            @{ name = 'pipe-2'; state = 'off' }
            @{ name = 'web-1'; state = 'off' }
            @{ name = 'web-2'; state = 'off' }
            @{ name = 'off-uuid'; state = 'off'; id = '0b7c7d8e-4b1f-4a52-9d3e-2f6a1c0d9e11' }
            @{ name = 'off-whatif'; state = 'off' }
            @{ name = 'saved-a'; state = 'saved' }
            @{ name = 'running-a'; state = 'running' }
            @{ name = 'paused-a'; state = 'paused' }
            @{ name = 'starting-a'; state = 'starting' }
            @{ name = 'broken'; state = 'off'; failJobs = $true }
            @{ name = 'busy'; state = 'off'; refuseStateChange = 32774 }
        )
        $script:Conn = Connect-LifecycleSimulator $script:Sim
    }
    AfterAll {
        Disconnect-HvLibvirt -All -Confirm:$false
        $script:Sim | Stop-LifecycleSimulator
    }

    It 'takes names from the pipeline, as Stop-VM does' {
        $d = @('pipe-1', 'pipe-2' | Start-HvDomain -PassThru)
        ($d.Name | Sort-Object) -join ',' | Should -Be 'pipe-1,pipe-2'
        Get-DomainState 'pipe-1' | Should -Be 'Running'
        Get-DomainState 'pipe-2' | Should -Be 'Running'
    }

    It 'starts an off domain and -PassThru returns it read again, running' {
        $d = Start-HvDomain -Name 'off-a' -PassThru
        $d | Should -BeOfType ([HyperVLibvirt.Core.Domains.HvDomain])
        $d.Name | Should -Be 'off-a'
        $d.State | Should -Be 'Running'
        $d.HyperVState | Should -Be 'Running'
        $d.Id | Should -Not -BeNullOrEmpty
        Get-DomainState 'off-a' | Should -Be 'Running'
    }

    It 'writes nothing without -PassThru' {
        $out = Start-HvDomain -Name 'off-b'
        $out | Should -BeNullOrEmpty
        Get-DomainState 'off-b' | Should -Be 'Running'
    }

    It 'starts a domain piped from Get-HvDomain' {
        Get-HvDomain -Name 'off-c' | Start-HvDomain
        Get-DomainState 'off-c' | Should -Be 'Running'
    }

    It 'starts every domain a wildcard matches' {
        $d = Start-HvDomain -Name 'web-*' -PassThru
        $d.Name | Sort-Object | Should -Be @('web-1', 'web-2')
        $d.HyperVState | Should -Be @('Running', 'Running')
    }

    It 'starts a domain by -Uuid' {
        (Start-HvDomain -Uuid '0b7c7d8e-4b1f-4a52-9d3e-2f6a1c0d9e11' -Connection $script:Conn -PassThru).HyperVState | Should -Be 'Running'
    }

    It 'starts a saved domain from its saved state' {
        $d = Start-HvDomain -Name 'saved-a' -PassThru
        $d.HyperVState | Should -Be 'Running'
        $d.HasManagedSave | Should -BeFalse
    }

    It 'refuses a <Name> domain with DomainAlreadyActive and changes nothing' -ForEach @(
        @{ Name = 'running-a'; Before = 'Running' }
        @{ Name = 'paused-a'; Before = 'Paused' }
        @{ Name = 'starting-a'; Before = 'Starting' }
    ) {
        $out = Start-HvDomain -Name $Name -PassThru -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DomainAlreadyActive,*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $err[0].TargetObject.Name | Should -Be $Name
        $err[0].Exception.Message | Should -BeLike '*Domain is already active or is in state transition*'
        Get-DomainState $Name | Should -Be $Before
    }

    It '-WhatIf changes nothing' {
        Start-HvDomain -Name 'off-whatif' -WhatIf
        Get-DomainState 'off-whatif' | Should -Be 'Off'
    }

    It 'reports a failing job with its ErrorCode and ErrorDescription' {
        Start-HvDomain -Name 'broken' -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'JobFailed,*'
        $err[0].Exception.ErrorCode | Should -Be 32768
        $err[0].Exception.ErrorDescription | Should -Not -BeNullOrEmpty
        $err[0].Exception.Message | Should -BeLike "*$($err[0].Exception.ErrorDescription)*"
        Get-DomainState 'broken' | Should -Be 'Off'
    }

    It 'reports a refused state change with libvirt''s text for the return code' {
        Start-HvDomain -Name 'busy' -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'StateChangeFailed,*'
        $err[0].Exception.Message | Should -BeLike '*Invocation of RequestStateChange returned an error: System is in use (32774)*'
        $err[0].TargetObject.Name | Should -Be 'busy'
        Get-DomainState 'busy' | Should -Be 'Off'
    }

    It 'reports a name that matches nothing as DomainNotFound' {
        Start-HvDomain -Name 'no-such-vm' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DomainNotFound,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Start-HvDomain with slow jobs' {
    BeforeAll {
        $script:Sim = Start-LifecycleSimulator -JobMs 60000 -Vms @(
            @{ name = 'slow-a'; state = 'off' }
            @{ name = 'slow-b'; state = 'off' }
        )
        $script:Conn = Connect-LifecycleSimulator $script:Sim
    }
    AfterAll {
        Disconnect-HvLibvirt -All -Confirm:$false
        $script:Sim | Stop-LifecycleSimulator
    }

    It '-NoWait returns at once with the domain as it is now' {
        $d = Start-HvDomain -Name 'slow-a' -NoWait -PassThru
        $d.HyperVState | Should -Be 'Starting'
        $d.InTransition | Should -BeTrue
    }

    It '-TimeoutSec gives JobTimedOut naming the job still running on the host, and reports nothing as done' {
        $out = Start-HvDomain -Name 'slow-b' -TimeoutSec 1 -PassThru -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'JobTimedOut,*'
        $err[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $jobId = $err[0].Exception.JobInstanceId
        $jobId | Should -Not -BeNullOrEmpty
        $err[0].Exception.Message | Should -BeLike "*still running on the host*$jobId*"
        $err[0].ErrorDetails.RecommendedAction | Should -BeLike "*Get-HvDomain -Uuid*Msvm_ConcreteJob*$jobId*"
        Get-DomainState 'slow-b' | Should -Be 'Starting'
    }
}

Describe 'Start-HvDomain on a v1 host (ws2008r2)' {
    BeforeAll {
        $script:Sim = Start-LifecycleSimulator -Profile ws2008r2 -Vms @(
            @{ name = 'off-v1'; state = 'off' }
            @{ name = 'saved-v1'; state = 'saved' }
        )
        $null = Connect-LifecycleSimulator $script:Sim
    }
    AfterAll {
        Disconnect-HvLibvirt -All -Confirm:$false
        $script:Sim | Stop-LifecycleSimulator
    }

    It 'starts an off domain in root/virtualization' {
        (Start-HvDomain -Name 'off-v1' -PassThru).EnabledState | Should -Be 2
    }

    It 'starts a saved (32769) domain' {
        (Get-HvDomain -Name 'saved-v1').EnabledState | Should -Be 32769
        (Start-HvDomain -Name 'saved-v1' -PassThru).EnabledState | Should -Be 2
    }
}
