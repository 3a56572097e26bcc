using System.Diagnostics;
using System.Text;
using HyperVLibvirt.Simulator.Model;
using HyperVLibvirt.Simulator.Wire.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace HyperVLibvirt.Simulator.Wire;

/// <summary>
/// The HTTP face of WinRM: <c>POST /wsman</c> only, HTTP.sys's Server header, authentication
/// (<see cref="RequestAuthenticator"/>), AllowUnencrypted, message encryption
/// (<see cref="MessageSealing"/>), the 413 size limit, fault injection, then the WS-Management
/// operation itself.
/// </summary>
internal sealed class WsManEndpoint
{
    private const string SoapContentType = "application/soap+xml;charset=UTF-8";

    /// <summary>The simulator's own diagnostics path (JSON counters); WinRM has no such thing.</summary>
    public const string StatsPath = "/simulator/stats";

    /// <summary>The simulator's record of what each VM's keyboard received (JSON, by VM GUID); WinRM has no such thing.</summary>
    public const string KeyboardPath = "/simulator/keyboard";

    private readonly SimulatorOptions _options;
    private readonly SimulatedHost _host;
    private readonly WsManOperations _operations;
    private readonly RequestAuthenticator _authenticator;
    private readonly SimulatorStatistics _statistics;

    /// <summary>Creates the endpoint.</summary>
    public WsManEndpoint(SimulatorOptions options, SimulatedHost host, WsManOperations operations, SimulatorStatistics statistics, RequestAuthenticator authenticator)
    {
        _options = options;
        _host = host;
        _operations = operations;
        _statistics = statistics;
        _authenticator = authenticator;
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

        if (HttpMethods.IsGet(request.Method) && string.Equals(request.Path.Value, KeyboardPath, StringComparison.Ordinal))
        {
            // Not WinRM: lets tests check the exact key sequence a client sent.
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/json";
            await response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(_host.KeyboardInputs())).ConfigureAwait(false);
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

        var connection = ConnectionSecurity.Of(context);
        var encrypted = EncryptedMessage.IsEncrypted(request.ContentType);
        var maxRequestBytes = _options.MaxEnvelopeSizeKb * 1024;
        var maxWireBytes = encrypted ? maxRequestBytes + EncryptedMessage.FramingAllowance : maxRequestBytes;
        if (request.ContentLength > maxWireBytes)
        {
            // MS-WSMV: answer 413 without processing the SOAP.
            response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            response.ContentLength = 0;
            if (encrypted)
            {
                BreakSealing(response, connection);
            }

            return true;
        }

        var unauthenticatedIdentify = string.Equals(request.Headers["WSMANIDENTIFY"], "unauthenticated", StringComparison.OrdinalIgnoreCase);
        string? user = null;
        var byContext = false;
        if (!unauthenticatedIdentify)
        {
            var auth = _authenticator.Authenticate(context, connection);
            if (auth.Answered)
            {
                return auth.IsFault;
            }

            user = auth.User;
            byContext = auth.ByContext;
            if (auth.FinalToken is not null)
            {
                // The server's last token, for the client's mutual authentication (RFC 4559 section 5).
                response.Headers.WWWAuthenticate = auth.FinalToken;
            }

            if (byContext && request.Headers.Authorization.Count > 0 && !HasBody(context))
            {
                // The handshake's last leg was an empty POST (pywinrm's setup_encryption): 200, nothing more.
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentLength = 0;
                return false;
            }
        }

        ReadOnlyMemory<byte> body;
        string? charset;
        string? sealingProtocol = null;
        if (encrypted)
        {
            if (connection is not { IsAuthenticated: true })
            {
                // Only a connection with an established context has the keys to this message.
                _authenticator.Challenge(response);
                return true;
            }

            var raw = await ReadBodyAsync(request, maxWireBytes, context.RequestAborted).ConfigureAwait(false);
            try
            {
                if (raw is null)
                {
                    throw new EncryptedBodyException(StatusCodes.Status413PayloadTooLarge, "The encrypted body exceeds MaxEnvelopeSizekb.");
                }

                var opened = MessageSealing.Open(connection, request.ContentType!, raw.Value.Span, maxRequestBytes);
                body = opened.Plaintext;
                charset = opened.Charset;
                sealingProtocol = opened.Protocol;
                _statistics.EncryptedRequest();
            }
            catch (EncryptedBodyException ex)
            {
                response.StatusCode = ex.Status;
                response.ContentLength = 0;
                BreakSealing(response, connection);
                return true;
            }
        }
        else
        {
            if (byContext && !request.IsHttps && !_options.AllowUnencrypted)
            {
                // MS-WSMV 3.1.4.1.29.1: with AllowUnencrypted=false no plaintext SOAP is served over HTTP.
                _authenticator.RefuseUnencrypted(response, byContext: true);
                return true;
            }

            var plain = await ReadBodyAsync(request, maxRequestBytes, context.RequestAborted).ConfigureAwait(false);
            if (plain is null)
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

            body = plain.Value;
            charset = CharsetOf(contentType);
        }

        using var writer = new Utf8XmlWriter(64 * 1024);
        SoapRequest? soap = null;
        FaultRule? delivery = null;
        var status = StatusCodes.Status200OK;
        try
        {
            soap = SoapEnvelopeReader.Parse(body, charset);
            if (unauthenticatedIdentify && !soap.IsIdentify)
            {
                _authenticator.Challenge(response);
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

        var seal = sealingProtocol is null || connection is null ? null : new Sealer(connection, sealingProtocol);
        await SendAsync(context, status, writer.WrittenMemory, delivery, seal).ConfigureAwait(false);
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

    /// <summary>
    /// An encrypted request that was not unwrapped leaves NTLM's sealing state (RC4 stream, sequence
    /// numbers) out of step with the client's: forget the context and close the connection, so the
    /// client starts over on a new one.
    /// </summary>
    private static void BreakSealing(HttpResponse response, ConnectionSecurity? connection)
    {
        if (connection is not null)
        {
            lock (connection.Gate)
            {
                connection.Drop();
            }
        }

        response.Headers.Connection = "close";
    }

    private static bool HasBody(HttpContext context) =>
        context.Request.ContentLength is > 0
        || (context.Request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true);

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

    private static async Task SendAsync(HttpContext context, int status, ReadOnlyMemory<byte> body, FaultRule? delivery, Sealer? seal)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = SoapContentType;
        var token = context.RequestAborted;

        // Faults that spoil the message itself act on the plaintext; an encrypted answer then seals the spoiled message.
        switch (delivery?.Kind)
        {
            case FaultKind.Truncate:
                body = body[..(body.Length / 2)];
                break;
            case FaultKind.InvalidXml:
                body = Corrupt(body);
                break;
            case FaultKind.Oversize:
                body = Pad(body, delivery.OversizeBytes);
                break;
        }

        if (seal is not null && delivery?.Kind != FaultKind.Cleartext)
        {
            body = seal.Seal(body.Span);
            response.ContentType = seal.ContentType;
        }

        // Faults of the delivery act on the bytes on the wire.
        switch (delivery?.Kind)
        {
            case FaultKind.Reset:
                response.ContentLength = body.Length;
                await response.Body.WriteAsync(body[..(body.Length / 2)], token).ConfigureAwait(false);
                await response.Body.FlushAsync(token).ConfigureAwait(false);
                context.Abort();
                return;
            case FaultKind.WrongContentType:
                response.ContentType = "text/html; charset=utf-8";
                break;
            case FaultKind.Tamper:
                // Inside the sealed bytes: the closing boundary is the last 24 bytes of an encrypted body.
                var tampered = body.ToArray();
                tampered[Math.Max(0, tampered.Length - 30)] ^= 0x5A;
                body = tampered;
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

    /// <summary>Seals a response with the connection's context, in the protocol the request used.</summary>
    private sealed class Sealer(ConnectionSecurity connection, string protocol)
    {
        public string ContentType => EncryptedMessage.ContentType(protocol);

        public byte[] Seal(ReadOnlySpan<byte> plaintext) => MessageSealing.Seal(connection, protocol, plaintext);
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
