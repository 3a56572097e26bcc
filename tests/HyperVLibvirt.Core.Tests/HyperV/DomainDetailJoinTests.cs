using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Tests.HyperV;

public class DomainDetailJoinTests
{
    private const ulong MiB = 1024 * 1024;

    private static readonly Guid VmA = Guid.Parse("5c6a8a50-6f3e-4d5b-9c1a-0b1e2d3c4f51");
    private static readonly Guid VmB = Guid.Parse("7d0f3b2e-1a9c-4e8b-8f7d-6c5b4a392817");
    private static readonly Guid VmC = Guid.Parse("00000000-0000-4000-8000-00000000000c");
    private static readonly Guid SnapshotOfA = Guid.Parse("11111111-2222-4333-8444-555555555555");

    private static DomainRecord Domain(Guid id, string name, ushort state = 2) =>
        DomainRecord.FromComputerSystem(Cim.ComputerSystem(id.ToString(), name, state, processId: 100));

    private static string Owner(Guid id) => "Microsoft:" + id.ToString().ToUpperInvariant();

    [Fact]
    public void Joins_each_vm_to_its_own_settings_regardless_of_order()
    {
        var domains = new[] { Domain(VmA, "a"), Domain(VmB, "b", 3), Domain(VmC, "c") };
        var vssds = new[] { Cim.SystemSettings(VmC), Cim.SystemSettings(VmA, autostart: 4), Cim.SystemSettings(VmB, autostart: 3) };
        var processors = new[] { Cim.Processor(Owner(VmB), 2), Cim.Processor(Owner(VmC), 8), Cim.Processor(Owner(VmA), 4) };
        var memory = new[] { Cim.Memory(Owner(VmA), 2048, 4096), Cim.Memory(Owner(VmC), 512, 512), Cim.Memory(Owner(VmB), 1024, 1048576) };

        var details = DomainDetailJoin.Join(domains, vssds, processors, memory);

        Assert.Equal(new[] { "a", "b", "c" }, details.Select(d => d.Domain.Name));
        Assert.Equal(new int?[] { 4, 2, 8 }, details.Select(d => d.VCpus));
        Assert.Equal(new ulong?[] { 2048 * MiB, 1024 * MiB, 512 * MiB }, details.Select(d => d.MemoryBytes));
        Assert.Equal(new ulong?[] { 4096 * MiB, 1048576 * MiB, 512 * MiB }, details.Select(d => d.MaxMemoryBytes));
        Assert.Equal(new bool?[] { true, false, false }, details.Select(d => d.Autostart));
        Assert.Equal(Owner(VmA), details[0].SystemSettingsInstanceId);
        Assert.All(details, d => Assert.Equal("hvm", d.OsType));
        Assert.All(details, d => Assert.True(d.Persistent));
    }

    [Fact]
    public void Snapshot_and_definition_settings_never_attach_to_a_vm()
    {
        var domains = new[] { Domain(VmA, "a") };
        var vssds = new[]
        {
            Cim.SystemSettings(VmA, instanceId: Owner(SnapshotOfA), type: "Microsoft:Hyper-V:Snapshot:Realized"),
            Cim.SystemSettings(VmA),
        };
        var processors = new[]
        {
            Cim.Processor(Owner(SnapshotOfA), 16),
            Cim.Processor("Microsoft:Definition", 64),
            Cim.Processor(Owner(VmA), 2),
        };
        var memory = new[] { Cim.Memory(Owner(SnapshotOfA), 8192, 8192), Cim.Memory(Owner(VmA), 1024, 2048) };

        var detail = Assert.Single(DomainDetailJoin.Join(domains, vssds, processors, memory));

        Assert.Equal(2, detail.VCpus);
        Assert.Equal(1024 * MiB, detail.MemoryBytes);
        Assert.Equal(Owner(VmA), detail.SystemSettingsInstanceId);
    }

    [Fact]
    public void Owner_match_ignores_case()
    {
        var vssd = Cim.SystemSettings(VmA, instanceId: "Microsoft:" + VmA.ToString().ToUpperInvariant());
        var processor = Cim.Processor("microsoft:" + VmA.ToString(), 3);

        var detail = Assert.Single(DomainDetailJoin.Join([Domain(VmA, "a")], [vssd], [processor], []));

        Assert.Equal(3, detail.VCpus);
    }

    [Fact]
    public void Without_a_vssd_settings_are_found_by_the_realized_instance_id()
    {
        var detail = Assert.Single(DomainDetailJoin.Join(
            [Domain(VmA, "a")], [], [Cim.Processor(Owner(VmA), 6)], [Cim.Memory(Owner(VmA), 256, 512)]));

        Assert.Equal(6, detail.VCpus);
        Assert.Equal(256 * MiB, detail.MemoryBytes);
        Assert.Null(detail.Autostart);
        Assert.Null(detail.SystemSettings);
    }

    [Fact]
    public void Vssd_without_identifier_is_matched_by_its_instance_id()
    {
        var vssd = Cim.Object("Msvm_VirtualSystemSettingData",
            ("InstanceID", Owner(VmB)),
            ("VirtualSystemIdentifier", null),
            ("VirtualSystemType", "Microsoft:Hyper-V:System:Realized"),
            ("AutomaticStartupAction", "4"));

        var detail = Assert.Single(DomainDetailJoin.Join([Domain(VmB, "b")], [vssd], [], []));

        Assert.True(detail.Autostart);
    }

    [Fact]
    public void Missing_settings_leave_values_null()
    {
        var detail = Assert.Single(DomainDetailJoin.Join([Domain(VmC, "c")], [Cim.SystemSettings(VmA)], [Cim.Processor(Owner(VmA), 1)], []));

        Assert.Null(detail.VCpus);
        Assert.Null(detail.MemoryBytes);
        Assert.Null(detail.MaxMemoryBytes);
        Assert.Null(detail.Autostart);
    }

    [Fact]
    public void Create_uses_settings_fetched_one_vm_at_a_time()
    {
        var detail = DomainDetail.Create(
            Domain(VmA, "a"), Cim.SystemSettings(VmA, autostart: 4), Cim.Processor(Owner(VmA), 2), Cim.Memory(Owner(VmA), 4096, 8192));

        Assert.Equal(2, detail.VCpus);
        Assert.Equal(4096 * MiB, detail.MemoryBytes);
        Assert.Equal(8192 * MiB, detail.MaxMemoryBytes);
        Assert.True(detail.Autostart);
    }

    [Fact]
    public void Empty_inputs_give_empty_output()
    {
        Assert.Empty(DomainDetailJoin.Join([], Array.Empty<CimObject>(), [], []));
    }
}
