using System.Runtime.CompilerServices;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Networks;

/// <summary>
/// Reads a host's networks (virtual switches) through one session, in one query, as libvirt's
/// network driver (src/hyperv/hyperv_network_driver.c) does. Made per call site with the trace sink
/// that hears its WS-Man calls; it calls only downward (session, WS-Man).
/// </summary>
public sealed class NetworkService
{
    private readonly HvConnection _session;
    private readonly IWsManTrace? _trace;

    /// <summary>A service for <paramref name="session"/>, tracing to <paramref name="trace"/> (null: no trace).</summary>
    public NetworkService(HvConnection session, IWsManTrace? trace)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _trace = trace;
    }

    /// <summary>
    /// The host's networks the filter selects, each as it arrives. A switch whose Name is not a GUID is
    /// skipped (libvirt fails the whole call on it: "Could not parse UUID from string"). A host without
    /// Msvm_VirtualEthernetSwitch (root\virtualization, Windows Server 2008 and 2008 R2) throws
    /// <see cref="HvClassNotFoundException"/>.
    /// </summary>
    public async IAsyncEnumerable<HvNetwork> GetNetworksAsync(NetworkFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var items = _session.QueryAsync(filter.ToWql(), null, _trace, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                CimObject item;
                try
                {
                    if (!await items.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }

                    item = items.Current;
                }
                catch (WsManFaultException ex) when (ex.Fault.IsSubcode("CannotProcessFilter"))
                {
                    // Our WQL is well formed: the filter fails because the class is not there.
                    throw new HvClassNotFoundException(_session.ComputerName, NetworkQuery.SwitchClass, _session.Namespace.Replace('/', '\\'),
                        "Hyper-V networks (virtual switches) need the root\\virtualization\\v2 namespace of Windows Server 2012 or later.", ex);
                }

                if (ToNetwork(item) is { } network && filter.Matches(network))
                {
                    yield return network;
                }
            }
        }
        finally
        {
            await items.DisposeAsync().ConfigureAwait(false);
        }
    }

    private HvNetwork? ToNetwork(CimObject vswitch)
    {
        var name = vswitch.GetString("Name");
        if (name is null || !Guid.TryParse(name, out var uuid))
        {
            return null;
        }

        var health = vswitch.GetUInt64("HealthState") is { } h and <= ushort.MaxValue ? (ushort?)h : null;
        return new HvNetwork(vswitch.GetString("ElementName") ?? string.Empty, uuid, name, health, _session.Id, _session.ComputerName);
    }
}
