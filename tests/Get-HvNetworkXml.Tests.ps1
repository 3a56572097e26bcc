BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-Module (Get-TestModulePath) -Force
}

Describe 'Get-HvNetworkXml' {
    BeforeAll {
        $script:Sim = Start-TestSimulator -Vms 8 -Seed 1
        $script:C = Connect-HvLibvirt (Get-SimulatorUri $script:Sim) -Credential $script:Sim.Credential
    }
    AfterAll {
        Disconnect-HvLibvirt -All -Confirm:$false
        $script:Sim | Stop-TestSimulator
    }

    It 'writes the XML virsh net-dumpxml prints: name, uuid, no forward' {
        $uuid = (Get-HvNetwork 'Default Switch').Uuid
        $xml = Get-HvNetworkXml 'Default Switch'
        $xml | Should -BeOfType ([string])
        $xml | Should -BeExactly "<network>`n  <name>Default Switch</name>`n  <uuid>$uuid</uuid>`n</network>`n"
    }

    It 'gives an XmlDocument with -AsDocument' {
        $doc = Get-HvNetworkXml External -AsDocument
        $doc | Should -BeOfType ([System.Xml.XmlDocument])
        $doc.network.name | Should -Be 'External'
        $doc.SelectSingleNode('/network/forward') | Should -BeNullOrEmpty
        [guid] $doc.network.uuid | Should -Be (Get-HvNetwork External).Uuid
    }

    It 'takes networks from Get-HvNetwork, by name or by UUID' {
        @(Get-HvNetwork | Get-HvNetworkXml).Count | Should -Be 3
        Get-HvNetworkXml -Uuid (Get-HvNetwork Isolated).Uuid | Should -Match '<name>Isolated</name>'
    }

    It 'reports a network that does not exist' {
        Get-HvNetworkXml Nope -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -Be 'NetworkNotFound,HyperVLibvirt.Commands.GetHvNetworkXmlCommand'
    }
}
