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

    It '-Reset under pwsh -NonInteractive fails with ConfirmationRequired, saying to add -Confirm:$false' {
        $out = Invoke-NonInteractivePwsh -Simulator $script:Sim -Script @'
Restart-HvDomain -Name 'run-whatif' -Reset -ErrorVariable failed -ErrorAction SilentlyContinue
"id=$($failed[0].FullyQualifiedErrorId)"
"message=$($failed[0])"
'@
        $text = $out -join "`n"
        $text | Should -Match 'id=ConfirmationRequired,'
        $text | Should -Match ([regex]::Escape('add -Confirm:$false.'))
    }
}

Describe 'Restart-HvDomain -WhatIf' {
    BeforeAll {
        # Every Invoke (RequestStateChange) fails on this host, so a request that -WhatIf let
        # through shows as an error: a reboot would end Running again and prove nothing.
        $path = Join-Path ([IO.Path]::GetTempPath()) ('hvl-whatif-' + [guid]::NewGuid().ToString('n') + '.json')
        ConvertTo-Json -InputObject @{ vms = @(@{ name = 'run-whatif'; state = 'running' }) } -Depth 5 | Set-Content -LiteralPath $path -Encoding utf8
        $script:InventoryPath = $path
        $script:Sim = Start-TestSimulator -ExtraArguments @('--inventory', $path, '--job-ms', '100', '--fault', 'wsman:AccessDenied/Invoke')
        $null = Connect-HvLibvirt (Get-SimulatorUri $script:Sim) -Credential $script:Sim.Credential
    }
    AfterAll {
        Disconnect-HvLibvirt -All -Confirm:$false
        $script:Sim | Stop-TestSimulator
        Remove-Item -LiteralPath $script:InventoryPath -Force -ErrorAction SilentlyContinue
    }

    It 'sends no request to change the domain, with or without -Reset' {
        $faults = (Get-SimulatorStats $script:Sim).faults
        Restart-HvDomain -Name 'run-whatif' -WhatIf -ErrorVariable err -ErrorAction SilentlyContinue
        Restart-HvDomain -Name 'run-whatif' -Reset -WhatIf -ErrorVariable +err -ErrorAction SilentlyContinue
        $err | Should -BeNullOrEmpty
        (Get-SimulatorStats $script:Sim).faults | Should -Be $faults
    }

    It 'would have sent one (the host refuses it), which is what the test above watches for' {
        $faults = (Get-SimulatorStats $script:Sim).faults
        Restart-HvDomain -Name 'run-whatif' -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        (Get-SimulatorStats $script:Sim).faults | Should -BeGreaterThan $faults
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
