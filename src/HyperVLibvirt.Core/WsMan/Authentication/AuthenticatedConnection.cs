namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// One TCP connection with its own security context: NTLM and Negotiate authenticate a connection, not a request
/// (RFC 4559 §4; MS-WSMV 3.1.4.1.29), and message encryption's sequence numbers run per context. So each such
/// connection gets a handler limited to one connection, and carries one request at a time.
/// </summary>
internal sealed class AuthenticatedConnection : IDisposable
{
    private int _connects;
    private int _connectsWhenAuthenticated = -1;

    public AuthenticatedConnection(Func<Action, HttpClient> createClient)
    {
        Http = createClient(() => Interlocked.Increment(ref _connects));
    }

    /// <summary>The client whose handler keeps this one connection.</summary>
    public HttpClient Http { get; }

    /// <summary>The context, once a handshake ran on this connection.</summary>
    public SecurityContext? Context { get; private set; }

    /// <summary>How many TCP connections the handler opened so far.</summary>
    public int Connects => Volatile.Read(ref _connects);

    /// <summary>True when the context is authenticated and the TCP connection it authenticated is still the one in use.</summary>
    public bool IsAuthenticated => Context is { IsAuthenticated: true } && _connectsWhenAuthenticated == Connects;

    /// <summary>True when the connection was replaced since the handshake (the host closed it): authenticate again.</summary>
    public bool WasReplaced => _connectsWhenAuthenticated >= 0 && _connectsWhenAuthenticated != Connects;

    /// <summary>Set after a failure mid-request: the context's sequence numbers can no longer be trusted; drop it.</summary>
    public bool Broken { get; set; }

    /// <summary>Starts a new context (replacing any earlier one).</summary>
    public void Begin(SecurityContext context)
    {
        Context?.Dispose();
        Context = context;
        _connectsWhenAuthenticated = -1;
    }

    /// <summary>Records that the handshake completed on the current TCP connection.</summary>
    public void Authenticated() => _connectsWhenAuthenticated = Connects;

    public void Dispose()
    {
        Http.Dispose();
        Context?.Dispose();
    }
}
