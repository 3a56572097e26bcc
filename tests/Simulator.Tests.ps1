BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-Module (Get-TestModulePath) -Force
}

# The simulator as the README starts it (a generated host, no --all-states), 8 VMs as by default.
Describe 'The stock simulator' {
    BeforeAll {
        $script:Sim = Start-TestSimulator -Vms 8
        $script:Connection = Connect-HvLibvirt (Get-SimulatorUri $script:Sim) -Credential $script:Sim.Credential -NotDefault
    }
    AfterAll {
        Disconnect-HvLibvirt -All -Confirm:$false
        $script:Sim | Stop-TestSimulator
    }

    It 'shows VMs at rest only: running, off, saved or paused' {
        $domains = @(Get-HvDomain -Connection $script:Connection)
        $domains | Should -HaveCount 8
        $domains | ForEach-Object { $_.HyperVState | Should -BeIn @('Running', 'Off', 'Saved', 'Paused') }
        @($domains | Where-Object HyperVState -eq 'Running').Count | Should -BeGreaterThan 1
    }

    It "saves every running VM with the README's Get-HvDomain -State Running | Stop-HvDomain -Save" {
        $running = @(Get-HvDomain -Connection $script:Connection -State Running)
        $running.Count | Should -BeGreaterThan 1
        $saved = @($running | Stop-HvDomain -Save -Confirm:$false -PassThru -ErrorVariable err -ErrorAction SilentlyContinue)
        $err | Should -HaveCount 0
        $saved | Should -HaveCount $running.Count
        $saved | ForEach-Object { $_.HyperVState | Should -Be 'Saved' }
        @(Get-HvDomain -Connection $script:Connection -State Running) | Should -HaveCount 0
    }
}
