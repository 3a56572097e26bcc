using HyperVLibvirt.Simulator;

namespace HyperVLibvirt.Bench;

/// <summary>Many simulated hosts in one process, each on its own loopback port (B3, B5).</summary>
public sealed class FleetServer : IAsyncDisposable
{
    private readonly List<SimulatorServer> _servers;

    private FleetServer(List<SimulatorServer> servers) => _servers = servers;

    /// <summary>The running hosts.</summary>
    public IReadOnlyList<SimulatorServer> Servers => _servers;

    /// <summary>Starts <paramref name="hosts"/> simulators with distinct names; generated inventories, or all from one file.</summary>
    public static async Task<FleetServer> StartAsync(int hosts, int vms, int latencyMs, int jobMs, string userName, string password, string? inventoryPath = null)
    {
        var servers = new List<SimulatorServer>(hosts);
        try
        {
            for (var i = 0; i < hosts; i++)
            {
                var options = new SimulatorOptions { HttpPort = 0, LatencyMs = latencyMs };
                options.Host.VmCount = vms;
                options.Host.InventoryPath = inventoryPath;
                options.Host.Seed = i + 1;
                options.Host.ComputerName = $"HV-BENCH{i + 1:D2}";
                options.Host.JobDuration = TimeSpan.FromMilliseconds(jobMs);
                options.Accounts.Add(new SimulatorAccount(userName, password));
                servers.Add(await SimulatorServer.StartAsync(options).ConfigureAwait(false));
            }
        }
        catch
        {
            await new FleetServer(servers).DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new FleetServer(servers);
    }

    /// <summary>Stops every host.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
        _servers.Clear();
    }
}
