using System.Diagnostics;
using System.Text;
using HyperVLibvirt.Simulator.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace HyperVLibvirt.Simulator.Wire;

/// <summary>
/// The HTTP face of WinRM: <c>POST /wsman</c> only, HTTP.sys's Server header, Basic
/// authentication with WinRM's 401 challenge, AllowUnencrypted, the 413 size limit, fault
/// injection, then the WS-Management operation itself.
/// </summary>
internal sealed class WsManEndpoint
{
    private const string SoapContentType = "application/soap+xml;charset=UTF-8";

    /// <summary>The simulator's own diagnostics path (JSON counters); WinRM has no such thing.</summary>
    public const string StatsPath = "/simulator/stats";

    private readonly SimulatorOptions _options;
    private readonly SimulatedHost _host;
    private readonly WsManOperations _operations;
    private readonly BasicAuthenticator _authenticator;
    private readonly SimulatorStatistics _statistics;

    /// <summary>Creates the endpoint.</summary>
    public WsManEndpoint(SimulatorOptions options, SimulatedHost host, WsManOperations operations, SimulatorStatistics statistics)
    {
        _options = options;
        _host = host;
        _operations = operations;
        _statistics = statistics;
        _authenticator = new BasicAuthenticator(() => options.Accounts, () => options.BasicEnabled, () => host.ComputerName);
    }

