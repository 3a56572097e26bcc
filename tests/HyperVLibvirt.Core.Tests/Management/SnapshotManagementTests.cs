using System.Net;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Lifecycle;
using HyperVLibvirt.Core.Management;
using HyperVLibvirt.Core.Snapshots;
using HyperVLibvirt.Core.Uris;
using HyperVLibvirt.Core.WsMan;
using HyperVLibvirt.Simulator;

namespace HyperVLibvirt.Core.Tests.Management;

/// <summary>Creating, reverting and deleting snapshots against a simulated host, each change read back as Get-HvDomainSnapshot reads it.</summary>
public sealed class SnapshotManagementTests
{
    private const string User = "admin";
    private const string Password = "Sim-SnapWrite-5521!";

    private static async Task<(SimulatorServer Sim, HvConnection Connection)> StartAsync()
    {
        var options = new SimulatorOptions { HttpPort = 0 };
        options.Host.VmCount = 8;
        options.Host.JobDuration = TimeSpan.FromMilliseconds(20);
        options.Accounts.Add(new SimulatorAccount(User, Password));
        var sim = await SimulatorServer.StartAsync(options);
        var uri = LibvirtUri.Parse($"hyperv://{User}@127.0.0.1:{sim.HttpEndpoint!.Port}/?transport=http");
        var connection = await HvConnection.OpenAsync(uri, new NetworkCredential(User, Password), new WsManSettings(), null, CancellationToken.None);
        return (sim, connection);
    }

    private static async Task<HvDomain> DomainAsync(HvConnection connection, string name)
    {
        await foreach (var domain in new DomainService(connection, null).GetDomainsAsync(new DomainFilter { ExactNames = [name] }, detailed: false))
        {
            return domain;
        }
        throw new InvalidOperationException("No domain " + name);
    }

    private static async Task StopAsync(HvConnection connection, HvDomain domain)
    {
        if (domain.EnabledState != EnabledStates.Disabled)
        {
            await new DomainLifecycle(connection, null).ChangeStateAsync(domain, DomainOperation.TurnOff, null, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Create_returns_the_new_current_snapshot_under_the_previous_current()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var manager = new SnapshotManagement(connection, null);
        var domain = await DomainAsync(connection, "vm-003");

        var created = await manager.CreateAsync(domain, null);

        Assert.NotNull(created);
        Assert.True(created.IsCurrent);
        Assert.Equal("pre-upgrade", created.Parent);
        Assert.StartsWith("vm-003 - (", created.Name, StringComparison.Ordinal);
        var tree = await manager.ReadTreeAsync(domain);
        Assert.Equal(4, tree.Count);
        Assert.Single(tree, s => s.IsCurrent);
    }

    [Fact]
    public async Task Revert_of_a_running_domain_is_refused_before_anything_is_sent()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var manager = new SnapshotManagement(connection, null);
        var domain = await DomainAsync(connection, "vm-003");
        if (domain.EnabledState != EnabledStates.Enabled)
        {
            await new DomainLifecycle(connection, null).ChangeStateAsync(domain, DomainOperation.Start, null, CancellationToken.None);
        }
        var baseline = (await manager.ReadTreeAsync(domain)).Single(s => s.Name == "baseline");

        var refused = await Assert.ThrowsAsync<HvLifecycleException>(() => manager.RevertAsync(baseline, null));

        Assert.Equal(LifecycleFailure.DomainAlreadyActive, refused.Reason);
        Assert.Contains("off or saved", refused.Message, StringComparison.Ordinal);
        Assert.Equal("pre-upgrade", (await manager.ReadTreeAsync(domain)).Single(s => s.IsCurrent).Name);
    }

    [Fact]
    public async Task Revert_makes_the_snapshot_current_and_leaves_the_domain_off_or_saved()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var manager = new SnapshotManagement(connection, null);
        var domain = await DomainAsync(connection, "vm-002");
        await StopAsync(connection, domain);
        var tree = await manager.ReadTreeAsync(domain);

        var afterMemory = await manager.RevertAsync(tree.Single(s => s.Name == "test-a"), null);
        var afterPlain = await manager.RevertAsync(tree.Single(s => s.Name == "baseline"), null);

        Assert.Equal(EnabledStates.EnabledButOffline, afterMemory.EnabledState);
        Assert.Equal(EnabledStates.Disabled, afterPlain.EnabledState);
        Assert.Equal("baseline", (await manager.ReadTreeAsync(domain)).Single(s => s.IsCurrent).Name);
    }

    [Fact]
    public async Task Remove_one_reparents_its_children_and_remove_with_children_takes_the_subtree()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var manager = new SnapshotManagement(connection, null);
        var domain = await DomainAsync(connection, "vm-002");
        var tree = await manager.ReadTreeAsync(domain);

