using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// Server certificate policy: chain and name verified by default; SkipCACheck ignores chain errors, SkipCNCheck
/// ignores a name mismatch; a thumbprint pin accepts exactly that certificate and nothing else. Remembers the
/// last rejected certificate so the exception can name its thumbprint and subject.
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
            return Check(cert, errors);
        }
        finally
        {
            if (owned)
            {
                cert.Dispose();
            }
        }
    }

    private bool Check(X509Certificate2 cert, SslPolicyErrors errors)
    {
        var sha1 = cert.Thumbprint;
        if (_pin is not null)
        {
            var sha256 = Convert.ToHexString(cert.GetCertHash(HashAlgorithmName.SHA256));
            if (string.Equals(_pin, sha1, StringComparison.OrdinalIgnoreCase) || string.Equals(_pin, sha256, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
            LastRejection = new RejectedCertificate(errors, sha1, sha256, cert.Subject, PinMismatch: true);
            return false;
        }
        var remaining = errors;
        if (_skipCa)
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
        LastRejection = new RejectedCertificate(errors, sha1, Convert.ToHexString(cert.GetCertHash(HashAlgorithmName.SHA256)), cert.Subject, PinMismatch: false);
        return false;
    }

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
internal sealed record RejectedCertificate(SslPolicyErrors Errors, string? Thumbprint, string? Sha256Thumbprint, string? Subject, bool PinMismatch);
