using System.Globalization;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// How a session talks to its WinRM endpoint beyond what the address says: TLS choices, timeouts and
/// paging. The one set of defaults for the session and its <see cref="WsManClient"/>.
/// </summary>
public sealed class WsManSettings
{
    /// <summary>
    /// Accept a server certificate whose chain does not lead to a trusted root (self-signed, unknown CA); CimSessionOption's
    /// name. As WinRM's own SkipCACheck, it waives trust only: an expired, not yet valid, revoked or badly signed certificate
    /// is still refused (a <see cref="CertificateThumbprint"/> pin accepts exactly one certificate whatever its dates).
    /// </summary>
    public bool SkipCACheck { get; init; }

    /// <summary>
    /// A file with the certificate(s) of a private CA (PEM, one or more, or DER) that the host's certificate chains to;
    /// it is trusted for this session instead of the system store.
    /// </summary>
    public string? CACertificateFile { get; init; }

    /// <summary>Accept a server certificate whose name does not match the host; CimSessionOption's name.</summary>
    public bool SkipCNCheck { get; init; }

    /// <summary>
    /// Pin: accept exactly the certificate with this thumbprint (SHA-1 or SHA-256 hex; spaces and colons ignored),
    /// regardless of chain and name, and reject any other.
    /// </summary>
    public string? CertificateThumbprint { get; init; }

    /// <summary>How to authenticate: the host's strongest offered scheme by default (see <see cref="AuthenticationMechanism"/>).</summary>
    public AuthenticationMechanism Authentication { get; init; }

    /// <summary>Whether SOAP bodies are sealed with the session key (MS-WSMV 2.2.9.1): by default over HTTP only.</summary>
    public MessageEncryption MessageEncryption { get; init; }

    /// <summary>The Kerberos service principal, e.g. <c>HTTP/hv01.contoso.com</c>; null for <c>HTTP/</c> and the URI's host.</summary>
    public string? ServicePrincipalName { get; init; }

    /// <summary>Sent as <c>w:OperationTimeout</c>; the HTTP request is given this plus a margin so the server's <c>w:TimedOut</c> fault arrives first.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to wait for the TCP (and TLS) connection.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Items asked for per Enumerate (with OptimizeEnumeration) and per Pull. libvirt asks for one; a few hundred keeps round trips few and envelopes small.</summary>
    public int MaxElements { get; init; } = 500;

    /// <summary>
    /// Send the next Pull as soon as a page's context has been read, before its items are parsed, so the host
    /// prepares page N+1 while page N is read (two pooled connections during a long enumeration).
    /// </summary>
    public bool PullAhead { get; init; } = true;

    /// <summary>The smallest <c>w:MaxEnvelopeSize</c> WinRM accepts, in octets.</summary>
    public const int MinEnvelopeSize = 8192;

    /// <summary>Sent as <c>w:MaxEnvelopeSize</c> (octets; the server lowers it to its own limit).</summary>
    public int MaxEnvelopeSize { get; init; } = 512000;

    /// <summary>The most bytes read from one response before it is rejected.</summary>
    public long MaxResponseBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Sent as <c>w:Locale</c> and <c>p:DataLocale</c> (both <c>mustUnderstand="false"</c>).</summary>
    public string Locale { get; init; } = "en-US";

    /// <summary>What protects the traffic, as true for the transport: no TLS over HTTP; over HTTPS, which checks apply.</summary>
    public string DescribeSecurity(bool https) => DescribeSecurity(https, null, false);

    /// <summary>
    /// What protects the traffic once a scheme was agreed: <paramref name="scheme"/> is the scheme in use (null before the first
    /// authenticated request) and <paramref name="encrypted"/> whether bodies are sealed with its session key.
    /// </summary>
    public string DescribeSecurity(bool https, string? scheme, bool encrypted)
    {
        if (!https)
        {
            return scheme switch
            {
                null => "HTTP: no TLS (not authenticated yet)",
                "Basic" => "HTTP: no TLS (Basic credentials and data travel unencrypted)",
                _ when encrypted => $"HTTP: no TLS; messages encrypted with the {scheme} session key (MS-WSMV message encryption)",
                _ => $"HTTP: no TLS, {scheme} authentication, messages unencrypted",
            };
        }
        if (CertificateThumbprint is { Length: > 0 } pin)
        {
            return "HTTPS: certificate pinned to " + CertificateValidation.NormalizeThumbprint(pin);
        }
        if (SkipCACheck || SkipCNCheck)
        {
            var skipped = SkipCACheck && SkipCNCheck ? "CA and name checks skipped" : SkipCACheck ? "CA check skipped" : "name check skipped";
            return "HTTPS: certificate not fully verified (" + skipped + ")";
        }
        if (CACertificateFile is { Length: > 0 })
        {
            return "HTTPS: certificate verified against the CA file (matching name)";
        }
        return "HTTPS: certificate verified (trusted CA, matching name)";
    }

    /// <summary>The HTTP-level timeout of one request: the operation timeout plus a margin, so w:TimedOut arrives first.</summary>
    internal TimeSpan HttpTimeout => OperationTimeout + TimeSpan.FromSeconds(10);

    /// <summary>Checks the values a client cannot work with.</summary>
    internal void Validate()
    {
        if (MaxElements < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxElements), "MaxElements must be at least 1.");
        }
        if (MaxEnvelopeSize < MinEnvelopeSize)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxEnvelopeSize), "MaxEnvelopeSize must be at least 8192 (WinRM's minimum).");
        }
        if (Authentication == AuthenticationMechanism.Basic && MessageEncryption == MessageEncryption.Always)
        {
            throw new ArgumentException("Message encryption needs Negotiate, Kerberos or NTLM; Basic has no session key to encrypt with.", nameof(MessageEncryption));
        }
        if (ServicePrincipalName is { } spn && (spn.Length == 0 || spn.Any(char.IsWhiteSpace)))
        {
            throw new ArgumentException("The service principal name must look like HTTP/host.domain, with no spaces.", nameof(ServicePrincipalName));
        }
        if (OperationTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(OperationTimeout), "OperationTimeout must be positive.");
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"timeout {OperationTimeout.TotalSeconds:0} s; {MaxElements} items per Pull");
}