        Assert.True(await manager.RemoveAsync(tree.Single(s => s.Name == "test-b"), includeChildren: false, null));
        var afterOne = await manager.ReadTreeAsync(domain);
        Assert.Equal("baseline", afterOne.Single(s => s.Name == "test-b2").Parent);
        Assert.True(await manager.RemoveAsync(afterOne.Single(s => s.Name == "baseline"), includeChildren: true, null));
        Assert.Empty(await manager.ReadTreeAsync(domain));
    }

    [Fact]
    public async Task A_snapshot_that_is_gone_is_SnapshotNotFound()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var manager = new SnapshotManagement(connection, null);
        var domain = await DomainAsync(connection, "vm-003");
        var leaf = (await manager.ReadTreeAsync(domain)).Single(s => s.Name == "pre-upgrade");
        await manager.RemoveAsync(leaf, includeChildren: false, null);

        var gone = await Assert.ThrowsAsync<HvLifecycleException>(() => manager.RemoveAsync(leaf, includeChildren: false, null));

        Assert.Equal(LifecycleFailure.SnapshotNotFound, gone.Reason);
        Assert.Contains("no longer on the host", gone.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_destination_unreachable_fault_that_is_not_about_the_snapshot_surfaces_as_the_fault_it_is()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var manager = new SnapshotManagement(connection, null);
        var domain = await DomainAsync(connection, "vm-003");
        var leaf = (await manager.ReadTreeAsync(domain)).Single(s => s.Name == "pre-upgrade");
        // WinRM's fault for a resource it routes nowhere: DestinationUnreachable without the WMI provider's status.
        sim.Faults.Add(new FaultRule(FaultKind.WsManFault) { FaultName = "DestinationUnreachable", Operation = "Invoke", Times = 1 });

        var fault = await Assert.ThrowsAsync<WsManFaultException>(() => manager.RemoveAsync(leaf, includeChildren: false, null));

        Assert.Equal(WsManFaultException.CodeDestinationUnreachable, fault.WsManCode);
        Assert.Null(fault.ExtendedStatus);
        Assert.Contains(await manager.ReadTreeAsync(domain), s => s.InstanceId == leaf.InstanceId);
    }

    [Fact]
    public async Task A_revert_to_a_snapshot_that_is_gone_is_SnapshotNotFound()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var manager = new SnapshotManagement(connection, null);
        var domain = await DomainAsync(connection, "vm-003"); // saved, so a revert is allowed
        var leaf = (await manager.ReadTreeAsync(domain)).Single(s => s.Name == "pre-upgrade");
        await manager.RemoveAsync(leaf, includeChildren: false, null);

        var gone = await Assert.ThrowsAsync<HvLifecycleException>(() => manager.RevertAsync(leaf, null));

        Assert.Equal(LifecycleFailure.SnapshotNotFound, gone.Reason);
        Assert.Contains("no longer on the host", gone.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_with_a_name_renames_the_new_snapshot_through_ModifySystemSettings()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var manager = new SnapshotManagement(connection, null);
        var domain = await DomainAsync(connection, "vm-003");

        var created = await manager.CreateAsync(domain, "before patch", null);

        Assert.NotNull(created);
        Assert.Equal("before patch", created.Name);
        Assert.True(created.IsCurrent);
        Assert.Equal("pre-upgrade", created.Parent);
        var tree = await manager.ReadTreeAsync(domain);
        Assert.Equal("before patch", Assert.Single(tree, s => s.IsCurrent).Name);
        Assert.DoesNotContain(tree, s => s.Name.StartsWith("vm-003 - (", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_rename_is_SnapshotRenameFailed_and_the_snapshot_keeps_its_default_name()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var manager = new SnapshotManagement(connection, null);
        var domain = await DomainAsync(connection, "vm-003");

        var failed = await Assert.ThrowsAsync<HvLifecycleException>(() => manager.CreateAsync(domain, " ", null));

        Assert.Equal(LifecycleFailure.SnapshotRenameFailed, failed.Reason);
        Assert.Equal(32773u, failed.ReturnValue);
        var current = Assert.Single(await manager.ReadTreeAsync(domain), s => s.IsCurrent);
        Assert.StartsWith("vm-003 - (", current.Name, StringComparison.Ordinal);
        Assert.Contains($"Snapshot '{current.Name}'", failed.Message, StringComparison.Ordinal);
        Assert.Contains("exists with its default name", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_name_is_refused_before_anything_is_sent()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var manager = new SnapshotManagement(connection, null);
        var domain = await DomainAsync(connection, "vm-003");

        await Assert.ThrowsAsync<ArgumentException>(() => manager.CreateAsync(domain, string.Empty, null));

        Assert.Equal(3, (await manager.ReadTreeAsync(domain)).Count);
    }
}
