using System.Diagnostics;
using System.Text;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// One request and its response: sends an envelope, opens the response reader, turns a SOAP fault or an error
/// status into an exception, and traces the operation. Failures go through <see cref="WsManFailureMapper"/>.
/// </summary>
internal sealed class WsManExchange
{
    private readonly HttpTransport _transport;
    private readonly WsManFailureMapper _failures;

    public WsManExchange(HttpTransport transport, WsManFailureMapper failures)
    {
        _transport = transport;
        _failures = failures;
    }

    public WsManFailureMapper Failures => _failures;

    /// <summary>Sends a request whose whole response <paramref name="parse"/> reads.</summary>
    public async Task<T> ExecuteAsync<T>(string operation, string resourceUri, byte[] body, bool unauthenticated,
        Func<ResponseReader, bool, T> parse, IWsManTrace? trace, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var traceEnvelopes = TraceRequest(trace, operation, resourceUri, body);
        using var response = await _transport.SendAsync(body, unauthenticated, traceEnvelopes, cancellationToken).ConfigureAwait(false);
        try
        {
            T result;
            using (var reader = ResponseReader.Open(response.Body, out var hasBody))
            {
                ThrowIfFault(reader, response, operation, resourceUri, started, trace, traceEnvelopes);
                result = parse(reader, hasBody);
                reader.ReadToEnd();
            }
            TraceResponse(trace, operation, resourceUri, null, started, response, traceEnvelopes);
            return result;
        }
        catch (Exception e)
        {
            var mapped = response.MapReadFailure(e, operation);
            if (ReferenceEquals(mapped, e))
            {
                throw;
            }
            throw mapped;
        }
    }

    /// <summary>Sends an Enumerate or Pull and returns its page, positioned before the first item.</summary>
    public async Task<EnumerationPage> OpenPageAsync(string operation, string resourceUri, byte[] body, string? fragmentClass,
        IWsManTrace? trace, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var traceEnvelopes = TraceRequest(trace, operation, resourceUri, body);
        var response = await _transport.SendAsync(body, false, traceEnvelopes, cancellationToken).ConfigureAwait(false);
        ResponseReader? reader = null;
        try
        {
            reader = ResponseReader.Open(response.Body, out var hasBody);
            ThrowIfFault(reader, response, operation, resourceUri, started, trace, traceEnvelopes);
            if (!hasBody)
            {
                throw new MissingElementException($"The {operation} response body is empty.");
            }
            reader.FragmentClassName = fragmentClass;
            return new EnumerationPage(operation, resourceUri, response, reader, started, trace, traceEnvelopes);
        }
        catch (Exception e)
        {
            reader?.Dispose();
            var mapped = response.MapReadFailure(e, operation);
            response.Dispose();
            if (ReferenceEquals(mapped, e))
            {
                throw;
            }
            throw mapped;
        }
    }

    private void ThrowIfFault(ResponseReader reader, TransportResponse response, string operation, string resourceUri, long started,
        IWsManTrace? trace, bool traceEnvelopes)
    {
        if (reader.Fault is { } fault)
        {
            TraceResponse(trace, operation, resourceUri, null, started, response, traceEnvelopes);
            throw _failures.Fault(fault, operation, resourceUri);
        }
        if (response.StatusCode != 200)
        {
            throw _failures.NoFault(response.StatusCode, operation);
        }
    }

    private static bool TraceRequest(IWsManTrace? trace, string operation, string resourceUri, byte[] body)
    {
        if (trace is not { WantsEnvelopes: true })
        {
            return false;
        }
        trace.Write(new WsManTraceEvent(WsManTraceKind.RequestEnvelope, operation, resourceUri, null, null, Encoding.UTF8.GetString(body)));
        return true;
    }

    /// <summary>One operation line and, when captured, the response envelope.</summary>
    internal static void TraceResponse(IWsManTrace? trace, string operation, string resourceUri, int? items, long started,
        TransportResponse response, bool traceEnvelopes)
    {
        if (trace is null)
        {
            return;
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (traceEnvelopes && response.CapturedText is { } text)
        {
            trace.Write(new WsManTraceEvent(WsManTraceKind.ResponseEnvelope, operation, resourceUri, items, elapsed, text));
        }
        trace.Write(new WsManTraceEvent(WsManTraceKind.Operation, operation, resourceUri, items, elapsed, null));
    }
}
