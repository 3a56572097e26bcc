namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// Base of every error the WS-Man client raises (cancellation excepted, which stays an
/// <see cref="OperationCanceledException"/>). Carries the endpoint so messages and callers can name it.
/// Messages never contain a password.
/// </summary>
public class WsManException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <remarks>Messages quote server text (fault reasons, subjects): they are neutralised for display (<see cref="DisplayText"/>); the typed properties keep the exact values.</remarks>
    public WsManException(string message, string host, int port, Exception? innerException = null)
        : base(DisplayText.Neutralize(message), innerException)
    {
        Host = host;
        Port = port;
    }

    /// <summary>The endpoint host.</summary>
    public string Host { get; }

    /// <summary>The endpoint port.</summary>
    public int Port { get; }

    /// <summary>"host:port" for messages.</summary>
    protected internal static string Endpoint(string host, int port) => host.Contains(':') ? $"[{host}]:{port}" : $"{host}:{port}";
}
