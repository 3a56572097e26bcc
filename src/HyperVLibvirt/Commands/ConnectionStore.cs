using System.Collections.Concurrent;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Uris;

namespace HyperVLibvirt.Commands;

/// <summary>
/// The connections of one runspace, and which of them is the default. Keeping them per
/// runspace means thread jobs and <c>ForEach-Object -Parallel</c> never share mutable state:
/// they pass connections explicitly (<c>-Connection $using:c</c>).
/// </summary>
internal sealed class ConnectionStore
{
    private static readonly ConditionalWeakTable<Runspace, ConnectionStore> s_stores = new();
    private static readonly ConnectionStore s_noRunspace = new();

    // Every session made in this process by id, whatever the runspace, so a domain passed to a thread job
    // still finds its session; a closed one stays (briefly, weakly) known so its URI can be named.
    private static readonly ConcurrentDictionary<Guid, WeakReference<HvConnection>> s_byId = new();

    private readonly object _gate = new();
    private readonly List<HvConnection> _connections = new();
    private HvConnection? _default;

    /// <summary>The store of the runspace the calling pipeline runs in.</summary>
    public static ConnectionStore Current =>
        Runspace.DefaultRunspace is { } runspace ? s_stores.GetValue(runspace, _ => new ConnectionStore()) : s_noRunspace;

    /// <summary>The default connection, if it is still open.</summary>
    public HvConnection? Default
    {
        get
        {
            lock (_gate)
            {
                return _default is { IsConnected: true } ? _default : null;
            }
        }
    }

    /// <summary>The open connections, oldest first.</summary>
    public IReadOnlyList<HvConnection> All
    {
        get
        {
            lock (_gate)
            {
                _connections.RemoveAll(c => !c.IsConnected);
                return _connections.ToArray();
            }
        }
    }

    /// <summary>
    /// The open connection to the URI's host (case-insensitive), port and transport as
    /// <paramref name="userName"/> (case-insensitive, as Windows accounts are), if any.
    /// </summary>
    public HvConnection? Find(LibvirtUri uri, string userName) =>
        All.FirstOrDefault(c =>
            string.Equals(c.ComputerName, uri.Host, StringComparison.OrdinalIgnoreCase)
            && c.Port == uri.Port
            && c.GetUri().Transport == uri.Transport
            && string.Equals(c.UserName, userName, StringComparison.OrdinalIgnoreCase));

    /// <summary>The session a domain was read through, open or closed; null when it is unknown or collected.</summary>
    public static HvConnection? Find(Guid connectionId)
    {
        if (s_byId.TryGetValue(connectionId, out var weak) && weak.TryGetTarget(out var connection))
        {
            return connection;
        }
        s_byId.TryRemove(connectionId, out _);
        return null;
    }

    /// <summary>The URI of a known session, for messages.</summary>
    public static string? UriOf(Guid connectionId) => Find(connectionId)?.Uri;

    /// <summary>Adds a connection (once) and, when asked, makes it the default.</summary>
    public void Add(HvConnection connection, bool makeDefault)
    {
        foreach (var (id, weak) in s_byId)
        {
            // Connections are few: dropping the collected ones here keeps the map from growing.
            if (!weak.TryGetTarget(out _))
            {
                s_byId.TryRemove(id, out _);
            }
        }
        s_byId[connection.Id] = new WeakReference<HvConnection>(connection);
        lock (_gate)
        {
            if (!_connections.Contains(connection))
            {
                _connections.Add(connection);
            }
            if (makeDefault)
            {
                if (_default is not null)
                {
                    _default.IsDefault = false;
                }
                _default = connection;
                connection.IsDefault = true;
            }
        }
    }

    /// <summary>
    /// Forgets a connection. Removing the default leaves no default (rather than silently
    /// promoting another host), so a runbook never acts on a host it did not choose.
    /// </summary>
    public void Remove(HvConnection connection)
    {
        lock (_gate)
        {
            _connections.Remove(connection);
            connection.IsDefault = false;
            if (ReferenceEquals(_default, connection))
            {
                _default = null;
            }
        }
    }
}
