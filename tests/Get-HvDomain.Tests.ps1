BeforeDiscovery {
    # One VM per EnabledState a v2 host reports (spec section 5 plus the v2 values), with the
    # libvirt state, activity and managed-save flag each must map to.
    $script:StateCases = @(
        @{ Vm = 'st-running';      EnabledState = 2;     State = 'Running';  IsActive = $true;  ManagedSave = $false; HyperV = 'Running' }
        @{ Vm = 'st-off';          EnabledState = 3;     State = 'Shutoff';  IsActive = $false; ManagedSave = $false; HyperV = 'Off' }
        @{ Vm = 'st-saved';        EnabledState = 6;     State = 'Shutoff';  IsActive = $false; ManagedSave = $true;  HyperV = 'Saved' }
        @{ Vm = 'st-paused';       EnabledState = 9;     State = 'Paused';   IsActive = $true;  ManagedSave = $false; HyperV = 'Paused' }
        @{ Vm = 'st-starting-v2';  EnabledState = 10;    State = 'Running';  IsActive = $true;  ManagedSave = $false; HyperV = 'Starting' }
        @{ Vm = 'st-shuttingdown'; EnabledState = 4;     State = 'Shutdown'; IsActive = $true;  ManagedSave = $false; HyperV = 'ShuttingDown' }
        @{ Vm = 'st-starting';     EnabledState = 32770; State = 'Running';  IsActive = $true;  ManagedSave = $false; HyperV = 'Starting' }
        @{ Vm = 'st-snapshotting'; EnabledState = 32771; State = 'Running';  IsActive = $true;  ManagedSave = $false; HyperV = 'Snapshotting' }
        @{ Vm = 'st-saving';       EnabledState = 32773; State = 'Running';  IsActive = $true;  ManagedSave = $false; HyperV = 'Saving' }
        @{ Vm = 'st-stopping';     EnabledState = 32774; State = 'Shutdown'; IsActive = $true;  ManagedSave = $false; HyperV = 'Stopping' }
        @{ Vm = 'st-pausing';      EnabledState = 32776; State = 'Running';  IsActive = $true;  ManagedSave = $false; HyperV = 'Pausing' }
        @{ Vm = 'st-resuming';     EnabledState = 32777; State = 'Running';  IsActive = $true;  ManagedSave = $false; HyperV = 'Resuming' }
    )
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-Module (Get-TestModulePath) -Force

    $vms = @(
        @{ name = 'st-running'; state = 2; vcpus = 4; memoryMB = 4096; maxMemoryMB = 8192; autostart = $true }
        @{ name = 'st-off'; state = 3; vcpus = 2; memoryMB = 1024; maxMemoryMB = 1024; autostart = $false }
        @{ name = 'st-saved'; state = 6 }
        @{ name = 'st-paused'; state = 9 }
        @{ name = 'st-starting-v2'; state = 10 }
        @{ name = 'st-shuttingdown'; state = 4 }
        @{ name = 'st-starting'; state = 32770 }
        @{ name = 'st-snapshotting'; state = 32771 }
        @{ name = 'st-saving'; state = 32773 }
        @{ name = 'st-stopping'; state = 32774 }
        @{ name = 'st-pausing'; state = 32776 }
        @{ name = 'st-resuming'; state = 32777 }
        @{ name = "o'brien \ ""quoted"""; state = 3 }
    )
    $script:VmCount = $vms.Count
    $script:Inventory = New-TestInventory -Vms $vms
    $script:Sim = Start-TestSimulator -ExtraArguments '--inventory', $script:Inventory
    $script:Conn = Connect-HvLibvirt (Get-SimulatorUri $script:Sim) -Credential $script:Sim.Credential
    $script:All = @(Get-HvDomain)
}

AfterAll {
    Disconnect-HvLibvirt -All -Confirm:$false
    $script:Sim | Stop-TestSimulator
    Remove-Item $script:Inventory -ErrorAction SilentlyContinue
}

