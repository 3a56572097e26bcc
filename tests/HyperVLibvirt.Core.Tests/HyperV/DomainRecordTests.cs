using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Tests.HyperV;

public class DomainRecordTests
{
    private const string RunningFixture = "hyperv_v2_msvm_computersystem_pull_response_vm_running_ja.xml";
    private const string OffFixture = "hyperv_v2_msvm_computersystem_pull_response_vm_off_ja.xml";
    private const string HostFixture = "hyperv_v2_msvm_computersystem_pull_response_host_ja.xml";

    [Fact]
    public void Running_vm_has_its_process_id_as_domain_id()
    {
        var cs = Cim.ComputerSystem("5C6A8A50-6F3E-4D5B-9C1A-0B1E2D3C4F51", "vm-running", 2, processId: 4242, onTime: 90_000);

        var domain = DomainRecord.FromComputerSystem(cs);

        Assert.Equal("vm-running", domain.Name);
        Assert.Equal(Guid.Parse("5c6a8a50-6f3e-4d5b-9c1a-0b1e2d3c4f51"), domain.Uuid);
        Assert.Equal("5c6a8a50-6f3e-4d5b-9c1a-0b1e2d3c4f51", domain.UuidString);
        Assert.Equal((ushort)2, domain.EnabledState);
        Assert.Equal(HvDomainState.Running, domain.State);
        Assert.True(domain.IsActive);
        Assert.False(domain.InTransition);
        Assert.False(domain.HasManagedSave);
        Assert.Equal("Running", domain.HyperVState);
        Assert.Equal(4242, domain.Id);
        Assert.Equal(TimeSpan.FromSeconds(90), domain.Uptime);
        Assert.Equal((ushort)5, domain.HealthState);
        Assert.Same(cs, domain.ComputerSystem);
    }

    [Fact]
    public void Inactive_vm_has_no_domain_id_even_with_a_process_id()
    {
        var cs = Cim.ComputerSystem("7d0f3b2e-1a9c-4e8b-8f7d-6c5b4a392817", "vm-off", 3, processId: 77, onTime: 0);

        var domain = DomainRecord.FromComputerSystem(cs);

        Assert.Null(domain.Id);
        Assert.Equal(HvDomainState.Shutoff, domain.State);
        Assert.Equal("Off", domain.HyperVState);
        Assert.Equal(TimeSpan.Zero, domain.Uptime);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(32769)]
    public void Saved_vm_is_shutoff_with_managed_save(ushort enabledState)
    {
        var domain = DomainRecord.FromComputerSystem(Cim.ComputerSystem(Guid.NewGuid().ToString(), "saved", enabledState, processId: 9));

        Assert.Equal(HvDomainState.Shutoff, domain.State);
        Assert.True(domain.HasManagedSave);
        Assert.False(domain.IsActive);
        Assert.Null(domain.Id);
        Assert.Equal("Saved", domain.HyperVState);
    }

    [Fact]
    public void Paused_v2_vm_is_paused_and_active()
    {
        var domain = DomainRecord.FromComputerSystem(Cim.ComputerSystem(Guid.NewGuid().ToString(), "p", 9, processId: 12));

        Assert.Equal(HvDomainState.Paused, domain.State);
        Assert.Equal(12, domain.Id);
    }

    [Fact]
    public void Nil_values_read_as_unknown_or_absent()
    {
        var cs = Cim.Object("Msvm_ComputerSystem",
            ("Name", "00000000-0000-4000-8000-00000000000a"),
            ("ElementName", null),
            ("EnabledState", null),
            ("ProcessID", null),
            ("OnTimeInMilliseconds", null),
            ("HealthState", null));

        var domain = DomainRecord.FromComputerSystem(cs);

        Assert.Equal(string.Empty, domain.Name);
        Assert.Equal((ushort)0, domain.EnabledState);
        Assert.Equal(HvDomainState.NoState, domain.State);
        Assert.Equal("Unknown", domain.HyperVState);
        Assert.Null(domain.Id);
        Assert.Null(domain.Uptime);
        Assert.Null(domain.HealthState);
    }

