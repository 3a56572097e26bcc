using System.Net;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Lifecycle;
using HyperVLibvirt.Core.Uris;
using HyperVLibvirt.Core.WsMan;
using HyperVLibvirt.Simulator;

namespace HyperVLibvirt.Core.Tests.Lifecycle;

/// <summary>A state change whose connection breaks after the request went out says the change may already be applied.</summary>
public sealed class InterruptedStateChangeTests
{
    private const string Password = "Sim-Interrupted-8817!";

    [Theory]
    [InlineData("RequestStateChange", DomainOperation.Start, false)]
    [InlineData("InitiateShutdown", DomainOperation.Shutdown, true)]
    public async Task A_reset_during_the_request_says_it_may_already_have_been_applied(string method, DomainOperation operation, bool running)
    {
        var options = new SimulatorOptions { HttpPort = 0 };
        options.Host.VmCount = 8;
        options.Accounts.Add(new SimulatorAccount("admin", Password));
        // The simulator names every method call "Invoke"; the state change is the first one.
        options.Faults.Add(new FaultRule(FaultKind.Reset) { Operation = "Invoke", Times = 1 });
        await using var sim = await SimulatorServer.StartAsync(options);
        var uri = LibvirtUri.Parse($"hyperv://admin@127.0.0.1:{sim.HttpEndpoint!.Port}/?transport=http");
        using var connection = await HvConnection.OpenAsync(uri, new NetworkCredential("admin", Password), new WsManSettings(), null, CancellationToken.None);
        HvDomain? target = null;
        await foreach (var d in new DomainService(connection, null).GetDomainsAsync(new DomainFilter(), false))
        {
            if (running ? d.GetRecord().State == HvDomainState.Running && d.GetRecord().IsActive : d.GetRecord().State == HvDomainState.Shutoff && !d.GetRecord().HasManagedSave)
            {
                target = d;
                break;
            }
        }
        Assert.NotNull(target);

        var ex = await Assert.ThrowsAsync<WsManConnectionException>(() =>
            new DomainLifecycle(connection, null).ChangeStateAsync(target, operation, new StateChangeOptions(), CancellationToken.None));
        Assert.Contains("may already have been applied", ex.Message);
        Assert.Contains($"Get-HvDomain -Uuid {target.Uuid:D}", ex.Message);
        Assert.Contains(method, ex.Message);
    }
}
