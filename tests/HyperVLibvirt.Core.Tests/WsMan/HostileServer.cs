using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace HyperVLibvirt.Core.Tests.WsMan;

/// <summary>One request as the hostile server saw it.</summary>
internal sealed record HostileRequest(int Number, int Connection, string Body)
{
    /// <summary>The request's header block (request line and headers), for responders that answer an authentication handshake.</summary>
    public string Headers { get; init; } = string.Empty;

    /// <summary>The SOAP action's last segment (Identify has none: "Identify").</summary>
    public string Operation =>
        Body.Contains("/Enumerate<", StringComparison.Ordinal) ? "Enumerate"
        : Body.Contains("/Pull<", StringComparison.Ordinal) ? "Pull"
        : Body.Contains("/Release<", StringComparison.Ordinal) ? "Release"
        : Body.Contains("wsmid:Identify", StringComparison.Ordinal) || Body.Contains("IdentifyRequest", StringComparison.Ordinal) || !Body.Contains("Action", StringComparison.Ordinal) ? "Identify"
        : "Other";
}

/// <summary>
/// A misbehaving WS-Management server on 127.0.0.1 for the client's tests: each request is answered by a
/// test-supplied responder that writes raw bytes (status line, headers, body) to the connection, so any
/// breach of the protocol can be served, and large bodies can be generated as a stream.
/// Optionally speaks TLS with a given certificate.
/// </summary>
internal sealed class HostileServer : IAsyncDisposable
{
    public const string Envelope =
        "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" " +
        "xmlns:n=\"http://schemas.xmlsoap.org/ws/2004/09/enumeration\" xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\">";

    private const int MaxRequestsPerConnection = 100_000;
    private const int MaxHeaderBytes = 64 * 1024;

    private readonly TcpListener _listener;
    private readonly Func<HostileRequest, Stream, CancellationToken, Task> _respond;
    private readonly X509Certificate2? _certificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = new();
    private readonly Task _accept;
    private int _requests;
    private int _connectionCount;
    private int _closed;

    /// <param name="respond">Writes the whole response (status line included) for one request; throwing or returning after closing ends the connection.</param>
    /// <param name="certificate">When given, the server speaks HTTPS with it.</param>
    public HostileServer(Func<HostileRequest, Stream, CancellationToken, Task> respond, X509Certificate2? certificate = null)
    {
        _respond = respond;
        _certificate = certificate;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accept = AcceptLoopAsync();
    }

    public int Port { get; }

    public Uri Endpoint => new($"{(_certificate is null ? "http" : "https")}://127.0.0.1:{Port}/wsman");

    /// <summary>Requests answered so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>TCP connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connectionCount);

    /// <summary>Connections the client closed (a read met end of stream or a reset).</summary>
    public int ClosedByClient => Volatile.Read(ref _closed);

    /// <summary>Completes when the client has closed at least one connection.</summary>
    public TaskCompletionSource FirstClose { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Writes a 200 response with a chunked body produced by <paramref name="body"/>.</summary>
    public static async Task WriteChunkedAsync(Stream network, Func<Stream, Task> body, string contentType = "application/soap+xml;charset=UTF-8", int status = 200)
    {
        var head = $"HTTP/1.1 {status} {(status == 200 ? "OK" : "Error")}\r\nContent-Type: {contentType}\r\nTransfer-Encoding: chunked\r\n\r\n";
        await network.WriteAsync(Encoding.ASCII.GetBytes(head));
        await using (var chunked = new ChunkedWriter(network))
        {
            await body(chunked);
        }
        await network.FlushAsync();
    }

    /// <summary>Writes a complete response with a Content-Length.</summary>
    public static async Task WriteAsync(Stream network, string body, string contentType = "application/soap+xml;charset=UTF-8", int status = 200)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = $"HTTP/1.1 {status} {(status == 200 ? "OK" : "Error")}\r\nContent-Type: {contentType}\r\nContent-Length: {bytes.Length}\r\n\r\n";
        await network.WriteAsync(Encoding.ASCII.GetBytes(head));
        await network.WriteAsync(bytes);
        await network.FlushAsync();
    }

