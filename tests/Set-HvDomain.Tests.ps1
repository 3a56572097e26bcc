BeforeAll {
    . $PSScriptRoot/Common.ps1
    . $PSScriptRoot/Lifecycle.Common.ps1
    Import-Module (Get-TestModulePath) -Force
}

Describe 'Set-HvDomain' {
    BeforeAll {
        $script:Sim = Start-LifecycleSimulator -Vms @(
            @{ name = 'off-a'; state = 'off'; vcpus = 2; memoryMB = 1024; maxMemoryMB = 2048; dynamicMemory = $false; autostart = $false }
            @{ name = 'off-b'; state = 'off'; vcpus = 2; memoryMB = 1024; maxMemoryMB = 2048; dynamicMemory = $false; autostart = $false }
            @{ name = 'off-c'; state = 'off'; vcpus = 1; memoryMB = 512; maxMemoryMB = 512; dynamicMemory = $false; autostart = $true }
            @{ name = 'run-fixed'; state = 'running'; vcpus = 2; memoryMB = 2048; maxMemoryMB = 2048; dynamicMemory = $false }
            @{ name = 'run-dynamic'; state = 'running'; vcpus = 2; memoryMB = 2048; maxMemoryMB = 8192; dynamicMemory = $true }
            @{ name = 'saved-a'; state = 'saved'; vcpus = 2; memoryMB = 1024; maxMemoryMB = 1024 }
        )
        $null = Connect-LifecycleSimulator $script:Sim
    }
    AfterAll {
        Disconnect-HvLibvirt -All -Confirm:$false
        $script:Sim | Stop-LifecycleSimulator
    }

    It 'changes memory, maximum memory, vCPUs and autostart, and the read side shows them' {
        $d = Set-HvDomain off-a -Memory 1.5GB -MaxMemory 4GB -VcpuCount 4 -Autostart $true -PassThru
        $d.Memory | Should -Be 1.5GB
        $d.MaxMemory | Should -Be 4GB
        $d.VCpus | Should -Be 4
        $d.Autostart | Should -BeTrue

        $again = Get-HvDomain off-a -Detailed
        $again.Memory | Should -Be 1.5GB
        $again.VCpus | Should -Be 4
        $again.Autostart | Should -BeTrue
        $xml = [xml] (Get-HvDomainXml off-a)
        # libvirt's XML: memory and currentMemory from VirtualQuantity, maxMemory from Limit.
        $xml.domain.maxMemory.'#text' | Should -Be (4GB / 1KB)
        $xml.domain.memory.'#text' | Should -Be (1.5GB / 1KB)
        $xml.domain.currentMemory.'#text' | Should -Be (1.5GB / 1KB)
        $xml.domain.vcpu.'#text' | Should -Be '4'
    }

    It 'rounds as libvirt does: up to whole MiB, then to an even number' {
        (Set-HvDomain off-b -Memory (1025MB + 1) -PassThru).Memory | Should -Be 1026MB   # 1025 MiB and a byte: 1026 MiB
        (Set-HvDomain off-b -Memory 1001MB -PassThru).Memory | Should -Be 1002MB         # odd: up to the next even
    }

    It 'takes domains from the pipeline and writes nothing without -PassThru' {
        $out = Get-HvDomain off-c | Set-HvDomain -Autostart $false
        $out | Should -BeNullOrEmpty
        (Get-HvDomain off-c -Detailed).Autostart | Should -BeFalse
    }

    It 'changes nothing with -WhatIf' {
        Set-HvDomain off-b -VcpuCount 8 -WhatIf
        (Get-HvDomain off-b -Detailed).VCpus | Should -Be 2
    }

    It 'refuses vCPUs on a <Name> domain with VcpusNeedDomainOff' -ForEach @(
        @{ Name = 'run-fixed' }
        @{ Name = 'saved-a' }
    ) {
        Set-HvDomain $Name -VcpuCount 3 -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'VcpusNeedDomainOff,*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $err[0].TargetObject.Name | Should -Be $Name
        $err[0].ErrorDetails.RecommendedAction | Should -Match 'Stop-HvDomain'
        (Get-HvDomain $Name -Detailed).VCpus | Should -Be 2
    }

    It 'refuses the memory of a running domain without dynamic memory, and allows it with' {
        Set-HvDomain run-fixed -Memory 1GB -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'MemoryFixedWhileActive,*'
        (Get-HvDomain run-fixed -Detailed).Memory | Should -Be 2GB
        (Set-HvDomain run-dynamic -Memory 4GB -PassThru).Memory | Should -Be 4GB
    }

    It 'reports the host''s refusal with its return code' {
        Set-HvDomain off-b -Memory 2TB -MaxMemory 2TB -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'HostRefused,*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].Exception.Message | Should -Match 'Invalid parameter \(32773\)'
    }

    It 'refuses memory above the maximum before sending, saying what to do' {
        Set-HvDomain off-b -Memory 3GB -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ValueOutOfRange,*'
        $err[0].ErrorDetails.RecommendedAction | Should -Match '-MaxMemory'
    }

    It 'needs at least one setting' {
        { Set-HvDomain off-a -ErrorAction Stop } | Should -Throw -ErrorId 'NoSettingGiven,HyperVLibvirt.Commands.Management.SetHvDomainCommand'
    }

    It 'reports a name that matches nothing' {
        Set-HvDomain no-such-vm -Autostart $true -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DomainNotFound,*'
    }
}
