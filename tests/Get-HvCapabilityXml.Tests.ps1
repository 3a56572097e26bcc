BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-Module (Get-TestModulePath) -Force
    $script:Sim = Start-TestSimulator -Vms 2
    $script:Conn = Connect-HvLibvirt (Get-SimulatorUri $script:Sim) -Credential $script:Sim.Credential
}

AfterAll {
    Disconnect-HvLibvirt -All -Confirm:$false
    $script:Sim | Stop-TestSimulator
}

Describe 'Get-HvCapabilityXml' {
    It 'returns the document as one string, as virsh capabilities prints it' {
        $xml = Get-HvCapabilityXml
        $xml | Should -BeOfType ([string])
        $xml | Should -BeLike "<capabilities>`n`n  <host>`n    <uuid>*"
        $xml | Should -Match "(?s)<arch>x86_64</arch>.*<power_management/>\n    <iommu support='no'/>\n    <migration_features>\n      <live/>"
        $xml.EndsWith("</capabilities>`n") | Should -BeTrue
    }

    It 'puts the host''s SMBIOS UUID in lower case' {
        $uuid = ([xml] (Get-HvCapabilityXml)).capabilities.host.uuid
        $uuid | Should -Match '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
        [guid] $uuid | Should -Be (Get-HvNodeInfo).Uuid
    }

    It 'returns an XmlDocument with -AsDocument, with the two hvm guests of libvirt''s Hyper-V driver' {
        $doc = Get-HvCapabilityXml -AsDocument
        $doc | Should -BeOfType ([System.Xml.XmlDocument])
        @($doc.capabilities.guest.arch.name) | Should -Be @('i686', 'x86_64')
        @($doc.capabilities.guest.arch.wordsize) | Should -Be @('32', '64')
        @($doc.capabilities.guest.os_type) | Should -Be @('hvm', 'hvm')
        @($doc.capabilities.guest.arch.domain.type) | Should -Be @('hyperv', 'hyperv')
    }

    It 'takes connections from the pipeline' {
        @($script:Conn | Get-HvCapabilityXml).Count | Should -Be 1
    }

    It 'says the connection is closed after Disconnect-HvLibvirt' {
        $c = Connect-HvLibvirt ((Get-SimulatorUri $script:Sim) -replace '127\.0\.0\.1', 'localhost') -Credential $script:Sim.Credential -NotDefault
        Disconnect-HvLibvirt -Connection $c -Confirm:$false
        { Get-HvCapabilityXml -Connection $c -ErrorAction Stop } | Should -Throw -ErrorId 'ConnectionClosed*'
    }
}
