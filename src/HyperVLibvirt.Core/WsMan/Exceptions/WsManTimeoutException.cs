namespace HyperVLibvirt.Core.WsMan;

/// <summary>The connection could not be made in time, or the server did not answer within the operation timeout.</summary>
public sealed class WsManTimeoutException : WsManException
{
    /// <summary>Creates the exception.</summary>
    public WsManTimeoutException(bool duringConnect, TimeSpan timeout, string message, string host, int port, Exception? innerException = null)
        : base(message, host, port, innerException)
    {
        DuringConnect = duringConnect;
        Timeout = timeout;
    }

    /// <summary>True when the TCP/TLS connection timed out; false when the operation did.</summary>
    public bool DuringConnect { get; }

    /// <summary>The timeout that elapsed.</summary>
    public TimeSpan Timeout { get; }
}
