using System.Net.Security;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace HyperVLibvirt.Simulator.Wire.Security;

/// <summary>
/// The Negotiate/Kerberos security context of one TCP connection (RFC 4559 ties the handshake to
/// the connection; WinRM's message encryption then uses the same context, [MS-WSMV] 2.2.9.1).
/// At most one context per connection, pending or established: a new first token replaces it.
/// Created when the connection opens and disposed when it closes
/// (<see cref="ConnectionSecurityMiddleware"/>). Kestrel serves an HTTP/1.1 connection's requests
/// one after the other, so NTLM's per-direction sequence numbers stay in step; the lock only
/// guards against misuse.
/// </summary>
internal sealed class ConnectionSecurity : IDisposable
{
    /// <summary>Handshake steps one context may take before it is given up (NTLM needs 2, Kerberos 1).</summary>
    public const int MaxLegs = 6;

    /// <summary>Failed or abandoned handshakes after which the connection is closed.</summary>
    public const int MaxFailures = 8;

    private static readonly object ItemKey = typeof(ConnectionSecurity);
    private readonly SimulatorStatistics _statistics;
    private NegotiateAuthentication? _context;
    private bool _disposed;

    /// <summary>Creates the (empty) state of a new connection.</summary>
    public ConnectionSecurity(SimulatorStatistics statistics) => _statistics = statistics;

    /// <summary>Serialises use of the context (handshake steps, wrap and unwrap).</summary>
    public Lock Gate { get; } = new();

    /// <summary>The pending or established context, or null.</summary>
    public NegotiateAuthentication? Context => _context;

    /// <summary>The HTTP scheme word the context was started with (<c>Negotiate</c> or <c>Kerberos</c>).</summary>
    public string? Scheme { get; private set; }

    /// <summary>Handshake steps taken by the current context.</summary>
    public int Legs { get; set; }

    /// <summary>Failed handshakes on this connection.</summary>
    public int Failures { get; set; }

    /// <summary>The user the established context authenticated, or null while none is established.</summary>
    public string? User { get; private set; }

    /// <summary>Whether the connection is authenticated by a completed context.</summary>
    public bool IsAuthenticated => User is not null && _context is not null;

    /// <summary>The state of the connection a request came on, or null outside a simulator listener.</summary>
    public static ConnectionSecurity? Of(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(ItemKey, out var value) == true ? value as ConnectionSecurity : null;

    /// <summary>Stores the state in the connection's items.</summary>
    public void Attach(IDictionary<object, object?> connectionItems) => connectionItems[ItemKey] = this;

    /// <summary>Removes the state from the connection's items.</summary>
    public static void Detach(IDictionary<object, object?> connectionItems) => connectionItems.Remove(ItemKey);

    /// <summary>Starts a new context, disposing the previous one.</summary>
    public NegotiateAuthentication Begin(string scheme, NegotiateAuthentication context)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Drop();
        _context = context;
        Scheme = scheme;
        Legs = 0;
        _statistics.SecurityContextOpened();
        return context;
    }

    /// <summary>Marks the context established for <paramref name="user"/>.</summary>
    public void Establish(string user) => User = user;

    /// <summary>Forgets the context (failed handshake, broken sealing state): the connection is unauthenticated again.</summary>
    public void Drop()
    {
        if (_context is not null)
        {
            _context.Dispose();
            _context = null;
            _statistics.SecurityContextClosed();
        }

        User = null;
        Scheme = null;
        Legs = 0;
    }

    /// <summary>The connection closed.</summary>
    public void Dispose()
    {
        lock (Gate)
        {
            Drop();
            _disposed = true;
        }
    }
}
