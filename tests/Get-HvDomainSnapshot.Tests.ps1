BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-Module (Get-TestModulePath) -Force
    # The seed-1 inventory of 8: vm-002 has a branch (baseline > test-a, test-b > test-b2), vm-003 a chain
    # (baseline > patched > pre-upgrade), vm-001 no snapshot.
    $script:Sim = Start-TestSimulator -Vms 8
    $script:Connection = Connect-HvLibvirt (Get-SimulatorUri $script:Sim) -Credential $script:Sim.Credential
}

AfterAll {
    Disconnect-HvLibvirt -All -Confirm:$false
    $script:Sim | Stop-TestSimulator
}

Describe 'Get-HvDomainSnapshot' {
    It 'lists a domain''s snapshots in tree order with parents and depths' {
        $snapshots = @(Get-HvDomainSnapshot vm-002)
        $snapshots.Name | Should -Be @('baseline', 'test-a', 'test-b', 'test-b2')
        $snapshots.Parent | Should -Be @($null, 'baseline', 'baseline', 'test-b')
        $snapshots.Depth | Should -Be @(0, 1, 1, 2)
        $snapshots[0] | Should -BeOfType ([HyperVLibvirt.Core.Snapshots.HvDomainSnapshot])
    }

    It 'marks exactly one current snapshot per domain with snapshots' {
        $current = @(Get-HvDomainSnapshot -Current)
        $current | Should -HaveCount 5
        ($current | Where-Object Domain -eq 'vm-003').Name | Should -Be 'pre-upgrade'
        @($current | Group-Object Domain | Where-Object Count -gt 1) | Should -HaveCount 0
    }

    It 'selects roots and leaves as virsh snapshot-list does' {
        (Get-HvDomainSnapshot vm-002 -Roots).Name | Should -Be 'baseline'
        (Get-HvDomainSnapshot vm-002 -Leaves).Name | Should -Be @('test-a', 'test-b2')
    }

    It 'selects snapshots by name with wildcards' {
        (Get-HvDomainSnapshot vm-002 -Name 'test-b*').Name | Should -Be @('test-b', 'test-b2')
    }

    It 'reads a whole host in three queries however the domains come' {
        $verbose = Get-HvDomain | Get-HvDomainSnapshot -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        @($verbose | Where-Object Message -Match 'Enumerate').Count | Should -Be 3
    }

    It 'says NoCurrentSnapshot for a named domain without snapshots' {
        $null = Get-HvDomainSnapshot vm-001 -Current -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'NoCurrentSnapshot,*'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject.Name | Should -Be 'vm-001'
    }

    It 'says SnapshotNotFound for an exact snapshot name a named domain lacks' {
        $null = Get-HvDomainSnapshot vm-002 -Name nosuch -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'SnapshotNotFound,*'
        $errors[0].Exception.Message | Should -Match "'vm-002' has no snapshot named 'nosuch'"
    }

    It 'stays silent for domains without snapshots on a whole-host read' {
        $null = Get-HvDomainSnapshot -Current -ErrorVariable errors
        $errors | Should -BeNullOrEmpty
    }

    It 'says DomainNotFound for a domain name that matches nothing' {
        $null = Get-HvDomainSnapshot nosuch -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'DomainNotFound,*'
    }

    It 'exports as flat data' {
        $csv = Get-HvDomainSnapshot vm-003 | ConvertTo-Csv | ConvertFrom-Csv
        $csv.Name | Should -Be @('baseline', 'patched', 'pre-upgrade')
        ($csv | Out-String) | Should -Not -Match 'HyperVLibvirt\.|System\.'
    }

    It 'shows the tree indented and the current snapshot starred in the table view' {
        $PSStyle.OutputRendering = 'PlainText'
        $text = Get-HvDomainSnapshot vm-002 | Out-String -Width 160
        $text | Should -Match '(?m)^vm-002\s{5}test-b2\s+2025-03-18 09:30:00 \+00:00 shutoff \*\s*$'
    }
}

Describe 'Get-HvDomainSnapshotXml' {
    It 'writes libvirt''s snapshot XML for a named snapshot' {
        $xml = [xml] (Get-HvDomainSnapshotXml vm-003 patched)
        $xml.domainsnapshot.name | Should -Be 'patched'
        $xml.domainsnapshot.parent.name | Should -Be 'baseline'
        $xml.domainsnapshot.state | Should -Be 'shutoff'
        $xml.domainsnapshot.creationTime | Should -Be ([DateTimeOffset]::new(2025, 3, 11, 9, 30, 0, [TimeSpan]::Zero).ToUnixTimeSeconds())
        $xml.domainsnapshot.domain.uuid | Should -Be (Get-HvDomain vm-003).Uuid
    }

    It 'returns a document with -AsDocument' {
        $doc = Get-HvDomainSnapshotXml vm-003 pre-upgrade -AsDocument
        $doc | Should -BeOfType ([System.Xml.XmlDocument])
        $doc.domainsnapshot.memory.snapshot | Should -Be 'internal'
    }

    It 'writes piped snapshots without asking the host' {
        $snapshot = Get-HvDomainSnapshot vm-002 -Name test-b2
        $verbose = $snapshot | Get-HvDomainSnapshotXml -Verbose 4>&1
        @($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }) | Should -HaveCount 0
        ([xml] ($verbose | Where-Object { $_ -is [string] })).domainsnapshot.name | Should -Be 'test-b2'
    }

    It 'takes domains from the pipeline with -Name' {
        $texts = @(Get-HvDomain vm-00[23] | Get-HvDomainSnapshotXml -Name baseline)
        $texts | Should -HaveCount 2
    }

    It 'says SnapshotNotFound for an exact name a named domain lacks' {
        $null = Get-HvDomainSnapshotXml vm-003 nosuch -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'SnapshotNotFound,*'
    }
}