Describe 'Get-HvDomain state mapping' {
    It 'maps EnabledState <EnabledState> to <State>' -ForEach $script:StateCases {
        $d = $script:All | Where-Object Name -eq $Vm
        $d | Should -HaveCount 1
        $d.EnabledState | Should -Be $EnabledState
        $d.State | Should -Be $State
        $d.IsActive | Should -Be $IsActive
        $d.HasManagedSave | Should -Be $ManagedSave
        $d.HyperVState | Should -Be $HyperV
        if ($IsActive) { $d.Id | Should -BeGreaterThan 0 } else { $d.Id | Should -BeNullOrEmpty }
    }
}

Describe 'Get-HvDomain' {
    It 'returns every VM and never the host itself' {
        $script:All | Should -HaveCount $script:VmCount
        $script:All | ForEach-Object { $_ | Should -BeOfType ([HyperVLibvirt.Core.Domains.HvDomain]) }
        $script:All.Name | Should -Not -Contain 'HV-SIM01'
        $script:All | ForEach-Object { $_.Uuid | Should -Not -Be ([guid]::Empty) }
    }

    It 'tags each domain with its connection and computer name' {
        $script:All | ForEach-Object {
            $_.ComputerName | Should -Be '127.0.0.1'
            $_.ConnectionId | Should -Be $script:Conn.Id
        }
    }

    It 'finds a domain by exact name' {
        $d = Get-HvDomain -Name 'st-paused'
        $d.Name | Should -Be 'st-paused'
    }

    It 'finds a name with quotes and backslashes (escaped in the WQL)' {
        $name = "o'brien \ ""quoted"""
        (Get-HvDomain -Name $name).Name | Should -Be $name
    }

    It 'filters by wildcard' {
        $d = @(Get-HvDomain -Name 'st-s*')
        $d.Name | Sort-Object | Should -Be @('st-saved', 'st-saving', 'st-shuttingdown', 'st-snapshotting', 'st-starting', 'st-starting-v2', 'st-stopping')
    }

    It 'takes names from the pipeline, as strings and as objects with a Name' {
        @('st-off', 'st-running' | Get-HvDomain).Name | Sort-Object | Should -Be @('st-off', 'st-running')
        @([pscustomobject]@{ Name = 'st-saved' } | Get-HvDomain).Name | Should -Be 'st-saved'
    }

    It 'writes an ObjectNotFound error naming a missing exact name, and still returns the others' {
        $d = Get-HvDomain -Name 'st-off', 'no-such-vm' -ErrorVariable err -ErrorAction SilentlyContinue
        $d.Name | Should -Be 'st-off'
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DomainNotFound*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be 'no-such-vm'
    }

    It 'returns nothing, and no error, for a wildcard that matches nothing' {
        $d = Get-HvDomain -Name 'zz*' -ErrorVariable err
        $d | Should -BeNullOrEmpty
        $err | Should -BeNullOrEmpty
    }

    It 'finds domains by UUID, and reports a missing one' {
        $target = $script:All | Where-Object Name -eq 'st-saved'
        (Get-HvDomain -Uuid $target.Uuid).Name | Should -Be 'st-saved'
        $missing = [guid]::NewGuid()
        Get-HvDomain -Uuid $missing -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].TargetObject | Should -Be $missing
    }

    It 'finds active domains by id, and reports a missing id' {
        $target = $script:All | Where-Object Name -eq 'st-running'
        (Get-HvDomain -Id $target.Id).Name | Should -Be 'st-running'
        Get-HvDomain -Id 999999 -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'filters by libvirt state' {
        @(Get-HvDomain -State Paused).Name | Should -Be @('st-paused')
        @(Get-HvDomain -State Shutoff).Name | Sort-Object | Should -Be @("o'brien \ ""quoted""", 'st-off', 'st-saved')
    }

    It 'filters active and inactive domains on the host, consistently with IsActive' {
        $active = @(Get-HvDomain -Active)
        $inactive = @(Get-HvDomain -Inactive)
        ($active.Count + $inactive.Count) | Should -Be $script:VmCount
        $active | ForEach-Object { $_.IsActive | Should -BeTrue }
        $inactive | ForEach-Object { $_.IsActive | Should -BeFalse }
    }

    It 'refuses -Active with -Inactive' {
        { Get-HvDomain -Active -Inactive -ErrorAction Stop } | Should -Throw -ErrorId 'ConflictingActivityFilter*'
    }

    It 'reads vCPUs, memory and autostart with -Detailed' {
        $d = Get-HvDomain -Name 'st-running' -Detailed
        $d.VCpus | Should -Be 4
        $d.Memory | Should -Be (4096 * 1MB)
        $d.MaxMemory | Should -Be (8192 * 1MB)
        $d.Autostart | Should -BeTrue
        $d.OsType | Should -Be 'hvm'
        $d.Persistent | Should -BeTrue
        $off = Get-HvDomain -Name 'st-off' -Detailed
        $off.VCpus | Should -Be 2
        $off.Autostart | Should -BeFalse
    }

    It 'reads the same detail in one batch for the whole host' {
        $all = @(Get-HvDomain -Detailed)
        $all | Should -HaveCount $script:VmCount
        ($all | Where-Object Name -eq 'st-running').MaxMemory | Should -Be (8192 * 1MB)
        $all | ForEach-Object { $_.VCpus | Should -BeGreaterThan 0 }
    }

    It 'leaves the detail empty without -Detailed' {
        ($script:All | Where-Object Name -eq 'st-running').VCpus | Should -BeNullOrEmpty
    }

    It 'hands Select-Object -First 1 exactly one running domain (stopping early: see the 1,200-VM test)' {
        $first = @(Get-HvDomain | Where-Object State -eq Running | Select-Object -First 1)
        $first | Should -HaveCount 1
        $first[0].State | Should -Be 'Running'
    }

    It 'writes one verbose line per WS-Man operation' {
        # -Debug shows each request envelope; Pull and Release continue an Enumerate's operation.
        $out = Get-HvDomain -Verbose -Debug *>&1
        $verbose = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'WS-Man *' } |
            ForEach-Object { Get-OperationKey $_.Message })
        $requests = @($out | Where-Object { $_ -is [System.Management.Automation.DebugRecord] -and $_.Message -like 'RequestEnvelope *' } |
            ForEach-Object { Get-OperationKey $_.Message } | Where-Object { $_ -notlike 'Pull *' -and $_ -notlike 'Release *' })
        $requests | Should -Not -BeNullOrEmpty
        ($verbose -join ',') | Should -Be ($requests -join ',')
        @($verbose -like 'Enumerate *root/virtualization/v2*') | Should -Not -BeNullOrEmpty
    }
}

