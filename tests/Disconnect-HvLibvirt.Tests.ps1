BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-Module (Get-TestModulePath) -Force
    $script:Sim = Start-TestSimulator -Https
}

AfterAll {
    Disconnect-HvLibvirt -All -Confirm:$false
    $script:Sim | Stop-TestSimulator
}

Describe 'Disconnect-HvLibvirt' {
    BeforeEach {
        $script:Http = Connect-HvLibvirt (Get-SimulatorUri $script:Sim) -Credential $script:Sim.Credential
        $script:Https = Connect-HvLibvirt (Get-SimulatorUri $script:Sim -Https) -Credential $script:Sim.Credential -SkipCACheck -SkipCNCheck -NotDefault
    }
    AfterEach { Disconnect-HvLibvirt -All -Confirm:$false }

    It 'closes the default connection and forgets it' {
        Disconnect-HvLibvirt
        $script:Http.IsConnected | Should -BeFalse
        @(Get-HvConnection) | Should -Be @($script:Https)
        Get-HvConnection -Default | Should -BeNullOrEmpty
    }

    It '-WhatIf closes nothing, whether of one connection or of all' {
        Disconnect-HvLibvirt -WhatIf
        Disconnect-HvLibvirt -All -WhatIf
        $script:Https | Disconnect-HvLibvirt -WhatIf
        $script:Http.IsConnected | Should -BeTrue
        $script:Https.IsConnected | Should -BeTrue
        @(Get-HvConnection) | Should -HaveCount 2
        (Get-HvConnection -Default) | Should -Be $script:Http
        (Get-HvVersion).Packed | Should -Be 1000017763 -Because 'the default connection still works'
    }

    It 'asks before closing when $ConfirmPreference is Low, and closes nothing on "No"' {
        # A host that cannot prompt refuses the question, so the connection must survive it.
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($ModulePath, $Uri, $Credential)
                    Import-Module $ModulePath
                    $c = Connect-HvLibvirt $Uri -Credential $Credential
                    $ConfirmPreference = 'Low'
                    try { Disconnect-HvLibvirt -ErrorAction Stop } catch { 'refused' }
                    $c.IsConnected
                    @(Get-HvConnection).Count
                }).AddArgument((Get-TestModulePath)).AddArgument((Get-SimulatorUri $script:Sim)).AddArgument($script:Sim.Credential)
            $out = $ps.Invoke()
            $out[0] | Should -Be 'refused'
            $out[1] | Should -BeTrue
            $out[2] | Should -Be 1
        }
        finally { $ps.Dispose() }
    }

    It '-All -Confirm:$false closes every connection and -PassThru returns them' {
        $closed = Disconnect-HvLibvirt -All -Confirm:$false -PassThru
        $closed | Should -HaveCount 2
        $closed | ForEach-Object { $_.IsConnected | Should -BeFalse }
        Get-HvConnection | Should -BeNullOrEmpty
    }
}
