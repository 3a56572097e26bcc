using System.Net.Security;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>The server's TLS certificate was not accepted (untrusted chain, name mismatch, or not the pinned certificate).</summary>
public sealed class WsManCertificateException : WsManException
{
    /// <summary>Creates the exception.</summary>
    public WsManCertificateException(string message, string host, int port, SslPolicyErrors policyErrors,
        string? thumbprint, string? sha256Thumbprint, string? subject, Exception? innerException = null)
        : base(message, host, port, innerException)
    {
        PolicyErrors = policyErrors;
        Thumbprint = thumbprint;
        Sha256Thumbprint = sha256Thumbprint;
        Subject = subject;
    }

    /// <summary>What the TLS stack found wrong (None when only the pin did not match).</summary>
    public SslPolicyErrors PolicyErrors { get; }

    /// <summary>The server certificate's SHA-1 thumbprint (hex), usable with <c>-CertificateThumbprint</c>.</summary>
    public string? Thumbprint { get; }

    /// <summary>The server certificate's SHA-256 thumbprint (hex).</summary>
    public string? Sha256Thumbprint { get; }

    /// <summary>The server certificate's subject.</summary>
    public string? Subject { get; }
}
