namespace HyperVLibvirt.Core.WsMan;

/// <summary>What went wrong with the TCP connection.</summary>
public enum WsManConnectionFailure
{
    /// <summary>Anything else (see the inner exception).</summary>
    Other,
    /// <summary>The host refused the connection (nothing listens on the port, or a firewall rejects it).</summary>
    Refused,
    /// <summary>The host name did not resolve.</summary>
    UnknownHost,
    /// <summary>The connection was reset or closed in the middle of an exchange.</summary>
    Reset,
    /// <summary>The transport does not match the port's listener (HTTP sent to an HTTPS port, or the reverse).</summary>
    TransportMismatch,
}

/// <summary>The endpoint could not be reached, or the connection broke.</summary>
public sealed class WsManConnectionException : WsManException
{
    /// <summary>Creates the exception.</summary>
    public WsManConnectionException(WsManConnectionFailure failure, string message, string host, int port, Exception? innerException = null)
        : base(message, host, port, innerException)
    {
        Failure = failure;
    }

    /// <summary>What went wrong.</summary>
    public WsManConnectionFailure Failure { get; }
}
