BeforeAll {
    . $PSScriptRoot/Common.ps1
    . $PSScriptRoot/Lifecycle.Common.ps1
    Import-Module (Get-TestModulePath) -Force
    $script:Sim = Start-LifecycleSimulator -Vms @(
        @{ name = 'w-run1'; state = 'running' },
        @{ name = 'w-run2'; state = 'running' },
        @{ name = 'w-bare'; state = 'running'; integrationServices = $false },
        @{ name = 'w-off'; state = 'off' },
        @{ name = 'w-saved'; state = 'saved' }
    )
    $script:Conn = Connect-LifecycleSimulator $script:Sim

    function Get-Verbose($Out, [string] $Like) {
        @($Out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like $Like })
    }
}

AfterAll {
    Disconnect-HvLibvirt -All -Confirm:$false
    $script:Sim | Stop-LifecycleSimulator
}

Describe 'Wait-HvDomain' {
    It 'returns at once, writing nothing, when the guests already answer' {
        $out = Wait-HvDomain 'w-run*' -Heartbeat
        $out | Should -BeNullOrEmpty
    }

    It 'asks the host once per round about all the domains' {
        $out = Wait-HvDomain 'w-run1', 'w-run2' -Heartbeat -Verbose 4>&1
        Get-Verbose $out 'WS-Man GetSummaryInformation *' | Should -HaveCount 1
    }

    It 'writes each domain with -PassThru, read again, in Get-VM''s view' {
        $d = @(Get-HvDomain 'w-run*' | Wait-HvDomain -Heartbeat -PassThru)
        $d | Should -HaveCount 2
        $d | ForEach-Object { $_ | Should -BeOfType ([HyperVLibvirt.Core.Domains.HvDomain]); $_.Heartbeat | Should -BeLike 'Ok*' }
        $d[0].PSObject.TypeNames[0] | Should -Be 'HyperVLibvirt.Core.Domains.HvDomain#Summary'
    }

    It 'waits for a started domain to finish starting' {
        Start-HvDomain w-off -NoWait -Confirm:$false
        $d = Wait-HvDomain w-off -State Running -PassThru -TimeoutSec 60
        $d.State | Should -Be 'Running'
        $d.InTransition | Should -BeFalse
        Get-DomainState w-off | Should -Be 'Running'
        Stop-HvDomain w-off -TurnOff -Confirm:$false
    }

    It 'waits for a booting guest to answer its heartbeat' {
        Start-HvDomain w-off -Confirm:$false
        (Get-HvDomain w-off -Summary).Heartbeat | Should -Be 'NoContact'
        $d = Wait-HvDomain w-off -Heartbeat -TimeoutSec 60 -PassThru
        $d.Heartbeat | Should -BeLike 'Ok*'
        Stop-HvDomain w-off -TurnOff -Confirm:$false
    }

    It 'ends at once for a guest without integration services, saying so' {
        $out = Wait-HvDomain w-bare -Heartbeat -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be 'WaitNoIntegrationServices,HyperVLibvirt.Commands.WaitHvDomainCommand'
        $err[0].CategoryInfo.Category | Should -Be 'NotEnabled'
        $err[0].TargetObject.Name | Should -Be 'w-bare'
        $err[0].Exception.Message | Should -Match 'integration services'
        $err[0].ErrorDetails.RecommendedAction | Should -Match 'Install or enable'
    }

    It 'ends at once for a saved domain, which has no guest running' {
        $err = $null
        Wait-HvDomain w-saved -Heartbeat -TimeoutSec 60 -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'WaitNotRunning,*'
        $err[0].ErrorDetails.RecommendedAction | Should -Match "Start-HvDomain 'w-saved'"
    }

    It 'reports a timeout with what the domain last showed' {
        Wait-HvDomain w-run1 -State Shutoff -TimeoutSec 1 -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'WaitTimedOut,*'
        $err[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $err[0].Exception.Message | Should -Match 'last seen: Running'
    }

    It 'waits on what succeeds and reports what fails in one call' {
        $d = @(Wait-HvDomain w-run1, w-bare -Heartbeat -PassThru -ErrorVariable err -ErrorAction SilentlyContinue)
        $d.Name | Should -Be @('w-run1')
        $err.FullyQualifiedErrorId | Should -BeLike 'WaitNoIntegrationServices,*'
    }

    It 'refuses a call that says nothing, or several things, to wait for' {
        { Wait-HvDomain w-run1 -ErrorAction Stop } | Should -Throw -ErrorId 'WaitConditionMissing,HyperVLibvirt.Commands.WaitHvDomainCommand'
        { Wait-HvDomain w-run1 -Heartbeat -State Running -ErrorAction Stop } | Should -Throw -ErrorId 'WaitConditionsConflict,HyperVLibvirt.Commands.WaitHvDomainCommand'
    }

    It 'reports a name that matches nothing' {
        Wait-HvDomain no-such-vm -Heartbeat -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DomainNotFound*'
    }

    It 'waits on several hosts at once' {
        $other = Start-LifecycleSimulator -Vms @(@{ name = 'w-far'; state = 'running' })
        try {
            $far = Connect-LifecycleSimulator $other -NotDefault
            $d = @(@(Get-HvDomain w-run1) + @(Get-HvDomain w-far -Connection $far) | Wait-HvDomain -Heartbeat -PassThru)
            ($d.Name | Sort-Object) | Should -Be @('w-far', 'w-run1')
        }
        finally {
            $other | Stop-LifecycleSimulator
        }
    }
}