Describe 'Get-HvDomain on other hosts' {
    AfterEach { Disconnect-HvLibvirt -All -Confirm:$false }

    It 'returns nothing, and no error, for a host without VMs' {
        $sim = Start-TestSimulator -Vms 0
        try {
            $c = Connect-HvLibvirt (Get-SimulatorUri $sim) -Credential $sim.Credential -NotDefault
            $d = Get-HvDomain -Connection $c -ErrorVariable err
            $d | Should -BeNullOrEmpty
            $err | Should -BeNullOrEmpty
            Get-HvDomain -Connection $c -Detailed | Should -BeNullOrEmpty
        }
        finally { $sim | Stop-TestSimulator }
    }

    It 'excludes the host on a Japanese-language host' {
        $sim = Start-TestSimulator -Vms 5 -ExtraArguments '--language', 'ja-JP'
        try {
            $c = Connect-HvLibvirt (Get-SimulatorUri $sim) -Credential $sim.Credential -NotDefault
            $d = @(Get-HvDomain -Connection $c)
            $d | Should -HaveCount 5
            $d.Name | Should -Not -Contain 'HV-SIM01'
        }
        finally { $sim | Stop-TestSimulator }
    }

    It 'maps the v1 paused and saved states on a Windows Server 2008 R2 host' {
        $inventory = New-TestInventory -Vms @(
            @{ name = 'v1-paused'; state = 32768 }
            @{ name = 'v1-saved'; state = 32769 }
            @{ name = 'v1-running'; state = 2; vcpus = 2; memoryMB = 2048 }
        )
        $sim = Start-TestSimulator -Profile ws2008r2 -ExtraArguments '--inventory', $inventory
        try {
            $c = Connect-HvLibvirt (Get-SimulatorUri $sim) -Credential $sim.Credential -NotDefault
            $c.Namespace | Should -Be 'root/virtualization'
            $d = @(Get-HvDomain -Connection $c -Detailed)
            $paused = $d | Where-Object Name -eq 'v1-paused'
            $paused.EnabledState | Should -Be 32768
            $paused.State | Should -Be 'Paused'
            $saved = $d | Where-Object Name -eq 'v1-saved'
            $saved.EnabledState | Should -Be 32769
            $saved.State | Should -Be 'Shutoff'
            $saved.HasManagedSave | Should -BeTrue
            ($d | Where-Object Name -eq 'v1-running').VCpus | Should -Be 2
        }
        finally { $sim | Stop-TestSimulator; Remove-Item $inventory }
    }

    It 'lists 1,024 VMs, with detail' {
        $sim = Start-TestSimulator -Vms 1024
        try {
            $c = Connect-HvLibvirt (Get-SimulatorUri $sim) -Credential $sim.Credential -NotDefault
            $d = @(Get-HvDomain -Connection $c)
            $d | Should -HaveCount 1024
            @($d.Uuid | Sort-Object -Unique) | Should -HaveCount 1024
            $detailed = @(Get-HvDomain -Connection $c -Detailed)
            $detailed | Should -HaveCount 1024
            @($detailed | Where-Object { $null -eq $_.VCpus }) | Should -HaveCount 0
        }
        finally { $sim | Stop-TestSimulator }
    }

    It 'stops a big enumeration early for Select-Object -First 1 and releases the server context' {
        # More VMs than one page, so the first page leaves an open context behind it.
        $sim = Start-TestSimulator -Vms 1200
        try {
            $c = Connect-HvLibvirt (Get-SimulatorUri $sim) -Credential $sim.Credential -NotDefault
            $first = Get-HvDomain -Connection $c | Where-Object State -eq Running | Select-Object -First 1
            $first.State | Should -Be 'Running'
            (Get-SimulatorStats $sim).openEnumerations | Should -Be 0
            # Reading everything leaves nothing open either.
            @(Get-HvDomain -Connection $c) | Should -HaveCount 1200
            (Get-SimulatorStats $sim).openEnumerations | Should -Be 0
        }
        finally { $sim | Stop-TestSimulator }
    }

    It 'returns both VMs that share a name, each with its own UUID' {
        $inventory = New-TestInventory -Vms @(
            @{ name = 'twin'; id = '11111111-1111-4111-8111-111111111111'; state = 'running' }
            @{ name = 'twin'; id = '22222222-2222-4222-8222-222222222222'; state = 'off' }
            @{ name = 'single'; state = 'off' }
        )
        $sim = Start-TestSimulator -ExtraArguments '--inventory', $inventory
        try {
            $c = Connect-HvLibvirt (Get-SimulatorUri $sim) -Credential $sim.Credential -NotDefault
            $twins = @(Get-HvDomain -Connection $c -Name 'twin')
            $twins | Should -HaveCount 2
            $twins.Uuid | Sort-Object | Should -Be @([guid] '11111111-1111-4111-8111-111111111111', [guid] '22222222-2222-4222-8222-222222222222')
        }
        finally { $sim | Stop-TestSimulator; Remove-Item $inventory }
    }

    It 'queries three hosts at once and tags each domain with its host' {
        $sims = 1..3 | ForEach-Object { Start-TestSimulator -Vms (2 + $_) -Seed $_ }
        try {
            $conns = $sims | ForEach-Object { Connect-HvLibvirt (Get-SimulatorUri $_) -Credential $_.Credential -NotDefault }
            $d = @(Get-HvDomain -Connection $conns)
            $d | Should -HaveCount (3 + 4 + 5)
            ($d | Group-Object ConnectionId).Count | Should -Be 3
            ($d | Where-Object { $_.ConnectionId -eq $conns[2].Id }) | Should -HaveCount 5
            @($conns | Get-HvDomain) | Should -HaveCount 12
        }
        finally { $sims | Stop-TestSimulator }
    }

    It 'reports a failing host and still returns the others' {
        $good = Start-TestSimulator -Vms 3
        $bad = Start-TestSimulator -Vms 3
        try {
            $c1 = Connect-HvLibvirt (Get-SimulatorUri $good) -Credential $good.Credential -NotDefault
            $c2 = Connect-HvLibvirt (Get-SimulatorUri $bad) -Credential $bad.Credential -NotDefault
            $bad | Stop-TestSimulator
            $d = @(Get-HvDomain -Connection $c1, $c2 -ErrorVariable err -ErrorAction SilentlyContinue)
            $d | Should -HaveCount 3
            $err | Should -HaveCount 1
            $err[0].TargetObject | Should -Be $c2
            $err[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        }
        finally { $good | Stop-TestSimulator }
    }
}

Describe 'Get-HvDomain against a host that lists what it should not' {
    BeforeAll {
        # A small fake WinRM host on 127.0.0.1: it connects like a Hyper-V host, then lists items that are
        # not readable VMs. The simulator lists only sound VMs, so this is the place for wrong data.
        if (-not ('HvlTest.WrongDataHost' -as [type])) {
            Add-Type -TypeDefinition @'
using System; using System.Net; using System.Net.Sockets; using System.Text; using System.Threading.Tasks;
namespace HvlTest {
public sealed class WrongDataHost : IDisposable {
    const string V2 = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/";
    const string Env = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:n=\"http://schemas.xmlsoap.org/ws/2004/09/enumeration\" xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\"><s:Body>";
    readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
    public int Port { get; }
    public WrongDataHost() { _listener.Start(); Port = ((IPEndPoint)_listener.LocalEndpoint).Port; Task.Run(AcceptAsync); }
    static string Vm(string ns, string cls, string name, string element, string state) =>
        "<p:" + cls + " xmlns:p=\"" + ns + cls + "\"><p:ElementName>" + element + "</p:ElementName><p:EnabledState>" + state + "</p:EnabledState>" +
        (name == null ? "" : "<p:Name>" + name + "</p:Name>") + "</p:" + cls + ">";
    static string Page(string items) => Env + "<n:EnumerateResponse><w:Items>" + items + "</w:Items><w:EndOfSequence/></n:EnumerateResponse></s:Body></s:Envelope>";
    static string Answer(string body) {
        if (body.Contains("Win32_OperatingSystem")) return Page("<p:Win32_OperatingSystem xmlns:p=\"http://schemas.microsoft.com/wbem/wsman/1/wmi/root/cimv2/Win32_OperatingSystem\"><p:CSName>HV01</p:CSName><p:Version>10.0.17763</p:Version></p:Win32_OperatingSystem>");
        if (body.Contains("Name = __SERVER")) return Page("");
        if (body.Contains("Msvm_ComputerSystem")) return Page(
            Vm(V2, "Msvm_ComputerSystem", "11111111-2222-3333-4444-555555555555", "good", "2") +
            Vm(V2, "Msvm_ComputerSystem", "HV01", "HV01", "2") +
            Vm(V2, "Msvm_VirtualSystemSettingData", "21111111-2222-3333-4444-555555555555", "other-class", "2") +
            Vm(V2, "Msvm_ComputerSystem", "not-a-guid", "bad&#x1B;[2Jname&#x7;", "2") +
            Vm(V2, "Msvm_ComputerSystem", "41111111-2222-3333-4444-555555555555", "abc-state", "abc") +
            Vm(V2, "Msvm_ComputerSystem", "61111111-2222-3333-4444-555555555555", "esc&#x1B;]0;pwned&#x7;&#xD;vm", "3"));
        return Env + "<wsmid:IdentifyResponse xmlns:wsmid=\"http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd\"/></s:Body></s:Envelope>";
    }
    async Task AcceptAsync() {
        while (true) {
            TcpClient c;
            try { c = await _listener.AcceptTcpClientAsync(); } catch { return; }
            _ = Task.Run(() => Serve(c));
        }
    }
    static async Task Serve(TcpClient c) {
        using (c) {
            var s = c.GetStream();
            try {
                for (var i = 0; i < 1000; i++) {
                    var head = new StringBuilder(); var one = new byte[1];
                    while (!head.ToString().EndsWith("\r\n\r\n")) { if (await s.ReadAsync(one, 0, 1) == 0 || head.Length > 65536) return; head.Append((char)one[0]); }
                    var length = 0;
                    foreach (var line in head.ToString().Split("\r\n")) if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) length = int.Parse(line.Substring(15).Trim());
                    var body = new byte[length]; var read = 0;
                    while (read < length) { var n = await s.ReadAsync(body, read, length - read); if (n == 0) return; read += n; }
                    var answer = Encoding.UTF8.GetBytes(Answer(Encoding.UTF8.GetString(body)));
                    var h = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml;charset=UTF-8\r\nContent-Length: " + answer.Length + "\r\n\r\n");
                    await s.WriteAsync(h, 0, h.Length); await s.WriteAsync(answer, 0, answer.Length);
                }
            } catch { }
        }
    }
    public void Dispose() => _listener.Stop();
}
}
'@
        }
        $script:Fake = [HvlTest.WrongDataHost]::new()
        $password = ConvertTo-SecureString 'Fake-P@ss-4' -AsPlainText -Force
        $script:FakeConn = Connect-HvLibvirt "hyperv://admin@127.0.0.1:$($script:Fake.Port)/?transport=http" -NotDefault `
            -Credential ([pscredential]::new('admin', $password))
    }

    AfterAll {
        $script:FakeConn | Disconnect-HvLibvirt -Confirm:$false -ErrorAction SilentlyContinue
        $script:Fake.Dispose()
    }

    It 'refuses items that are not VMs of the class asked for, or have no GUID, with a DomainUnreadable error each' {
        $d = Get-HvDomain -Connection $script:FakeConn -ErrorVariable err -ErrorAction SilentlyContinue -WarningVariable warn -WarningAction SilentlyContinue
        @($d.Name) | Should -Be @('good', 'abc-state', "esc$([char]27)]0;pwned$([char]7)`rvm")
        $err.Count | Should -Be 2
        $err | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'DomainUnreadable*' }
        ($err.Exception.Message -join "`n") | Should -Match 'Msvm_VirtualSystemSettingData'
        ($err.Exception.Message -join "`n") | Should -Match "Could not parse UUID from string 'not-a-guid'"
    }

    It 'warns that an unreadable EnabledState is shown as NoState' {
        # The fake host ignores the query's filter, so the whole listing comes back.
        $d = Get-HvDomain -Connection $script:FakeConn -ErrorAction SilentlyContinue -WarningVariable warn -WarningAction SilentlyContinue
        ($d | Where-Object Name -EQ 'abc-state').State | Should -Be 'NoState'
        @($warn).Count | Should -Be 1
        "$warn" | Should -Match "EnabledState .* is 'abc'"
    }

    It 'shows a VM name with control characters neutralised in every view, and keeps the exact value in the data' {
        $d = Get-HvDomain -Connection $script:FakeConn -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Where-Object Uuid -EQ '61111111-2222-3333-4444-555555555555'
        $d.Name | Should -BeExactly "esc$([char]27)]0;pwned$([char]7)`rvm"
        $shown = "esc$([char]0x241B)]0;pwned$([char]0x2407)$([char]0x240D)vm"
        foreach ($text in @(($d | Format-Table | Out-String -Width 200), ($d | Format-Table -View ByHost | Out-String -Width 200), ($d | Format-List | Out-String -Width 200))) {
            ($text -replace "`r`n", "`n") | Should -Not -Match '[\x00-\x09\x0B-\x1F\x7F]'
            $text | Should -Match ([regex]::Escape($shown))
        }
    }

    It 'reports the same unreadable items when a lifecycle cmdlet looks domains up' {
        Start-HvDomain -Name 'good' -Connection $script:FakeConn -WhatIf -ErrorVariable err -ErrorAction SilentlyContinue -WarningAction SilentlyContinue 6>$null
        $err.Count | Should -Be 2
        $err | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'DomainUnreadable*' }
        ($err.Exception.Message -join "`n") | Should -Match "Could not parse UUID from string 'not-a-guid'"
    }

    It 'shows control characters from the host neutralised in the error, never raw' {
        Get-HvDomain -Connection $script:FakeConn -ErrorVariable err -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Out-Null
        $message = ($err | Where-Object { $_.Exception.Message -match 'not-a-guid' }).Exception.Message
        $message | Should -Not -BeNullOrEmpty
        $message | Should -Not -Match '[\x00-\x1F\x7F]'
        $message | Should -Match ([regex]::Escape("bad$([char]0x241B)[2Jname$([char]0x2407)"))
    }
}