    /// <summary>Handles one HTTP request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            failed = await HandleCoreAsync(context).ConfigureAwait(false);
        }
        finally
        {
            _statistics.Record(start, failed, abandoned: context.RequestAborted.IsCancellationRequested);
        }
    }

    private async Task<bool> HandleCoreAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        response.Headers.Server = "Microsoft-HTTPAPI/2.0";

        if (HttpMethods.IsGet(request.Method) && string.Equals(request.Path.Value, StatsPath, StringComparison.Ordinal))
        {
            // Not WinRM: a loopback-only window for tests and benchmarks (open contexts, serving time).
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/json";
            await response.WriteAsync(_statistics.ToJson()).ConfigureAwait(false);
            return false;
        }

        if (!string.Equals(request.Path.Value, "/wsman", StringComparison.OrdinalIgnoreCase))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            response.ContentLength = 0;
            return false;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = "POST";
            response.ContentLength = 0;
            return false;
        }

        var maxRequestBytes = _options.MaxEnvelopeSizeKb * 1024;
        if (request.ContentLength > maxRequestBytes)
        {
            // MS-WSMV: answer 413 without processing the SOAP.
            response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            response.ContentLength = 0;
            return true;
        }

        var unauthenticatedIdentify = string.Equals(request.Headers["WSMANIDENTIFY"], "unauthenticated", StringComparison.OrdinalIgnoreCase);
        string? user = null;
        if (!unauthenticatedIdentify)
        {
            if (!request.IsHttps && !_options.AllowUnencrypted)
            {
                if (_options.UnencryptedRefusal == UnencryptedRefusal.Status500)
                {
                    response.StatusCode = StatusCodes.Status500InternalServerError;
                    response.ContentLength = 0;
                }
                else
                {
                    Challenge(response);
                }

                return true;
            }

            if (_authenticator.Authenticate(request.Headers.Authorization, out user) != AuthenticationOutcome.Accepted)
            {
                Challenge(response);
                return true;
            }
        }

        var body = await ReadBodyAsync(request, maxRequestBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            response.ContentLength = 0;
            return true;
        }

        var contentType = request.ContentType ?? string.Empty;
        if (!contentType.StartsWith("application/soap+xml", StringComparison.OrdinalIgnoreCase))
        {
            response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            response.ContentLength = 0;
            return true;
        }

        using var writer = new Utf8XmlWriter(64 * 1024);
        SoapRequest? soap = null;
        FaultRule? delivery = null;
        var status = StatusCodes.Status200OK;
        try
        {
            soap = SoapEnvelopeReader.Parse(body.Value, CharsetOf(contentType));
            if (unauthenticatedIdentify && !soap.IsIdentify)
            {
                Challenge(response);
                return true;
            }

            var limits = soap.IsIdentify ? new RequestLimits(maxRequestBytes, RequestHeaders.MaxTimeout) : RequestHeaders.Validate(soap, _options.MaxEnvelopeSizeKb);
            var firing = _options.Faults.Match(soap.OperationName);
            var latency = _options.LatencyMs + (firing?.Where(r => r.Kind == FaultKind.Latency).Sum(r => r.LatencyMs) ?? 0);
            if (latency > 0)
            {
                var wait = TimeSpan.FromMilliseconds(latency);
                if (!soap.IsIdentify && wait > limits.OperationTimeout)
                {
                    // The service gives up when OperationTimeout runs out, as WinRM does.
                    await Task.Delay(limits.OperationTimeout, context.RequestAborted).ConfigureAwait(false);
                    throw new WsManFaultException(WsManFaults.TimedOut());
                }

                await Task.Delay(wait, context.RequestAborted).ConfigureAwait(false);
            }

            var terminal = firing?.FirstOrDefault(r => r.Kind != FaultKind.Latency);
            switch (terminal?.Kind)
            {
                case FaultKind.Http500:
                case FaultKind.Http503:
                    response.StatusCode = terminal.Kind == FaultKind.Http500 ? 500 : 503;
                    if (terminal.Kind == FaultKind.Http503)
                    {
                        response.Headers.RetryAfter = "1";
                    }

                    response.ContentLength = 0;
                    return true;
                case FaultKind.WsManFault:
                    throw new WsManFaultException(WsManFaults.ByName(terminal.FaultName));
                case FaultKind.WmiError:
                    throw new WsManFaultException(WsManFaults.QuotaLimitWithWmiError());
                default:
                    delivery = terminal;
                    break;
            }

            if (soap.IsIdentify)
            {
                _operations.Identify(writer, authenticated: !unauthenticatedIdentify, request.IsHttps);
            }
            else
            {
                _operations.Execute(soap, limits, user!, writer);
            }
        }
        catch (WsManFaultException ex)
        {
            WriteFault(writer, ex.Fault, soap);
            status = StatusCodes.Status500InternalServerError;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failure inside the model must still look like WinRM to the client.
            WriteFault(writer, WsManFaults.InternalError(ex.GetType().Name + ": " + ex.Message + " "), soap);
            status = StatusCodes.Status500InternalServerError;
        }

        await SendAsync(context, status, writer.WrittenMemory, delivery).ConfigureAwait(false);
        return status != StatusCodes.Status200OK || delivery is not null;
    }

    private void WriteFault(Utf8XmlWriter writer, WsManFault fault, SoapRequest? request)
    {
        writer.Truncate(0, 0);
        FaultWriter.Write(writer, fault, _operations.LanguageOf(request), request?.MessageId, MachineOf(request), _host.ComputerName, _operations.LegacyExtendedStatus);
    }

    private static string MachineOf(SoapRequest? request)
    {
        // WinRM names the machine as the client addressed it (the host of a:To).
        if (request?.To is { } to && Uri.TryCreate(to, UriKind.Absolute, out var uri) && uri.Host.Length > 0)
        {
            return uri.Host;
        }

        return "localhost";
    }

    private void Challenge(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status401Unauthorized;
        var schemes = new List<string>(2);
        if (_options.NegotiateAdvertised)
        {
            schemes.Add("Negotiate");
        }

        if (_options.BasicEnabled)
        {
            schemes.Add("Basic realm=\"WSMAN\"");
        }

        if (schemes.Count > 0)
        {
            response.Headers.WWWAuthenticate = new StringValues([.. schemes]);
        }

        response.ContentLength = 0;
    }

    private static string? CharsetOf(string contentType)
    {
        foreach (var part in contentType.Split(';'))
        {
            var trimmed = part.Trim();
            if (trimmed.StartsWith("charset=", StringComparison.OrdinalIgnoreCase))
            {
                return trimmed["charset=".Length..].Trim('"');
            }
        }

        return null;
    }

    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(request.ContentLength is > 0 and var length ? (int)length : 4096);
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static async Task SendAsync(HttpContext context, int status, ReadOnlyMemory<byte> body, FaultRule? delivery)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = SoapContentType;
        var token = context.RequestAborted;
        switch (delivery?.Kind)
        {
            case FaultKind.Reset:
                response.ContentLength = body.Length;
                await response.Body.WriteAsync(body[..(body.Length / 2)], token).ConfigureAwait(false);
                await response.Body.FlushAsync(token).ConfigureAwait(false);
                context.Abort();
                return;
            case FaultKind.Truncate:
                body = body[..(body.Length / 2)];
                break;
            case FaultKind.InvalidXml:
                body = Corrupt(body);
                break;
            case FaultKind.WrongContentType:
                response.ContentType = "text/html; charset=utf-8";
                break;
            case FaultKind.Oversize:
                body = Pad(body, delivery.OversizeBytes);
                break;
            case FaultKind.Drip:
                response.ContentLength = body.Length;
                for (var offset = 0; offset < body.Length; offset += delivery.ChunkBytes)
                {
                    var size = Math.Min(delivery.ChunkBytes, body.Length - offset);
                    await response.Body.WriteAsync(body.Slice(offset, size), token).ConfigureAwait(false);
                    await response.Body.FlushAsync(token).ConfigureAwait(false);
                    if (offset + size < body.Length && delivery.LatencyMs > 0)
                    {
                        delivery.CountPause();
                        await Task.Delay(delivery.LatencyMs, token).ConfigureAwait(false);
                    }
                }

                return;
        }

        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, token).ConfigureAwait(false);
    }

    private static byte[] Corrupt(ReadOnlyMemory<byte> body)
    {
        // An unclosed tag and a bare ampersand right inside the Body: no XML parser accepts this.
        var text = Encoding.UTF8.GetString(body.Span);
        var at = text.IndexOf("<s:Body>", StringComparison.Ordinal);
        var insert = "<s:Broken attr=\"&\"<";
        text = at < 0 ? insert + text : text.Insert(at + "<s:Body>".Length, insert);
        return Encoding.UTF8.GetBytes(text);
    }

    private static byte[] Pad(ReadOnlyMemory<byte> body, int totalBytes)
    {
        const string open = "<!--", close = "-->";
        var filler = Math.Max(0, totalBytes - body.Length - open.Length - close.Length);
        var padded = new byte[body.Length + open.Length + filler + close.Length];
        body.Span.CopyTo(padded);
        Encoding.ASCII.GetBytes(open).CopyTo(padded, body.Length);
        padded.AsSpan(body.Length + open.Length, filler).Fill((byte)' ');
        Encoding.ASCII.GetBytes(close).CopyTo(padded, body.Length + open.Length + filler);
        return padded;
    }
}
