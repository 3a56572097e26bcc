BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-Module (Get-TestModulePath) -Force
    # The seed-1 inventory of 8: vm-001, vm-005 and vm-007 run with integration services; vm-002 is off; vm-004 is paused.
    $script:Sim = Start-TestSimulator -Vms 8
    $script:Connection = Connect-HvLibvirt (Get-SimulatorUri $script:Sim) -Credential $script:Sim.Credential
}

AfterAll {
    Disconnect-HvLibvirt -All -Confirm:$false
    $script:Sim | Stop-TestSimulator
}

Describe 'Get-HvDomainGuestInfo' {
    It 'reads every running guest without parameters and skips the domains that are not running' {
        $infos = @(Get-HvDomainGuestInfo -ErrorVariable errors)
        $infos.Domain | Should -Be @('vm-001', 'vm-005', 'vm-007')
        $errors | Should -BeNullOrEmpty
    }

    It 'returns the OS name, version and host name the guest publishes' {
        $info = Get-HvDomainGuestInfo vm-001
        $info | Should -BeOfType ([HyperVLibvirt.Core.Guest.HvDomainGuestInfo])
        $info.OSName | Should -Be 'Windows Server 2019 Standard'
        $info.OSVersion | Should -Be '10.0.17763'
        $info.HostName | Should -Be 'vm-001.corp.example'
        $info.Architecture | Should -Be 'x86_64'
        $info.Uuid | Should -Be (Get-HvDomain vm-001).Uuid
        $info.GetItems()['OSBuildNumber'] | Should -Be '17763'
    }

    It 'gives the fields under the names virsh guestinfo prints' {
        $fields = (Get-HvDomainGuestInfo vm-001).GetLibvirtFields()
        $fields.Key | Should -Be @('os.name', 'os.version', 'os.kernel-release', 'os.machine', 'hostname')
    }

    It 'takes domains from Get-HvDomain and asks the host twice in all' {
        $verbose = Get-HvDomain -State Running | Get-HvDomainGuestInfo -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        @($verbose | Where-Object Message -Match 'Enumerate').Count | Should -Be 2
    }

    It 'answers a domain that is not running with DomainNotRunning, naming it' {
        $result = Get-HvDomainGuestInfo vm-002 -ErrorVariable errors -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'DomainNotRunning,*'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errors[0].TargetObject.Name | Should -Be 'vm-002'
        $errors[0].Exception.Message | Should -Match "'vm-002' is not running"
    }

    It 'answers a piped domain that is not running with DomainNotRunning' {
        $null = Get-HvDomain vm-002 | Get-HvDomainGuestInfo -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'DomainNotRunning,*'
    }

    It 'treats a paused domain as not running, as libvirt does' {
        $null = Get-HvDomainGuestInfo vm-004 -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'DomainNotRunning,*'
    }

    It 'skips domains a wildcard matches that are not running' {
        $infos = @(Get-HvDomainGuestInfo 'vm-00[1-4]' -ErrorVariable errors)
        $infos.Domain | Should -Be @('vm-001')
        $errors | Should -BeNullOrEmpty
    }

    It 'says DomainNotFound for a name that matches nothing' {
        $null = Get-HvDomainGuestInfo nosuch -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'DomainNotFound,*'
    }

    It 'refuses an empty name' {
        $null = Get-HvDomainGuestInfo '' -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'EmptyDomainName,*'
    }

    It 'shows Domain, OSName, OSVersion, HostName and ComputerName in the table view, guest text neutralized' {
        $PSStyle.OutputRendering = 'PlainText'
        $text = Get-HvDomainGuestInfo vm-001 | Out-String -Width 160
        $text | Should -Match '(?m)^Domain\s+OSName\s+OSVersion\s+HostName\s+ComputerName\s*$'
        $text | Should -Match '(?m)^vm-001\s+Windows Server 2019 Standard\s+10\.0\.17763\s+vm-001\.corp\.example\s+127\.0\.0\.1\s*$'
    }

    It 'reads by UUID' {
        (Get-HvDomainGuestInfo -Uuid (Get-HvDomain vm-005).Uuid).Domain | Should -Be 'vm-005'
    }
}

Describe 'Get-HvDomainGuestInfo for a guest without integration services' {
    BeforeAll {
        $inventory = Join-Path ([IO.Path]::GetTempPath()) ('hvl-guest-' + [guid]::NewGuid().ToString('n') + '.json')
        '{ "vms": [ { "name": "bare", "state": "running", "integrationServices": false } ] }' | Set-Content $inventory
        $script:Bare = Start-TestSimulator -ExtraArguments @('--inventory', $inventory)
        $script:BareConnection = Connect-HvLibvirt (Get-SimulatorUri $script:Bare) -Credential $script:Bare.Credential -NotDefault
        Remove-Item $inventory
    }
    AfterAll {
        $script:BareConnection | Disconnect-HvLibvirt -Confirm:$false
        $script:Bare | Stop-TestSimulator
    }

    It 'answers GuestInfoUnavailable and says which service to turn on' {
        $null = Get-HvDomainGuestInfo bare -Connection $script:BareConnection -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'GuestInfoUnavailable,*'
        $errors[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $errors[0].Exception.Message | Should -Match 'Key-Value Pair Exchange'
    }
}
