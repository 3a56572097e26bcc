BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-Module (Get-TestModulePath) -Force
    $script:Sim = Start-TestSimulator -Vms 4
    $script:Uri = Get-SimulatorUri $script:Sim
}

AfterAll { $script:Sim | Stop-TestSimulator }

Describe 'Get-HvNodeInfo' {
    BeforeAll {
        $script:Conn = Connect-HvLibvirt $script:Uri -Credential $script:Sim.Credential
        $script:Node = Get-HvNodeInfo -Connection $script:Conn
    }
    AfterAll { Disconnect-HvLibvirt -All -Confirm:$false }

    It 'returns one NodeInfo for the host' {
        @($script:Node).Count | Should -Be 1
        $script:Node | Should -BeOfType ([HyperVLibvirt.Core.Node.NodeInfo])
        $script:Node.ComputerName | Should -Be '127.0.0.1'
        $script:Node.ConnectionId | Should -Be $script:Conn.Id
    }

    It 'cleans the CPU model as libvirt does' {
        $script:Node.CpuModel | Should -Be 'Intel Xeon Gold 6148 CPU'
        $script:Node.CpuModelTooLongForLibvirt | Should -BeFalse
    }

    It 'counts sockets, cores and threads as virsh nodeinfo does' {
        $script:Node.Sockets | Should -Be 2
        $script:Node.CoresPerSocket | Should -Be 8
        $script:Node.ThreadsPerCore | Should -Be 2
        $script:Node.Cpus | Should -Be 16
        $script:Node.LogicalProcessors | Should -Be 32
        $script:Node.Nodes | Should -Be 1
        $script:Node.CpuMHz | Should -Be 2400
    }

    It 'reports memory in KiB and bytes, and free memory in bytes' {
        $script:Node.Memory | Should -Be 274877906944
        $script:Node.MemoryKiB | Should -Be 268435456
        $script:Node.FreeMemory | Should -Be ([uint64][math]::Floor(268435456 / 3) * 1024)
    }

    It 'reads the host name, the SMBIOS UUID and the vCPU limit' {
        $script:Node.HostName | Should -Be 'HV-SIM01'
        $script:Node.Uuid | Should -Be ([guid] (Get-HvCapabilityXml -AsDocument -Connection $script:Conn).capabilities.host.uuid)
        $script:Node.MaxVcpus | Should -Be 32
    }

    It 'asks the host five queries, one WS-Man call each' {
        $verbose = Get-HvNodeInfo -Connection $script:Conn -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        @($verbose | Where-Object Message -like 'WS-Man Enumerate*').Count | Should -Be 5
    }

    It 'exports as flat data' {
        $row = $script:Node | ConvertTo-Csv | ConvertFrom-Csv
        $row.CpuModel | Should -Be 'Intel Xeon Gold 6148 CPU'
        $row.MaxVcpus | Should -Be '32'
        $json = $script:Node | ConvertTo-Json | ConvertFrom-Json
        $json.Sockets | Should -Be 2
    }

    It 'shows memory in binary units in its list view' {
        $PSStyle.OutputRendering = 'PlainText'
        $text = $script:Node | Out-String -Width 160
        $text | Should -Match '(?m)^Memory\s+: 256 GiB'
        $text | Should -Match '(?m)^CpuModel\s+: Intel Xeon Gold 6148 CPU'
    }
}

Describe 'Get-HvNodeInfo on several hosts' {
    AfterAll { Disconnect-HvLibvirt -All -Confirm:$false }

    It 'answers for every piped connection' {
        $null = Connect-HvLibvirt $script:Uri -Credential $script:Sim.Credential
        $null = Connect-HvLibvirt ($script:Uri -replace '127\.0\.0\.1', 'localhost') -Credential $script:Sim.Credential -NotDefault
        $nodes = @(Get-HvConnection | Get-HvNodeInfo)
        $nodes.ComputerName | Sort-Object | Should -Be @('127.0.0.1', 'localhost')
    }

    It 'says to connect first when there is no connection' {
        Disconnect-HvLibvirt -All -Confirm:$false
        { Get-HvNodeInfo -ErrorAction Stop } | Should -Throw -ErrorId 'NoDefaultConnection*'
    }
}

Describe 'Get-HvNodeInfo on Windows Server 2008 R2' {
    BeforeAll { $script:Old = Start-TestSimulator -Profile ws2008r2 -Vms 1 }
    AfterAll {
        Disconnect-HvLibvirt -All -Confirm:$false
        $script:Old | Stop-TestSimulator
    }

    It 'reads the vCPU limit from the v1 namespace, where a VM may have 4' {
        $c = Connect-HvLibvirt (Get-SimulatorUri $script:Old) -Credential $script:Old.Credential
        $c.Namespace | Should -Be 'root/virtualization'
        (Get-HvNodeInfo -Connection $c).MaxVcpus | Should -Be 4
    }
}

Describe 'Get-HvNodeInfo and Get-HvDomainVcpu on a host as it ships, with NTLM' -Skip:(-not (-not $IsWindows -and @(Get-ChildItem /etc/gss/mech.d -Filter *.conf -ErrorAction SilentlyContinue | Select-String -Pattern '^\s*[^#].*ntlmssp' -Quiet).Contains($true))) {
    BeforeAll { $script:Shipped = Start-TestSimulator -ExtraArguments '--as-shipped' -Vms 4 }
    AfterAll {
        Disconnect-HvLibvirt -All -Confirm:$false
        $script:Shipped | Stop-TestSimulator
    }

    It 'asks one query after another on the one authenticated connection, with no new logon' {
        $c = Connect-HvLibvirt "hyperv://$($script:Shipped.UserName)@127.0.0.1:$($script:Shipped.HttpPort)/?transport=http" -Credential $script:Shipped.Credential
        $c.Authentication | Should -Be 'NTLM'
        $before = Get-SimulatorStats $script:Shipped
        $node = Get-HvNodeInfo -Connection $c
        $vcpus = @(Get-HvDomainVcpu -Connection $c)
        $after = Get-SimulatorStats $script:Shipped
        $node.MaxVcpus | Should -Be 32
        $vcpus.Count | Should -BeGreaterThan 0
        ($after.contextLogons - $before.contextLogons) | Should -Be 0
    }
}
