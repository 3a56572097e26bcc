namespace HyperVLibvirt.Core.WsMan;

/// <summary>What a <see cref="WsManTraceEvent"/> reports.</summary>
public enum WsManTraceKind
{
    /// <summary>One completed request/response, e.g. <c>Enumerate …/root/cimv2/* 1 item(s) 12 ms</c>.</summary>
    Operation,
    /// <summary>The request envelope text (debug). No Authorization header or password appears.</summary>
    RequestEnvelope,
    /// <summary>The response envelope text (debug), possibly truncated.</summary>
    ResponseEnvelope,
}

/// <summary>One trace event from a <see cref="WsManClient"/>.</summary>
/// <param name="Kind">What the event reports.</param>
/// <param name="Action">The operation name (Identify, Enumerate, Pull, Release, Get, or the method name of an Invoke).</param>
/// <param name="ResourceUri">The resource URI of the request (empty for Identify).</param>
/// <param name="ItemCount">Instances received, for Enumerate and Pull.</param>
/// <param name="Elapsed">Time from sending the request to reading the end of the response.</param>
/// <param name="Envelope">The envelope text for envelope events.</param>
public sealed record WsManTraceEvent(WsManTraceKind Kind, string Action, string ResourceUri, int? ItemCount, TimeSpan? Elapsed, string? Envelope)
{
    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        WsManTraceKind.Operation =>
            $"{Action}{(ResourceUri.Length > 0 ? " " + ResourceUri : string.Empty)}{(ItemCount is { } n ? $" {n} item(s)" : string.Empty)}{(Elapsed is { } e ? $" {e.TotalMilliseconds:0} ms" : string.Empty)}",
        _ => $"{Kind} {Action} {ResourceUri}{Environment.NewLine}{Envelope}",
    };
}
