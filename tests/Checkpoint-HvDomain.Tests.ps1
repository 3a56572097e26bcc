BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-Module (Get-TestModulePath) -Force
    # The seed-1 inventory of 8: vm-001 (running) has no snapshot, vm-002 (off) a branch whose current is test-b2,
    # vm-003 (saved) a chain whose current is pre-upgrade.
    $script:Sim = Start-TestSimulator -Vms 8
    $script:Connection = Connect-HvLibvirt (Get-SimulatorUri $script:Sim) -Credential $script:Sim.Credential
}

AfterAll {
    Disconnect-HvLibvirt -All -Confirm:$false
    $script:Sim | Stop-TestSimulator
}

Describe 'Checkpoint-HvDomain' {
    It 'takes a snapshot that becomes current under the previous current, as Get-HvDomainSnapshot reads it back' {
        $created = Checkpoint-HvDomain vm-003 -PassThru
        $created | Should -BeOfType ([HyperVLibvirt.Core.Snapshots.HvDomainSnapshot])
        $created.Name | Should -BeLike 'vm-003 - (*)'
        $created.Parent | Should -Be 'pre-upgrade'
        $created.HasMemory | Should -BeTrue
        $current = Get-HvDomainSnapshot vm-003 -Current
        $current.Name | Should -Be $created.Name
        $current.Id | Should -Be $created.Id
        @(Get-HvDomainSnapshot vm-003) | Should -HaveCount 4
    }

    It 'takes a snapshot without memory of a domain that is off' {
        (Get-HvDomain vm-002).State | Should -Be 'Shutoff'
        $created = Get-HvDomain vm-002 | Checkpoint-HvDomain -PassThru
        $created.HasMemory | Should -BeFalse
        $created.State | Should -Be 'shutoff'
        $created.Parent | Should -Be 'test-b2'
    }

    It 'writes nothing without -PassThru and changes nothing with -WhatIf' {
        Checkpoint-HvDomain vm-001 -WhatIf | Should -BeNullOrEmpty
        @(Get-HvDomainSnapshot vm-001) | Should -HaveCount 0
        Checkpoint-HvDomain vm-001 | Should -BeNullOrEmpty
        @(Get-HvDomainSnapshot vm-001) | Should -HaveCount 1
    }

    It 'takes domains by -Uuid, each once however often it is named' {
        $uuid = (Get-HvDomain vm-005).Uuid
        $before = @(Get-HvDomainSnapshot vm-005).Count
        $created = @(Checkpoint-HvDomain -Uuid $uuid, $uuid -PassThru)
        $created | Should -HaveCount 1
        $created[0].DomainUuid | Should -Be $uuid
        @(Get-HvDomainSnapshot vm-005) | Should -HaveCount ($before + 1)
    }

    It 'names the new snapshot with -SnapshotName, as Get-HvDomainSnapshot reads it back' {
        $created = Checkpoint-HvDomain vm-004 -SnapshotName 'before patch' -PassThru
        $created.Name | Should -Be 'before patch'
        $current = Get-HvDomainSnapshot vm-004 -Current
        $current.Name | Should -Be 'before patch'
        $current.Id | Should -Be $created.Id
        @(Get-HvDomainSnapshot vm-004 | Where-Object Name -Like 'vm-004 - (*)') | Should -HaveCount 0
    }

    It 'refuses an empty -SnapshotName before anything is sent' {
        $before = @(Get-HvDomainSnapshot vm-006).Count
        { Checkpoint-HvDomain vm-006 -SnapshotName '' } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        @(Get-HvDomainSnapshot vm-006) | Should -HaveCount $before
    }

    It 'reports a rename the host refuses as SnapshotRenameFailed, naming the snapshot that keeps its default name' {
        $before = @(Get-HvDomainSnapshot vm-006).Count
        $result = Checkpoint-HvDomain vm-006 -SnapshotName ' ' -PassThru -ErrorVariable failures -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'SnapshotRenameFailed*'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $current = Get-HvDomainSnapshot vm-006 -Current
        $current.Name | Should -BeLike 'vm-006 - (*)'
        $failures[0].Exception.Message | Should -BeLike "Snapshot '$($current.Name)'*exists with its default name*"
        @(Get-HvDomainSnapshot vm-006) | Should -HaveCount ($before + 1)
    }

    It 'reports a name that matches no domain as DomainNotFound' {
        $result = Checkpoint-HvDomain no-such-vm -PassThru -ErrorVariable failures -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'DomainNotFound*'
    }

    It 'traces the CreateSnapshot call with -Verbose' {
        $verbose = Checkpoint-HvDomain vm-001 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        @($verbose | Where-Object Message -Match 'WS-Man CreateSnapshot .*Msvm_VirtualSystemSnapshotService') | Should -HaveCount 1
    }

    It 'checkpoints every domain at once and reads the host''s jobs together, each domain''s snapshot written once' {
        $domains = @(Get-HvDomain)
        $out = Checkpoint-HvDomain -Name * -PassThru -Debug 5>&1
        $created = @($out | Where-Object { $_ -is [HyperVLibvirt.Core.Snapshots.HvDomainSnapshot] })
        @($created.Domain | Sort-Object) | Should -Be @($domains.Name | Sort-Object)
        $jobQueries = @($out | Where-Object { $_ -is [System.Management.Automation.DebugRecord] -and $_.Message -match '^RequestEnvelope Enumerate[\s\S]*FROM Msvm_ConcreteJob' })
        $jobQueries.Count | Should -BeGreaterThan 0
        # Read together, one query names several of the host's jobs; read one domain after another, none would. (A count of
        # queries per job depends on how fast a loaded machine runs the polls, so it is not what is asserted.)
        $mostJobsInOneQuery = ($jobQueries | ForEach-Object { [regex]::Matches($_.Message, 'InstanceID\s*=').Count } | Measure-Object -Maximum).Maximum
        $mostJobsInOneQuery | Should -BeGreaterThan 1
    }

    It 'declares ConfirmImpact Medium and its output type' {
        $command = Get-Command Checkpoint-HvDomain
        $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'Medium'
        $command.OutputType.Name | Should -Contain 'HyperVLibvirt.Core.Snapshots.HvDomainSnapshot'
    }
}
