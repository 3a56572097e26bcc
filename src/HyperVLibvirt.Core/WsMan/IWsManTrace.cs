namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// Where a <see cref="WsManClient"/> call reports what it did: one <see cref="WsManTraceKind.Operation"/> event per
/// request and, when <see cref="WantsEnvelopes"/>, the envelopes. Passed with each call, so every caller hears only
/// its own calls. Called on thread-pool threads: implementations must be quick and thread-safe.
/// </summary>
public interface IWsManTrace
{
    /// <summary>Whether request and response envelopes are wanted too (each response is then captured up to 1 MiB, a copy).</summary>
    bool WantsEnvelopes { get; }

    /// <summary>Receives one event.</summary>
    void Write(WsManTraceEvent traceEvent);
}
