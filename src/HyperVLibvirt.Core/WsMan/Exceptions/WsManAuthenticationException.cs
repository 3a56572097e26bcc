namespace HyperVLibvirt.Core.WsMan;

/// <summary>Why authentication failed.</summary>
public enum WsManAuthenticationFailure
{
    /// <summary>Credentials were sent and refused (over HTTP this may also be AllowUnencrypted=false).</summary>
    BadCredentials,
    /// <summary>The server's 401 offered no Basic scheme (Basic auth disabled on the service).</summary>
    BasicNotOffered,
    /// <summary>The server wants authentication and no credential was given.</summary>
    NoCredentials,
    /// <summary>The server refuses unencrypted messages over HTTP (AllowUnencrypted=false).</summary>
    UnencryptedRefused,
    /// <summary>The scheme asked for (Negotiate, Kerberos, NTLM) is not among those the server's 401 offers.</summary>
    SchemeNotOffered,
    /// <summary>This machine could not start or continue the Negotiate/NTLM/Kerberos handshake (a local failure, not the host's answer).</summary>
    HandshakeFailed,
    /// <summary>Kerberos from the ticket cache was asked for and the cache holds no usable ticket (run kinit).</summary>
    KerberosNoTicket,
    /// <summary>No Kerberos KDC for the user's realm could be reached.</summary>
    KerberosNoKdc,
    /// <summary>The KDC does not know the service principal (HTTP/host) or the user.</summary>
    KerberosUnknownPrincipal,
    /// <summary>The clocks of this machine and the KDC or host differ by more than Kerberos allows.</summary>
    KerberosClockSkew,
    /// <summary>Sealing or unsealing a message failed, or an encrypted body was malformed.</summary>
    EncryptionFailed,
    /// <summary>A response that had to be encrypted arrived in clear; it is refused, never read.</summary>
    UnencryptedResponse,
}

/// <summary>The server did not accept the request's authentication.</summary>
public sealed class WsManAuthenticationException : WsManException
{
    /// <summary>Creates the exception.</summary>
    public WsManAuthenticationException(WsManAuthenticationFailure reason, string message, string host, int port,
        IReadOnlyList<string> offeredSchemes, Exception? innerException = null)
        : base(message, host, port, innerException)
    {
        Reason = reason;
        OfferedSchemes = offeredSchemes;
    }

    /// <summary>Why authentication failed.</summary>
    public WsManAuthenticationFailure Reason { get; }

    /// <summary>The schemes the server's 401 offered (WWW-Authenticate), e.g. Negotiate, Kerberos, Basic.</summary>
    public IReadOnlyList<string> OfferedSchemes { get; }
}