    [Theory]
    [InlineData("HOSTNAME")]
    [InlineData("not-a-guid")]
    [InlineData("")]
    public void Non_guid_name_fails_with_libvirts_text(string name)
    {
        var ex = Assert.Throws<HvDataException>(() => DomainRecord.FromComputerSystem(Cim.ComputerSystem(name, "x", 2)));

        Assert.Equal($"Could not parse UUID from string '{name}'", ex.Message);
    }

    [Fact]
    public void Missing_name_fails_with_libvirts_text()
    {
        var ex = Assert.Throws<HvDataException>(() =>
            DomainRecord.FromComputerSystem(Cim.Object("Msvm_ComputerSystem", ("ElementName", "x"))));

        Assert.Equal("Could not parse UUID from string ''", ex.Message);
    }

    // The listing's one check (DomainInstanceCheck): the host's own instance is the one named as the host; a
    // non-GUID Name that is not the host's is reported (issue: never dropped silently), not taken for the host.
    [Theory]
    [InlineData("5c6a8a50-6f3e-4d5b-9c1a-0b1e2d3c4f51", null, DomainInstanceCheck.Verdict.Domain)]
    [InlineData("5C6A8A50-6F3E-4D5B-9C1A-0B1E2D3C4F51", "HV01", DomainInstanceCheck.Verdict.Domain)]
    [InlineData("HV01", null, DomainInstanceCheck.Verdict.Refused)]
    [InlineData("HV01", "hv01", DomainInstanceCheck.Verdict.Host)]
    [InlineData("", null, DomainInstanceCheck.Verdict.Refused)]
    [InlineData("5c6a8a50-6f3e-4d5b-9c1a-0b1e2d3c4f51", "5c6a8a50-6f3e-4d5b-9c1a-0b1e2d3c4f51", DomainInstanceCheck.Verdict.Host)]
    public void Host_instance_is_told_apart_by_the_host_name(string name, string? hostName, DomainInstanceCheck.Verdict verdict)
    {
        Assert.Equal(verdict, DomainInstanceCheck.Check(Cim.ComputerSystem(name, "any", 2), WmiNamespace.V2, hostName, out _));
    }

    [Fact]
    public void Host_instance_ignores_the_translated_description()
    {
        var cs = Cim.Object("Msvm_ComputerSystem",
            ("Name", Guid.NewGuid().ToString()),
            ("EnabledState", "2"),
            ("Description", "Microsoft Hosting Computer System"),
            ("Caption", "Hosting Computer System"));

        Assert.Equal(DomainInstanceCheck.Verdict.Domain, DomainInstanceCheck.Check(cs, WmiNamespace.V2, "HV01", out _));
    }

    private static CimObject FirstInstance(string fixture) => SharedFixtures.Parse(fixture).Items[0];

    [SharedFixtureFact]
    public void Reads_a_recorded_running_vm()
    {
        var domain = DomainRecord.FromComputerSystem(FirstInstance(RunningFixture));

        Assert.Equal("scrubbed-3", domain.Name);
        Assert.Equal(Guid.Parse("00000000-0000-4000-8000-00000000000a"), domain.Uuid);
        Assert.Equal(HvDomainState.Running, domain.State);
        Assert.Equal(9624, domain.Id);
        Assert.Equal(TimeSpan.FromMilliseconds(6138294371), domain.Uptime);
        Assert.Equal((ushort)5, domain.HealthState);
        Assert.Equal("Running", domain.HyperVState);
        Assert.Equal(DomainInstanceCheck.Verdict.Domain, DomainInstanceCheck.Check(FirstInstance(RunningFixture), WmiNamespace.V2, "HV01", out _));
    }

    [SharedFixtureFact]
    public void Reads_a_recorded_stopped_vm()
    {
        var domain = DomainRecord.FromComputerSystem(FirstInstance(OffFixture));

        Assert.Equal("scrubbed-9", domain.Name);
        Assert.Equal(HvDomainState.Shutoff, domain.State);
        Assert.Null(domain.Id);
        Assert.Equal(TimeSpan.Zero, domain.Uptime);
    }

    [SharedFixtureFact]
    public void Recognises_a_recorded_japanese_host_instance()
    {
        var host = FirstInstance(HostFixture);

        Assert.Equal(DomainInstanceCheck.Verdict.Host, DomainInstanceCheck.Check(host, WmiNamespace.V2, host.GetString("Name"), out _));
        Assert.Throws<HvDataException>(() => DomainRecord.FromComputerSystem(host));
    }
}
