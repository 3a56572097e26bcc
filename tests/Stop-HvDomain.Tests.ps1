BeforeAll {
    . $PSScriptRoot/Common.ps1
    . $PSScriptRoot/Lifecycle.Common.ps1
    Import-Module (Get-TestModulePath) -Force
}

Describe 'Stop-HvDomain' {
    BeforeAll {
        $script:Sim = Start-LifecycleSimulator -Vms @(
            @{ name = 'run-shutdown'; state = 'running' }
            @{ name = 'run-force'; state = 'running' }
            @{ name = 'run-bare'; state = 'running'; integrationServices = $false }
            @{ name = 'run-turnoff'; state = 'running' }
            @{ name = 'run-byid'; state = 'running'; processId = 4242 }
            @{ name = 'paused-turnoff'; state = 'paused' }
            @{ name = 'paused-shutdown'; state = 'paused' }
            @{ name = 'run-save'; state = 'running' }
            @{ name = 'paused-save'; state = 'paused' }
            @{ name = 'run-whatif'; state = 'running' }
            @{ name = 'off-a'; state = 'off' }
            @{ name = 'saved-a'; state = 'saved' }
            @{ name = 'run-broken'; state = 'running'; failJobs = $true }
        )
        $null = Connect-LifecycleSimulator $script:Sim
    }
    AfterAll {
        Disconnect-HvLibvirt -All -Confirm:$false
        $script:Sim | Stop-LifecycleSimulator
    }

    It 'shuts a running domain down through the guest and waits until it is off' {
        $d = Stop-HvDomain -Name 'run-shutdown' -PassThru
        $d.HyperVState | Should -Be 'Off'
        $d.State | Should -Be 'Shutoff'
        $d.Id | Should -BeNullOrEmpty
    }

    It '-Force shuts down gracefully with Force (confirmed with -Confirm:$false)' {
        (Stop-HvDomain -Name 'run-force' -Force -Confirm:$false -PassThru).HyperVState | Should -Be 'Off'
    }

    It 'without a shutdown component says so, suggests -TurnOff and changes nothing' {
        Stop-HvDomain -Name 'run-bare' -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'NoShutdownComponent,*'
        $err[0].ErrorDetails.RecommendedAction | Should -BeLike '*-TurnOff*'
        Get-DomainState 'run-bare' | Should -Be 'Running'
    }

    It 'refuses to shut down a paused domain with DomainNotRunning' {
        Stop-HvDomain -Name 'paused-shutdown' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DomainNotRunning,*'
        $err[0].Exception.Message | Should -BeLike '*Domain is not active or in state transition*'
        Get-DomainState 'paused-shutdown' | Should -Be 'Paused'
    }

    It '-TurnOff powers off a <Name> domain' -ForEach @(
        @{ Name = 'run-turnoff' }
        @{ Name = 'paused-turnoff' }
    ) {
        (Stop-HvDomain -Name $Name -TurnOff -Confirm:$false -PassThru).HyperVState | Should -Be 'Off'
    }

    It '-TurnOff takes a domain by -Id' {
        $id = (Get-HvDomain -Name 'run-byid').Id
        $id | Should -Be 4242
        (Stop-HvDomain -Id $id -TurnOff -Confirm:$false -PassThru).Name | Should -Be 'run-byid'
        Get-DomainState 'run-byid' | Should -Be 'Off'
    }

    It '-TurnOff refuses an inactive (<Name>) domain with DomainNotActive and changes nothing' -ForEach @(
        @{ Name = 'off-a'; Before = 'Off' }
        @{ Name = 'saved-a'; Before = 'Saved' }
    ) {
        Stop-HvDomain -Name $Name -TurnOff -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DomainNotActive,*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $err[0].Exception.Message | Should -BeLike '*Domain is not active or is in state transition*'
        Get-DomainState $Name | Should -Be $Before
    }

    It '-Save saves a <Name> domain (managed save)' -ForEach @(
        @{ Name = 'run-save' }
        @{ Name = 'paused-save' }
    ) {
        $d = Stop-HvDomain -Name $Name -Save -PassThru
        $d.HyperVState | Should -Be 'Saved'
        $d.EnabledState | Should -Be 6
        $d.HasManagedSave | Should -BeTrue
    }

    It '-Save refuses an off domain with DomainNotActive' {
        Stop-HvDomain -Name 'off-a' -Save -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DomainNotActive,*'
        Get-DomainState 'off-a' | Should -Be 'Off'
    }

    It '-WhatIf changes nothing, whichever way of stopping' {
        Stop-HvDomain -Name 'run-whatif' -WhatIf
        Stop-HvDomain -Name 'run-whatif' -TurnOff -WhatIf
        Stop-HvDomain -Name 'run-whatif' -Save -WhatIf
        Get-DomainState 'run-whatif' | Should -Be 'Running'
    }

    It 'refuses <Switches> together' -ForEach @(
        @{ Switches = '-TurnOff -Save'; Splat = @{ TurnOff = $true; Save = $true } }
        @{ Switches = '-Force -TurnOff'; Splat = @{ Force = $true; TurnOff = $true } }
        @{ Switches = '-Force -Save'; Splat = @{ Force = $true; Save = $true } }
    ) {
        { Stop-HvDomain -Name 'run-whatif' @Splat -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'ConflictingStopOptions,*'
        Get-DomainState 'run-whatif' | Should -Be 'Running'
    }

    It 'reports a failing job with its ErrorCode and ErrorDescription; the domain stays running' {
        Stop-HvDomain -Name 'run-broken' -TurnOff -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'JobFailed,*'
        $err[0].Exception.ErrorCode | Should -Be 32768
        $err[0].Exception.Message | Should -BeLike "*$($err[0].Exception.ErrorDescription)*ErrorCode 32768*"
        Get-DomainState 'run-broken' | Should -Be 'Running'
    }
}

Describe 'Get-HvDomain | Stop-HvDomain -TurnOff -Confirm:$false' {
    BeforeAll {
        $script:Sim = Start-LifecycleSimulator -Vms @(
            @{ name = 'p-run-1'; state = 'running' }
            @{ name = 'p-run-2'; state = 'running' }
            @{ name = 'p-paused'; state = 'paused' }
            @{ name = 'p-off'; state = 'off' }
        )
        $null = Connect-LifecycleSimulator $script:Sim
    }
    AfterAll {
        Disconnect-HvLibvirt -All -Confirm:$false
        $script:Sim | Stop-LifecycleSimulator
    }

    It 'turns off every active domain and reports the inactive one' {
        $out = Get-HvDomain | Stop-HvDomain -TurnOff -Confirm:$false -PassThru -ErrorVariable err -ErrorAction SilentlyContinue
        $out.Name | Sort-Object | Should -Be @('p-paused', 'p-run-1', 'p-run-2')
        $out.HyperVState | Sort-Object -Unique | Should -Be 'Off'
        $err | Should -HaveCount 1
        $err[0].TargetObject.Name | Should -Be 'p-off'
        (Get-HvDomain).HyperVState | Sort-Object -Unique | Should -Be 'Off'
    }
}

Describe 'Stop-HvDomain on many domains across two hosts' {
    BeforeAll {
        # 50 domains over 2 hosts, one of which fails its job.
        $vmsA = @(1..24 | ForEach-Object { @{ name = "a-$_"; state = 'running' } }) + @(@{ name = 'a-broken'; state = 'running'; failJobs = $true })
        $vmsB = @(1..25 | ForEach-Object { @{ name = "b-$_"; state = 'running' } })
        $script:SimA = Start-LifecycleSimulator -Vms $vmsA -ComputerName 'HV-A'
        $script:SimB = Start-LifecycleSimulator -Vms $vmsB -ComputerName 'HV-B'
        $script:ConnA = Connect-LifecycleSimulator $script:SimA -NotDefault
        $script:ConnB = Connect-LifecycleSimulator $script:SimB -NotDefault
    }
    AfterAll {
        Disconnect-HvLibvirt -All -Confirm:$false
        $script:SimA, $script:SimB | Stop-LifecycleSimulator
    }

    It 'turns them all off, and one failure does not stop the others' {
        $out = Get-HvDomain -Connection $script:ConnA, $script:ConnB |
            Stop-HvDomain -TurnOff -Confirm:$false -PassThru -ThrottleLimit 4 -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -HaveCount 49
        $out.HyperVState | Sort-Object -Unique | Should -Be 'Off'
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'JobFailed,*'
        $err[0].TargetObject.Name | Should -Be 'a-broken'
        (Get-HvDomain -Connection $script:ConnB).HyperVState | Sort-Object -Unique | Should -Be 'Off'
        (Get-HvDomain -Connection $script:ConnA -Name 'a-broken').HyperVState | Should -Be 'Running'
    }
}

Describe 'Stop-HvDomain stopped with Ctrl+C' {
    BeforeAll {
        $script:Sim = Start-LifecycleSimulator -JobMs 60000 -Vms @(@{ name = 'slow-run'; state = 'running' })
        $script:Conn = Connect-LifecycleSimulator $script:Sim -NotDefault
    }
    AfterAll {
        Disconnect-HvLibvirt -All -Confirm:$false
        $script:Sim | Stop-LifecycleSimulator
    }

    It 'stops waiting and warns which job is still running on the host' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($ModulePath, $Uri, $Credential)
                    Import-Module $ModulePath
                    $null = Connect-HvLibvirt $Uri -Credential $Credential
                    Stop-HvDomain -Name 'slow-run' -TurnOff -Confirm:$false
                }).AddArgument((Get-TestModulePath)).AddArgument((Get-SimulatorUri $script:Sim)).AddArgument($script:Sim.Credential)
            $async = $ps.BeginInvoke()
            # Wait (bounded) until the host shows the job under way, then press Ctrl+C.
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while ((Get-DomainState 'slow-run' -Connection $script:Conn) -ne 'Stopping' -and [DateTime]::UtcNow -lt $deadline) {
                Start-Sleep -Milliseconds 50
            }
            Get-DomainState 'slow-run' -Connection $script:Conn | Should -Be 'Stopping'
            $ps.Stop()
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $warnings = @($ps.Streams.Warning | ForEach-Object Message)
            $warnings | Should -HaveCount 1
            $warnings[0] | Should -BeLike "*slow-run*still running on the host*"
            $warnings[0] | Should -Match 'job [0-9A-F-]{36}'
            # The job goes on without us.
            Get-DomainState 'slow-run' -Connection $script:Conn | Should -Be 'Stopping'
        }
        finally {
            $ps.Dispose()
        }
    }
}