Describe 'Get-HvDomain -Summary' {
    BeforeAll {
        # Blocks above disconnect everything after them: connect to the shared simulator again, as the default.
        Disconnect-HvLibvirt -All -Confirm:$false
        $null = Connect-HvLibvirt (Get-SimulatorUri $script:Sim) -Credential $script:Sim.Credential
        $script:Summary = @(Get-HvDomain -Summary)
    }

    It 'fills Get-VM''s columns for every domain with one GetSummaryInformation call' {
        $out = Get-HvDomain -Summary -Verbose 4>&1
        $calls = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'WS-Man GetSummaryInformation *' })
        $calls | Should -HaveCount 1
        @($out | Where-Object { $_ -is [HyperVLibvirt.Core.Domains.HvDomain] }) | Should -HaveCount $script:VmCount
        $script:Summary | ForEach-Object { $_.Status | Should -Be 'Operating normally'; $_.Version | Should -Be '9.0' }
    }

    It 'reports processor, memory, uptime and heartbeat of a running domain' {
        $running = $script:Summary | Where-Object Name -eq 'st-running'
        $running.CPUUsage | Should -BeGreaterThan 0
        $running.MemoryAssigned | Should -Be (4096 * 1MB)
        $running.Heartbeat | Should -Be 'OkApplicationsUnknown'
        [timespan] $running.Uptime | Should -BeGreaterThan ([timespan]::Zero)
    }

    It 'reports nothing used and no heartbeat for an off domain' {
        $off = $script:Summary | Where-Object Name -eq 'st-off'
        $off.CPUUsage | Should -Be 0
        $off.MemoryAssigned | Should -Be 0
        $off.Uptime | Should -Be '00:00:00'
        $off.Heartbeat | Should -BeNullOrEmpty
    }

    It 'shows Get-VM''s table, with Hyper-V''s state names' {
        $script:Summary[0].PSObject.TypeNames[0] | Should -Be 'HyperVLibvirt.Core.Domains.HvDomain#Summary'
        $text = $script:Summary | Where-Object Name -in 'st-running', 'st-saved' | Out-String -Width 200
        $text | Should -Match 'Name\s+State\s+CPUUsage\(%\)\s+MemoryAssigned\(M\)\s+Uptime\s+Status\s+Version'
        $text | Should -Match 'st-running\s+Running\s+\d+\s+4096\s+'
        $text | Should -Match 'st-saved\s+Saved\s+0\s+0\s+00:00:00\s+Operating normally\s+9\.0'
    }

    It 'leaves the columns empty and the view unchanged without -Summary' {
        $plain = $script:All | Where-Object Name -eq 'st-running'
        $plain.CPUUsage | Should -BeNullOrEmpty
        $plain.Heartbeat | Should -BeNullOrEmpty
        $plain.PSObject.TypeNames[0] | Should -Be 'HyperVLibvirt.Core.Domains.HvDomain'
    }

    It 'exports the columns as plain values' {
        $csv = $script:Summary | Where-Object Name -eq 'st-running' | ConvertTo-Csv | ConvertFrom-Csv
        $csv.MemoryAssigned | Should -Be ([string] (4096 * 1MB))
        $csv.Heartbeat | Should -Be 'OkApplicationsUnknown'
    }

    It 'combines with names from the pipeline and with -Detailed' {
        $d = 'st-running' | Get-HvDomain -Summary -Detailed
        $d.VCpus | Should -Be 4
        $d.MemoryAssigned | Should -Be (4096 * 1MB)
    }

    It 'makes no GetSummaryInformation call when nothing matches' {
        $out = Get-HvDomain 'no-such-*' -Summary -Verbose 4>&1
        @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'WS-Man GetSummaryInformation *' }) | Should -HaveCount 0
    }
}
