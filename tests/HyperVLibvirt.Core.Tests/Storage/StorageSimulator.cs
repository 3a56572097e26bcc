using System.Collections.Concurrent;
using System.Net;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Uris;
using HyperVLibvirt.Core.WsMan;
using HyperVLibvirt.Simulator;

namespace HyperVLibvirt.Core.Tests.Storage;

/// <summary>An in-process simulator (8 generated VMs, seed 1, short jobs) and a connection to it, for the storage services.</summary>
internal static class StorageSimulator
{
    private const string User = "admin";
    private const string Password = "Sim-Storage-7730!";

    public static async Task<(SimulatorServer Sim, HvConnection Connection)> StartAsync()
    {
        var options = new SimulatorOptions { HttpPort = 0 };
        options.Host.VmCount = 8;
        options.Host.Seed = 1;
        options.Host.JobDuration = TimeSpan.FromMilliseconds(50);
        options.Accounts.Add(new SimulatorAccount(User, Password));
        var sim = await SimulatorServer.StartAsync(options);
        var uri = LibvirtUri.Parse($"hyperv://{User}@127.0.0.1:{sim.HttpEndpoint!.Port}/?transport=http");
        var connection = await HvConnection.OpenAsync(uri, new NetworkCredential(User, Password), new WsManSettings(), null, CancellationToken.None);
        return (sim, connection);
    }
}

/// <summary>Records each WS-Man operation's action (Enumerate, Invoke of a method …), to count what a call sends.</summary>
internal sealed class OperationLog : IWsManTrace
{
    private readonly ConcurrentQueue<string> _actions = new();

    public bool WantsEnvelopes => false;

    public IReadOnlyList<string> Actions => _actions.ToArray();

    public int Count(string actionSuffix) => _actions.Count(a => a.EndsWith(actionSuffix, StringComparison.Ordinal));

    public void Write(WsManTraceEvent traceEvent)
    {
        if (traceEvent.Kind == WsManTraceKind.Operation)
        {
            _actions.Enqueue(traceEvent.Action);
        }
    }
}
