BeforeAll {
    . $PSScriptRoot/Common.ps1
    . $PSScriptRoot/Lifecycle.Common.ps1
    Import-Module (Get-TestModulePath) -Force

    function Get-KeyboardInput {
        # What the simulator's keyboard of a domain received (GET /simulator/keyboard), oldest first.
        param([Parameter(Mandatory)] [string] $Name)
        $uuid = (Get-HvDomain -Name $Name).Uuid.ToString()
        $log = Invoke-RestMethod -Uri ([uri]::new($script:Sim.HttpUri, '/simulator/keyboard'))
        $entries = $log.PSObject.Properties | Where-Object Name -EQ $uuid | Select-Object -First 1
        if ($entries) { @($entries.Value) } else { @() }
    }
}

Describe 'Send-HvDomainKey' {
    BeforeAll {
        $script:Sim = Start-LifecycleSimulator -Vms @(
            @{ name = 'console-a'; state = 'running' }
            @{ name = 'console-b'; state = 'running' }
            @{ name = 'console-c'; state = 'running' }
            @{ name = 'console-d'; state = 'running' }
            @{ name = 'console-e'; state = 'running' }
            @{ name = 'console-whatif'; state = 'running' }
            @{ name = 'off-a'; state = 'off' }
        )
        $null = Connect-LifecycleSimulator $script:Sim
    }
    AfterAll {
        Disconnect-HvLibvirt -All -Confirm:$false
        $script:Sim | Stop-LifecycleSimulator
    }

    It 'presses the keys in order, then releases them in the same order, as virsh send-key does' {
        Send-HvDomainKey console-a -Key KEY_LEFTCTRL, KEY_LEFTALT, KEY_DELETE
        Get-KeyboardInput console-a | Should -Be @('PressKey 17', 'PressKey 18', 'PressKey 46', 'ReleaseKey 17', 'ReleaseKey 18', 'ReleaseKey 46')
    }

    It 'reads keys in another code set, by number (decimal or hex) or by name' {
        Send-HvDomainKey console-b -CodeSet usb -Key 40
        Send-HvDomainKey console-b -CodeSet atset1 -Key 0x1e
        Send-HvDomainKey console-b -CodeSet win32 -Key VK_LWIN
        Get-KeyboardInput console-b | Should -Be @('PressKey 13', 'ReleaseKey 13', 'PressKey 65', 'ReleaseKey 65', 'PressKey 91', 'ReleaseKey 91')
    }

    It 'types text and sends Ctrl+Alt+Del with the keyboard''s own methods, and -PassThru writes the domain' {
        $d = Send-HvDomainKey console-c -Text "root`n" -PassThru
        $d.Name | Should -Be 'console-c'
        Get-HvDomain console-c | Send-HvDomainKey -CtrlAltDel -Confirm:$false
        Get-KeyboardInput console-c | Should -Be @("TypeText root`n", 'TypeCtrlAltDel')
    }

    It 'takes domains by wildcard, each typed on once' {
        Send-HvDomainKey 'console-[de]' -Key KEY_ENTER
        foreach ($name in 'console-d', 'console-e') {
            Get-KeyboardInput $name | Should -Be @('PressKey 13', 'ReleaseKey 13')
        }
    }

    It 'sends nothing with -WhatIf' {
        Send-HvDomainKey console-whatif -Key KEY_A -WhatIf
        Get-KeyboardInput console-whatif | Should -BeNullOrEmpty
    }

    It 'refuses a domain that is not running with KeyboardDomainNotRunning, targeted at the domain' {
        Send-HvDomainKey off-a -Key KEY_A -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'KeyboardDomainNotRunning,*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $err[0].TargetObject.Name | Should -Be 'off-a'
        "$err" | Should -Match 'Start-HvDomain'
        Get-KeyboardInput off-a | Should -BeNullOrEmpty
    }

    It 'refuses a key without a Windows virtual-key code before sending anything (InvalidKeyCode)' {
        { Send-HvDomainKey console-a -Key KEY_A, KEY_MACRO -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidKeyCode,*'
        { Send-HvDomainKey console-a -Key CTRL -ErrorAction Stop } | Should -Throw '*KEY_LEFTCTRL*'
    }

    It 'refuses text that is not ASCII (TextNotAscii)' {
        { Send-HvDomainKey console-a -Text 'grüß' -ErrorAction Stop } | Should -Throw -ErrorId 'TextNotAscii,*'
    }

    It 'needs exactly one of -Key, -Text and -CtrlAltDel' {
        { Send-HvDomainKey console-a -ErrorAction Stop } | Should -Throw -ErrorId 'KeyInputMissing,*'
        { Send-HvDomainKey console-a -Key KEY_A -CtrlAltDel -ErrorAction Stop } | Should -Throw -ErrorId 'KeyInputsConflict,*'
    }

    It 'takes at most 16 keys, as libvirt' {
        { Send-HvDomainKey console-a -Key (1..17 | ForEach-Object { 'KEY_A' }) -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }

    It 'completes key names in the code set given' {
        $line = 'Send-HvDomainKey console-a -CodeSet win32 -Key VK_RE'
        $names = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $names | Should -Contain 'VK_RETURN'
        $line = 'Send-HvDomainKey console-a -Key KEY_LEFTC'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('KEY_LEFTCTRL')
    }
}