Describe 'Stop-HvDomain on a v1 host (ws2008r2)' {
    BeforeAll {
        $script:Sim = Start-LifecycleSimulator -Profile ws2008r2 -Vms @(
            @{ name = 'v1-save'; state = 'running' }
            @{ name = 'v1-off'; state = 'running' }
            @{ name = 'v1-shutdown'; state = 'running' }
        )
        $null = Connect-LifecycleSimulator $script:Sim
    }
    AfterAll {
        Disconnect-HvLibvirt -All -Confirm:$false
        $script:Sim | Stop-LifecycleSimulator
    }

    It '-Save requests 32769 and the domain is saved' {
        $d = Stop-HvDomain -Name 'v1-save' -Save -PassThru
        $d.EnabledState | Should -Be 32769
        $d.HasManagedSave | Should -BeTrue
    }

    It '-TurnOff powers off' {
        (Stop-HvDomain -Name 'v1-off' -TurnOff -Confirm:$false -PassThru).EnabledState | Should -Be 3
    }

    It 'shuts down through the v1 shutdown component' {
        (Stop-HvDomain -Name 'v1-shutdown' -PassThru).EnabledState | Should -Be 3
    }
}

Describe 'Stop-HvDomain confirmation' {
    BeforeAll {
        $script:Sim = Start-LifecycleSimulator -Vms @(
            @{ name = 'confirm-turnoff'; state = 'running' }
            @{ name = 'confirm-save'; state = 'running' }
        )
        $script:Conn = Connect-LifecycleSimulator $script:Sim -NotDefault
        function Invoke-WithoutPrompting([scriptblock] $Script) {
            # A runspace whose host cannot prompt: a confirmation request fails there instead of waiting for a key.
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript({
                        param($ModulePath, $Uri, $Credential, $Body)
                        Import-Module $ModulePath
                        $null = Connect-HvLibvirt $Uri -Credential $Credential
                        & ([scriptblock]::Create($Body))
                    }).AddArgument((Get-TestModulePath)).AddArgument((Get-SimulatorUri $script:Sim)).AddArgument($script:Sim.Credential).AddArgument($Script.ToString())
                $null = $ps.Invoke()
                , @($ps.Streams.Error)
            }
            finally { $ps.Dispose() }
        }
    }
    AfterAll {
        Disconnect-HvLibvirt -All -Confirm:$false
        $script:Sim | Stop-LifecycleSimulator
    }

    It '-TurnOff asks for confirmation (ConfirmImpact High) and does nothing unconfirmed' {
        $errors = Invoke-WithoutPrompting { Stop-HvDomain -Name 'confirm-turnoff' -TurnOff }
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ConfirmationRequired,*'
        $errors[0].ToString() | Should -BeLike '*add -Confirm:$false*'
        $errors[0].Exception.Message | Should -BeLike '*Are you sure you want to turn off confirm-turnoff*'
        Get-DomainState 'confirm-turnoff' -Connection $script:Conn | Should -Be 'Running'
    }

    It '-TurnOff under pwsh -NonInteractive fails with ConfirmationRequired, saying to add -Confirm:$false' {
        $out = Invoke-NonInteractivePwsh -Simulator $script:Sim -Script @'
Stop-HvDomain -Name 'confirm-turnoff' -TurnOff -ErrorVariable failed -ErrorAction SilentlyContinue
"id=$($failed[0].FullyQualifiedErrorId)"
"message=$($failed[0])"
"action=$($failed[0].ErrorDetails.RecommendedAction)"
'@
        $text = $out -join "`n"
        $text | Should -Match 'id=ConfirmationRequired,'
        $text | Should -Match ([regex]::Escape('message=Stop-HvDomain -TurnOff asks for confirmation (ConfirmImpact High), and this session cannot prompt: to run it unattended, add -Confirm:$false.'))
        $text | Should -Match ([regex]::Escape('action=To run it unattended, add -Confirm:$false.'))
        Get-DomainState 'confirm-turnoff' -Connection $script:Conn | Should -Be 'Running'
    }

    It '-Save does not ask (ConfirmImpact Medium)' {
        $errors = Invoke-WithoutPrompting { Stop-HvDomain -Name 'confirm-save' -Save }
        $errors | Should -BeNullOrEmpty
        Get-DomainState 'confirm-save' -Connection $script:Conn | Should -Be 'Saved'
    }
}
