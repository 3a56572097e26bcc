namespace HyperVLibvirt.Core.Connection;

/// <summary>How to reach a host, beyond what the URI says: TLS choices and timeouts.</summary>
public sealed class HvConnectionSettings
{
    /// <summary>Accept a certificate that does not chain to a trusted root (CimSessionOption's name).</summary>
    public bool SkipCACheck { get; init; }

    /// <summary>Accept a certificate whose name does not match the host (CimSessionOption's name).</summary>
    public bool SkipCNCheck { get; init; }

    /// <summary>
    /// A file with the certificate(s) of a private CA (PEM, one or more, or DER) that the host's certificate
    /// chains to; it is trusted for this connection instead of the system store.
    /// </summary>
    public string? CACertificateFile { get; init; }

    /// <summary>Accept exactly the certificate with this thumbprint (SHA-1 or SHA-256 hex), whatever its chain or name.</summary>
    public string? CertificateThumbprint { get; init; }

    /// <summary>The WS-Man operation timeout; the HTTP timeout is a little longer so the host can report it.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to wait for the TCP and TLS connection.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Items asked for per Pull. libvirt asks for one; a few hundred keeps round trips few and envelopes small.</summary>
    public int MaxElements { get; init; } = 500;

    /// <inheritdoc />
    public override string ToString()
    {
        var tls = CertificateThumbprint is { Length: > 0 } pin ? $"pinned {pin}"
            : SkipCACheck || SkipCNCheck ? $"SkipCACheck={SkipCACheck}, SkipCNCheck={SkipCNCheck}"
            : CACertificateFile is { Length: > 0 } ? "verified against the CA file"
            : "verified";
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"TLS {tls}; timeout {OperationTimeout.TotalSeconds:0} s; {MaxElements} items per Pull");
    }
}
