using System.Net;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.Management;
using HyperVLibvirt.Core.Uris;
using HyperVLibvirt.Core.WsMan;
using HyperVLibvirt.Simulator;

namespace HyperVLibvirt.Core.Tests.Management;

/// <summary>DestroySystem end to end against the in-process simulator: an off domain goes, an active one stays unless turned off first.</summary>
public sealed class DomainRemovalSimulatorTests : IDisposable
{
    private const string User = "admin";
    private const string Password = "Sim-Removal-4419!";
    private const string Inventory = """
        { "vms": [
          { "name": "off1", "state": "off" },
          { "name": "saved1", "state": "saved" },
          { "name": "run1", "state": "running" },
          { "name": "run2", "state": "running" }
        ] }
        """;

    private readonly string _inventoryPath = Path.Combine(Path.GetTempPath(), "hvl-removal-" + Guid.NewGuid().ToString("N") + ".json");

    public DomainRemovalSimulatorTests() => File.WriteAllText(_inventoryPath, Inventory);

    public void Dispose() => File.Delete(_inventoryPath);

    private async Task<(SimulatorServer Sim, HvConnection Connection)> StartAsync()
    {
        var options = new SimulatorOptions { HttpPort = 0 };
        options.Host.InventoryPath = _inventoryPath;
        options.Host.JobDuration = TimeSpan.FromMilliseconds(50);
        options.Accounts.Add(new SimulatorAccount(User, Password));
        var sim = await SimulatorServer.StartAsync(options);
        var uri = LibvirtUri.Parse($"hyperv://{User}@127.0.0.1:{sim.HttpEndpoint!.Port}/?transport=http");
        var connection = await HvConnection.OpenAsync(uri, new NetworkCredential(User, Password), new WsManSettings(), null, CancellationToken.None);
        return (sim, connection);
    }

    private static async Task<List<string>> NamesAsync(HvConnection connection)
    {
        var names = new List<string>();
        await foreach (var d in new DomainService(connection, null).GetDomainsAsync(new DomainFilter(), false))
        {
            names.Add(d.Name);
        }
        return names;
    }

    private static async Task<HvDomain> DomainAsync(HvConnection connection, string name)
    {
        await foreach (var d in new DomainService(connection, null).GetDomainsAsync(new DomainFilter { ExactNames = [name] }, false))
        {
            return d;
        }
        throw new InvalidOperationException("no " + name);
    }

    [Fact]
    public async Task Off_and_saved_domains_are_removed()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var service = new DomainRemovalService(connection, null);
        await service.RemoveAsync(await DomainAsync(connection, "off1"), false, null, CancellationToken.None);
        await service.RemoveAsync(await DomainAsync(connection, "saved1"), false, null, CancellationToken.None);
        Assert.Equal(["run1", "run2"], (await NamesAsync(connection)).Order().ToList());
    }

    [Fact]
    public async Task An_active_domain_is_refused_unless_turned_off_first()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var service = new DomainRemovalService(connection, null);
        var run1 = await DomainAsync(connection, "run1");
        var e = await Assert.ThrowsAsync<HvSettingsException>(() => service.RemoveAsync(run1, false, null, CancellationToken.None));
        Assert.Equal(SettingsFailure.DomainActive, e.Reason);
        Assert.True(e.IsStateConflict);
        Assert.Contains("-Force", e.RecommendedAction);
        Assert.Contains("run1", await NamesAsync(connection));

        await service.RemoveAsync(run1, true, null, CancellationToken.None);
        Assert.DoesNotContain("run1", await NamesAsync(connection));
        Assert.Contains("run2", await NamesAsync(connection));
    }

    [Fact]
    public async Task A_domain_already_gone_is_DomainNotFound()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var service = new DomainRemovalService(connection, null);
        var off1 = await DomainAsync(connection, "off1");
        await service.RemoveAsync(off1, false, null, CancellationToken.None);
        var e = await Assert.ThrowsAsync<HvSettingsException>(() => service.RemoveAsync(off1, false, null, CancellationToken.None));
        Assert.Equal(SettingsFailure.DomainNotFound, e.Reason);
    }
}
