using System.Net;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>How a <see cref="WsManClient"/> reaches and talks to one WinRM endpoint.</summary>
public sealed class WsManClientOptions
{
    /// <summary>The endpoint, <c>http(s)://host:port/wsman</c>.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>Credentials for HTTP Basic. A user name may be <c>DOMAIN\user</c>. Never logged or put in messages.</summary>
    public NetworkCredential? Credential { get; init; }

    /// <summary>
    /// Accept a server certificate whose chain does not lead to a trusted root (self-signed, unknown CA). As
    /// WinRM's own SkipCACheck, it waives trust only: an expired, not yet valid, revoked or badly signed
    /// certificate is still refused (a <see cref="CertificateThumbprint"/> pin accepts exactly one certificate whatever its dates).
    /// </summary>
    public bool SkipCACheck { get; init; }

    /// <summary>
    /// Trust anchors for the server's chain, used instead of the system store (a private CA that is not
    /// installed on this machine). Null or empty: the system store.
    /// </summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2Collection? TrustedRootCertificates { get; init; }

    /// <summary>Accept a server certificate whose name does not match the host.</summary>
    public bool SkipCNCheck { get; init; }

    /// <summary>
    /// Pin: accept exactly the certificate with this thumbprint (SHA-1 or SHA-256 hex; spaces and colons ignored),
    /// regardless of chain and name, and reject any other.
    /// </summary>
    public string? CertificateThumbprint { get; init; }

    /// <summary>Sent as <c>w:OperationTimeout</c>; the HTTP request is given this plus a margin so the server's <c>w:TimedOut</c> fault arrives first.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to wait for the TCP (and TLS) connection.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Items asked for per Enumerate (with OptimizeEnumeration) and per Pull.</summary>
    public int MaxElements { get; init; } = 500;

    /// <summary>
    /// Send the next Pull as soon as a page's context has been read, before its items are parsed, so the host
    /// prepares page N+1 while page N is read (two pooled connections during a long enumeration).
    /// </summary>
    public bool PullAhead { get; init; } = true;

    /// <summary>Sent as <c>w:MaxEnvelopeSize</c> (octets; the server lowers it to its own limit).</summary>
    public int MaxEnvelopeSize { get; init; } = 512000;

    /// <summary>The most bytes read from one response before it is rejected.</summary>
    public long MaxResponseBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Sent as <c>w:Locale</c> and <c>p:DataLocale</c> (both <c>mustUnderstand="false"</c>).</summary>
    public string Locale { get; init; } = "en-US";

    /// <summary>Verbose/debug sink: one <see cref="WsManTraceKind.Operation"/> event per request, and envelopes when <see cref="TraceEnvelopes"/> is set.</summary>
    public Action<WsManTraceEvent>? Trace { get; init; }

    /// <summary>
    /// Asked before each request: when it returns true, request and response envelopes also go to <see cref="Trace"/>
    /// (debug; responses are captured up to 1 MiB each, which costs a copy). Null means never.
    /// </summary>
    public Func<bool>? TraceEnvelopes { get; init; }
}
