using System.Net;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Networks;
using HyperVLibvirt.Core.Uris;
using HyperVLibvirt.Core.WsMan;
using HyperVLibvirt.Simulator;

namespace HyperVLibvirt.Core.Tests.Networks;

public sealed class NetworkServiceTests
{
    private const string User = "admin";
    private const string Password = "Sim-Networks-4417!";

    private static async Task<(SimulatorServer Sim, HvConnection Session)> StartAsync(string profile)
    {
        var options = new SimulatorOptions { HttpPort = 0 };
        options.Host.VmCount = 2;
        options.Host.Profile = profile;
        options.Accounts.Add(new SimulatorAccount(User, Password));
        var sim = await SimulatorServer.StartAsync(options);
        var uri = LibvirtUri.Parse($"hyperv://{User}@127.0.0.1:{sim.HttpEndpoint!.Port}/?transport=http");
        var session = await HvConnection.OpenAsync(uri, new NetworkCredential(User, Password), new WsManSettings(), null, CancellationToken.None);
        return (sim, session);
    }

    private static async Task<List<HvNetwork>> ReadAsync(HvConnection session, NetworkFilter filter)
    {
        var networks = new List<HvNetwork>();
        await foreach (var network in new NetworkService(session, null).GetNetworksAsync(filter))
        {
            networks.Add(network);
        }
        return networks;
    }

    [Fact]
    public async Task Lists_healthy_switches_and_looks_any_up_by_name()
    {
        var (sim, session) = await StartAsync("ws2019");
        await using var _ = sim;
        using var __ = session;
        var listed = await ReadAsync(session, new NetworkFilter());
        Assert.Equal(["Default Switch", "External", "Isolated"], listed.Select(n => n.Name));
        Assert.All(listed, n => Assert.Equal(session.Id, n.ConnectionId));
        Assert.Equal(Guid.Parse("c08cb7b8-9b3c-408e-8e30-5e16a3aeb444"), listed[0].Uuid);
        var backup = Assert.Single(await ReadAsync(session, new NetworkFilter { ExactNames = ["backup"] }));
        Assert.Equal((ushort)20, backup.HealthState);
        Assert.Equal(backup.Uuid.ToString("D").ToUpperInvariant(), backup.Bridge);
        var byUuid = Assert.Single(await ReadAsync(session, new NetworkFilter { Uuids = [listed[1].Uuid] }));
        Assert.Equal("External", byUuid.Name);
    }

    [Fact]
    public async Task A_host_without_the_switch_class_says_which_release_has_it()
    {
        var (sim, session) = await StartAsync("ws2008r2");
        await using var _ = sim;
        using var __ = session;
        var ex = await Assert.ThrowsAsync<HvClassNotFoundException>(() => ReadAsync(session, new NetworkFilter()));
        Assert.Equal("Msvm_VirtualEthernetSwitch", ex.ClassName);
        Assert.Equal(@"root\virtualization", ex.Namespace);
        Assert.Contains("Windows Server 2012 or later", ex.Message);
        Assert.IsType<HyperVLibvirt.Core.WsMan.WsManFaultException>(ex.InnerException);
    }
}
