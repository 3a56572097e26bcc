using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Node;

/// <summary>
/// Reads a host's node facts through one session: virsh nodeinfo, hostname, maxvcpus, freecell and the host
/// UUID of capabilities, in five queries sent together (libvirt sends the same five, one after another, and the
/// processors only after the computer system). Made per call site with the trace sink that hears its WS-Man calls.
/// </summary>
public sealed class NodeService
{
    private readonly HvConnection _session;
    private readonly IWsManTrace? _trace;

    /// <summary>A service for <paramref name="session"/>, tracing to <paramref name="trace"/> (null: no trace).</summary>
    public NodeService(HvConnection session, IWsManTrace? trace)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _trace = trace;
    }

    /// <summary>Every node fact. A missing Win32_ComputerSystem fails as libvirt fails ("Could not look up Win32_ComputerSystem").</summary>
    public async Task<NodeInfo> GetNodeInfoAsync(CancellationToken cancellationToken)
    {
        // Sent together where that saves round trips: over Basic each query is its own request anyway. An
        // authenticated session (Negotiate, Kerberos, NTLM) would need a handshake per extra connection, so there
        // they go one after another on the one connection.
        var together = _session.Authentication is null or "Basic";
        Func<Task<List<CimObject>>>[] queries =
        [
            () => ListAsync(NodeQuery.ComputerSystem, WmiNamespace.CimV2, cancellationToken),
            () => ListAsync(NodeQuery.Processors, WmiNamespace.CimV2, cancellationToken),
            () => ListAsync(NodeQuery.ComputerSystemProduct, WmiNamespace.CimV2, cancellationToken),
            () => ListAsync(NodeQuery.OperatingSystem, WmiNamespace.CimV2, cancellationToken),
            () => ListAsync(NodeQuery.MaximumProcessorDefinition, null, cancellationToken),
        ];
        var results = new List<CimObject>[queries.Length];
        if (together)
        {
            results = await Task.WhenAll(queries.Select(q => q())).ConfigureAwait(false);
        }
        else
        {
            for (var i = 0; i < queries.Length; i++)
            {
                results[i] = await queries[i]().ConfigureAwait(false);
            }
        }
        var (systems, cpus, products, systemsOs, maximums) = (results[0], results[1], results[2], results[3], results[4]);
        if (systems.Count == 0)
        {
            throw new HvHostException("Could not look up Win32_ComputerSystem on " + _session.ComputerName);
        }
        return NodeInfo.Create(_session.ComputerName, _session.Id, systems[0], cpus, products.FirstOrDefault(), systemsOs.FirstOrDefault(),
            maximums.FirstOrDefault());
    }

    /// <summary>libvirt's capabilities XML; the host UUID is read afresh (libvirt reads it once, when it connects).</summary>
    public async Task<string> GetCapabilitiesXmlAsync(CancellationToken cancellationToken)
    {
        var products = await ListAsync(NodeQuery.ComputerSystemProduct, WmiNamespace.CimV2, cancellationToken).ConfigureAwait(false);
        var text = products.FirstOrDefault()?.GetString("UUID");
        if (!Guid.TryParse(text, out var uuid))
        {
            // libvirt's text: it refuses to connect at all on such a host.
            throw new HvHostException($"Could not parse UUID from string '{text}'");
        }
        return CapabilitiesXml.Format(uuid);
    }

    /// <summary>The most vCPUs one VM may have; libvirt's error when the host has no Maximum definition.</summary>
    public async Task<ulong> GetMaxVcpusAsync(CancellationToken cancellationToken)
    {
        var maximums = await ListAsync(NodeQuery.MaximumProcessorDefinition, null, cancellationToken).ConfigureAwait(false);
        return maximums.FirstOrDefault()?.GetUInt64("VirtualQuantity")
            ?? throw new HvHostException($"Could not get maximum definition of Msvm_ProcessorSettingData for host {_session.ComputerName}");
    }

    private async Task<List<CimObject>> ListAsync(string wql, string? wmiNamespace, CancellationToken cancellationToken)
    {
        var items = new List<CimObject>();
        await foreach (var item in _session.QueryAsync(wql, wmiNamespace, _trace, cancellationToken).ConfigureAwait(false))
        {
            items.Add(item);
        }
        return items;
    }
}
