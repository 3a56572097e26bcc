using HyperVLibvirt.Core.Snapshots;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Tests.Snapshots;

public class SnapshotTreeTests
{
    private static readonly Guid Vm = Guid.Parse("5c6a8a50-6f3e-4d5b-9c1a-0b1e2d3c4f51");
    private static readonly Guid OtherVm = Guid.Parse("7d0f3b2e-1a9c-4e8b-8f7d-6c5b4a392817");
    private static readonly DateTimeOffset Day0 = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private static string Id(int n) => $"Microsoft:00000000-0000-4000-8000-{n:D12}";

    private static string PathTo(int n) => $@"\\HV-01\root\virtualization\v2:Msvm_VirtualSystemSettingData.InstanceID=""{Id(n)}""";

    internal static CimObject Snapshot(int n, string name, int? parent, int day, Guid? vm = null, bool saved = false, string type = "Microsoft:Hyper-V:Snapshot:Realized") =>
        new("Msvm_VirtualSystemSettingData", null,
        [
            new CimProperty("InstanceID", CimValue.FromText(Id(n))),
            new CimProperty("ElementName", CimValue.FromText(name)),
            new CimProperty("VirtualSystemIdentifier", CimValue.FromText((vm ?? Vm).ToString().ToUpperInvariant())),
            new CimProperty("VirtualSystemType", CimValue.FromText(type)),
            new CimProperty("Parent", parent is { } p ? CimValue.FromText(PathTo(p)) : CimValue.Null),
            new CimProperty("CreationTime", CimValue.FromDateTime(Day0.AddDays(day), "x")),
            new CimProperty("IsSaved", CimValue.FromText(saved ? "true" : "false")),
        ]);

    internal static CimObject Current(Guid vm, int n) =>
        new("Msvm_MostCurrentSnapshotInBranch", null,
        [
            new CimProperty("Antecedent", CimValue.FromReference(new EndpointReference("http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ComputerSystem",
                [new("CreationClassName", "Msvm_ComputerSystem"), new("Name", vm.ToString())]))),
            new CimProperty("Dependent", CimValue.FromReference(new EndpointReference("http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_VirtualSystemSettingData",
                [new("InstanceID", Id(n))]))),
        ]);

    private static IReadOnlyList<HvDomainSnapshot> TreeOf(IEnumerable<CimObject> settings, params CimObject[] current) =>
        SnapshotTree.Build(settings, current, vm => vm == Vm ? ("web", "hv1", Guid.Empty) : null).GetValueOrDefault(Vm) ?? [];

    [Fact]
    public void Orders_a_branch_depth_first_with_siblings_oldest_first()
    {
        // Given newest first, as a host may send them.
        var tree = TreeOf([Snapshot(4, "b2", 3, 15), Snapshot(3, "b", 1, 12), Snapshot(2, "a", 1, 10), Snapshot(1, "base", null, 2)], Current(Vm, 4));

        Assert.Equal(new[] { "base", "a", "b", "b2" }, tree.Select(s => s.Name));
        Assert.Equal(new[] { 0, 1, 1, 2 }, tree.Select(s => s.Depth));
        Assert.Equal(new string?[] { null, "base", "base", "b" }, tree.Select(s => s.Parent));
        Assert.Equal(new[] { 2, 0, 1, 0 }, tree.Select(s => s.Children));
        Assert.Equal(new[] { 3, 0, 1, 0 }, tree.Select(s => s.Descendants));
        Assert.Equal(new[] { false, false, false, true }, tree.Select(s => s.IsCurrent));
    }

    [Fact]
    public void Reads_state_time_type_and_ids_from_the_settings()
    {
        var tree = TreeOf([Snapshot(1, "base", null, 2), Snapshot(2, "live", 1, 3, saved: true, type: "Microsoft:Hyper-V:Snapshot:Recovery")]);

        Assert.Equal(new[] { "shutoff", "running" }, tree.Select(s => s.State));
        Assert.Equal(Day0.AddDays(3), tree[1].CreationTime);
        Assert.Equal(new[] { "Standard", "Recovery" }, tree.Select(s => s.Type));
        Assert.Equal(Guid.Parse("00000000-0000-4000-8000-000000000002"), tree[1].Id);
        Assert.Equal(Guid.Parse("00000000-0000-4000-8000-000000000001"), tree[1].ParentId);
        Assert.Equal("web", tree[0].Domain);
        Assert.Equal(Vm, tree[0].DomainUuid);
    }

    [Fact]
    public void Makes_a_root_of_a_snapshot_whose_parent_is_unknown_or_another_vms()
    {
        var tree = TreeOf([Snapshot(1, "orphan", 99, 1), Snapshot(2, "other-vm-child", 3, 2), Snapshot(3, "elsewhere", null, 0, vm: OtherVm)]);

        Assert.Equal(new[] { "orphan", "other-vm-child" }, tree.Select(s => s.Name));
        Assert.All(tree, s => Assert.Null(s.Parent));
    }

    [Fact]
    public void Breaks_a_loop_of_parents_instead_of_following_it()
    {
        var tree = TreeOf([Snapshot(1, "a", 2, 1), Snapshot(2, "b", 1, 2)]);

        Assert.Equal(2, tree.Count);
        Assert.Single(tree, s => s.Parent is null);
        Assert.All(tree, s => Assert.True(s.Descendants <= 1));
    }

    [Fact]
    public void Ignores_settings_that_are_not_snapshots_and_vms_not_asked_for()
    {
        var trees = SnapshotTree.Build(
            [Snapshot(1, "realized", null, 0, type: "Microsoft:Hyper-V:System:Realized"), Snapshot(2, "planned", null, 0, type: "Microsoft:Hyper-V:System:Planned"),
             Snapshot(3, "theirs", null, 0, vm: OtherVm)],
            [], vm => vm == Vm ? ("web", "hv1", Guid.Empty) : null);

        Assert.Empty(trees);
    }

    [Fact]
    public void A_current_association_of_another_vm_marks_nothing()
    {
        var tree = TreeOf([Snapshot(1, "base", null, 0)], Current(OtherVm, 1));

        Assert.False(Assert.Single(tree).IsCurrent);
    }

    [Fact]
    public void Handles_a_long_chain_without_recursion()
    {
        var chain = Enumerable.Range(1, 5000).Select(n => Snapshot(n, "s" + n, n == 1 ? null : n - 1, n)).ToArray();

        var tree = TreeOf(chain);

        Assert.Equal(4999, tree[0].Descendants);
        Assert.Equal(4999, tree[^1].Depth);
    }
}
