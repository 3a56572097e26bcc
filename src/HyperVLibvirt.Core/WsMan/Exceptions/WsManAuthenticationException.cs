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
