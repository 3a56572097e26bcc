using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// Server certificate policy: chain and name verified by default; SkipCACheck waives chain trust (an unknown
/// or untrusted root, a partial chain) but not the certificate's dates, its signature or revocation, as
/// WinRM's own SkipCACheck; SkipCNCheck ignores a name mismatch; a thumbprint pin accepts exactly that
/// certificate (expired or not) and nothing else. Remembers the last rejected certificate so the exception
/// can name its thumbprint, subject and what was wrong.
/// </summary>
internal sealed class CertificateValidation
{
    private readonly bool _skipCa;
    private readonly bool _skipCn;
    private readonly string? _pin;

    public CertificateValidation(bool skipCACheck, bool skipCNCheck, string? thumbprint)
    {
        _skipCa = skipCACheck;
        _skipCn = skipCNCheck;
        _pin = string.IsNullOrWhiteSpace(thumbprint) ? null : NormalizeThumbprint(thumbprint);
    }

    /// <summary>The last rejected certificate, for the exception message.</summary>
    public RejectedCertificate? LastRejection { get; private set; }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            LastRejection = new RejectedCertificate(errors, null, null, null, PinMismatch: false);
            return false;
        }
        var owned = certificate as X509Certificate2 is null;
        var cert = certificate as X509Certificate2 ?? new X509Certificate2(certificate);
        try
        {
            return Check(cert, chain, errors);
        }
        finally
        {
            if (owned)
            {
                cert.Dispose();
            }
        }
    }

    private bool Check(X509Certificate2 cert, X509Chain? chain, SslPolicyErrors errors)
    {
        var sha1 = cert.Thumbprint;
        var chainStatus = ChainStatusOf(chain);
        if (_pin is not null)
        {
            var sha256 = Convert.ToHexString(cert.GetCertHash(HashAlgorithmName.SHA256));
            if (string.Equals(_pin, sha1, StringComparison.OrdinalIgnoreCase) || string.Equals(_pin, sha256, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
            LastRejection = Rejected(cert, errors, chainStatus, sha1, sha256, pinMismatch: true);
            return false;
        }
        var remaining = errors;
        if (_skipCa && (chainStatus & ~TrustOnly) == X509ChainStatusFlags.NoError)
        {
            remaining &= ~SslPolicyErrors.RemoteCertificateChainErrors;
        }
        if (_skipCn)
        {
            remaining &= ~SslPolicyErrors.RemoteCertificateNameMismatch;
        }
        if (remaining == SslPolicyErrors.None)
        {
            return true;
        }
        LastRejection = Rejected(cert, errors, chainStatus, sha1, Convert.ToHexString(cert.GetCertHash(HashAlgorithmName.SHA256)), pinMismatch: false);
        return false;
    }

    /// <summary>The chain problems SkipCACheck waives: who vouches for the certificate, nothing about the certificate itself.</summary>
    internal const X509ChainStatusFlags TrustOnly =
        X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain
        | X509ChainStatusFlags.RevocationStatusUnknown | X509ChainStatusFlags.OfflineRevocation;

    private static X509ChainStatusFlags ChainStatusOf(X509Chain? chain)
    {
        var flags = X509ChainStatusFlags.NoError;
        if (chain is null)
        {
            return flags;
        }
        foreach (var status in chain.ChainStatus)
        {
            flags |= status.Status;
        }
        return flags;
    }

    private static RejectedCertificate Rejected(X509Certificate2 cert, SslPolicyErrors errors, X509ChainStatusFlags chainStatus,
        string sha1, string sha256, bool pinMismatch) =>
        new(errors, sha1, sha256, cert.Subject, pinMismatch)
        {
            ChainStatus = chainStatus,
            NotBefore = cert.NotBefore.ToUniversalTime(),
            NotAfter = cert.NotAfter.ToUniversalTime(),
        };

    /// <summary>Upper-case hex without spaces or colons.</summary>
    public static string NormalizeThumbprint(string thumbprint)
    {
        Span<char> buffer = stackalloc char[thumbprint.Length];
        var n = 0;
        foreach (var c in thumbprint)
        {
            if (Uri.IsHexDigit(c))
            {
                buffer[n++] = char.ToUpperInvariant(c);
            }
        }
        return new string(buffer[..n]);
    }
}

/// <summary>A certificate the policy rejected.</summary>
internal sealed record RejectedCertificate(SslPolicyErrors Errors, string? Thumbprint, string? Sha256Thumbprint, string? Subject, bool PinMismatch)
{
    /// <summary>What the chain builder found, all elements together.</summary>
    public X509ChainStatusFlags ChainStatus { get; init; }

    /// <summary>The certificate's validity period, UTC.</summary>
    public DateTime? NotBefore { get; init; }

    /// <inheritdoc cref="NotBefore"/>
    public DateTime? NotAfter { get; init; }
}
