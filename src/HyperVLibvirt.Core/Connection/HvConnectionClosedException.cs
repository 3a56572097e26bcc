namespace HyperVLibvirt.Core.Connection;

/// <summary>A session was used after it was closed (Disconnect-HvLibvirt, or disposed).</summary>
public sealed class HvConnectionClosedException : InvalidOperationException
{
    /// <summary>Creates the exception for the session at <paramref name="uri"/>.</summary>
    public HvConnectionClosedException(string uri)
        : base($"The connection to {uri} is closed. Connect again with Connect-HvLibvirt '{uri}' and use the new connection.")
    {
        Uri = uri;
    }

    /// <summary>The closed session's URI.</summary>
    public string Uri { get; }
}
