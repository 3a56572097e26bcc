using System.Collections.Concurrent;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Tests;

/// <summary>A trace sink that counts the Enumerate operations (queries) a service sends, for tests of round trips.</summary>
internal sealed class EnumerationCounter : IWsManTrace
{
    private readonly ConcurrentQueue<WsManTraceEvent> _events = new();

    public bool WantsEnvelopes => false;

    public int Enumerations => _events.Count(e => e.Kind == WsManTraceKind.Operation && e.Action.EndsWith("Enumerate", StringComparison.Ordinal));

    public void Write(WsManTraceEvent traceEvent) => _events.Enqueue(traceEvent);
}