    /// <summary>An EnumerateResponse or PullResponse page.</summary>
    public static string Page(bool enumerate, string? context, string items, bool end)
    {
        var element = enumerate ? "n:EnumerateResponse" : "n:PullResponse";
        var itemsElement = enumerate ? "w:Items" : "n:Items";
        var endElement = enumerate ? "<w:EndOfSequence/>" : "<n:EndOfSequence/>";
        return Envelope + "<s:Header/><s:Body><" + element + ">"
            + (context is null ? string.Empty : "<n:EnumerationContext>" + context + "</n:EnumerationContext>")
            + "<" + itemsElement + ">" + items + "</" + itemsElement + ">"
            + (end ? endElement : string.Empty)
            + "</" + element + "></s:Body></s:Envelope>";
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient tcp;
            try
            {
                tcp = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }
            var number = Interlocked.Increment(ref _connectionCount);
            lock (_connections)
            {
                _connections.Add(ServeAsync(tcp, number));
            }
        }
    }

    private async Task ServeAsync(TcpClient tcp, int connection)
    {
        using var _ = tcp;
        Stream stream = tcp.GetStream();
        try
        {
            if (_certificate is not null)
            {
                var ssl = new SslStream(stream);
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, _stop.Token);
                stream = ssl;
            }
            for (var i = 0; i < MaxRequestsPerConnection && !_stop.IsCancellationRequested; i++)
            {
                var read = await ReadRequestAsync(stream, _stop.Token);
                if (read is not { } r)
                {
                    break;
                }
                var request = new HostileRequest(Interlocked.Increment(ref _requests), connection, r.Body) { Headers = r.Headers };
                await _respond(request, stream, _stop.Token);
            }
        }
        catch (Exception)
        {
            // A reset, a TLS failure, or the responder closing on purpose: the connection is over.
        }
        Interlocked.Increment(ref _closed);
        FirstClose.TrySetResult();
    }

    /// <summary>Reads one request's headers and Content-Length body; null at end of stream.</summary>
    private static async Task<(string Headers, string Body)?> ReadRequestAsync(Stream stream, CancellationToken ct)
    {
        var head = new MemoryStream();
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (head.Length > MaxHeaderBytes || await stream.ReadAsync(one, ct) == 0)
            {
                return null;
            }
            head.WriteByte(one[0]);
        }
        var headers = Encoding.ASCII.GetString(head.ToArray());
        var length = 0;
        foreach (var line in headers.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        var body = new byte[length];
        var read = 0;
        while (read < length)
        {
            var n = await stream.ReadAsync(body.AsMemory(read), ct);
            if (n == 0)
            {
                return null;
            }
            read += n;
        }
        return (headers, Encoding.UTF8.GetString(body));
    }

    private static bool EndsWithBlankLine(MemoryStream ms)
    {
        if (ms.Length < 4)
        {
            return false;
        }
        var b = ms.GetBuffer();
        var n = (int)ms.Length;
        return b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n';
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accept;
        Task[] all;
        lock (_connections)
        {
            all = _connections.ToArray();
        }
        await Task.WhenAny(Task.WhenAll(all), Task.Delay(TimeSpan.FromSeconds(10)));
        _stop.Dispose();
    }

    /// <summary>HTTP/1.1 chunked transfer coding over the connection; disposing writes the last chunk.</summary>
    private sealed class ChunkedWriter(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (buffer.Length == 0)
            {
                return;
            }
            await inner.WriteAsync(Encoding.ASCII.GetBytes(buffer.Length.ToString("X", System.Globalization.CultureInfo.InvariantCulture) + "\r\n"), cancellationToken);
            await inner.WriteAsync(buffer, cancellationToken);
            await inner.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask DisposeAsync()
        {
            await inner.WriteAsync("0\r\n\r\n"u8.ToArray());
            await inner.FlushAsync();
        }
    }
}
