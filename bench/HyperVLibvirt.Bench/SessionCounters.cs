using HyperVLibvirt.Core.Connection;

namespace HyperVLibvirt.Bench;

/// <summary>What a session's client counted, for the benchmarks to read beside the simulator's own counters.</summary>
public static class SessionCounters
{
    /// <summary>Authenticated connections the session opened so far (each one cost a Negotiate/NTLM handshake); 0 for Basic.</summary>
    public static int AuthenticatedConnections(HvConnection connection) => connection.Client.AuthenticatedConnectionCount;
}
