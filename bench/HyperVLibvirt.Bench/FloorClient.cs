using System.Net;
using System.Net.Http.Headers;
using System.Text;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Bench;

/// <summary>
/// The floor of B1: the same Enumerate and Pull envelopes our client sends (same MaxElements, same
/// envelope size and timeout), over one keep-alive HttpClient, draining each response's bytes
/// without parsing them. The only look inside is a byte search for the next enumeration context,
/// which any client needs to ask for the next page.
/// </summary>
public sealed class FloorClient : IDisposable
{
    private const int MaxPages = 1_000_000;
    private static readonly byte[] ContextTag = Encoding.ASCII.GetBytes("EnumerationContext>");

    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly AuthenticationHeaderValue _authorization;
    private readonly RequestEnvelopeWriter _writer;
    private readonly string _resourceUri;
    private readonly string _wql;
    private readonly int _maxElements;
    private readonly byte[] _buffer = new byte[64 * 1024];

    /// <summary>Creates a floor client with the same defaults as <see cref="WsManSettings"/>.</summary>
    public FloorClient(Uri endpoint, string userName, string password, string resourceUri, string wql)
    {
        var defaults = new WsManSettings();
        _endpoint = endpoint;
        _resourceUri = resourceUri;
        _wql = wql;
        _maxElements = defaults.MaxElements;
        _writer = new RequestEnvelopeWriter(endpoint, defaults.MaxEnvelopeSize, defaults.OperationTimeout, defaults.Locale);
        _authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(userName + ":" + password)));
        _http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
        }, disposeHandler: true)
        { Timeout = TimeSpan.FromSeconds(120) };
    }

    /// <summary>Requests sent by the last <see cref="Run"/>.</summary>
    public int Requests { get; private set; }

    /// <summary>Response body bytes read by the last <see cref="Run"/>.</summary>
    public long Bytes { get; private set; }

    /// <summary>When set, every response body of the next run is kept here (for parse-only profiling).</summary>
    public List<byte[]>? Captured { get; set; }

    /// <summary>Runs one whole enumeration; blocks (PowerShell calls it).</summary>
    public long Run() => RunAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Runs one whole enumeration and returns the body bytes read.</summary>
    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        Requests = 0;
        Bytes = 0;
        var body = _writer.Enumerate(_resourceUri, _wql, _maxElements, WsManEnumerationMode.Objects);
        for (var page = 0; page < MaxPages; page++)
        {
            var context = await SendAsync(body, cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(context))
            {
                return Bytes;
            }
            body = _writer.Pull(_resourceUri, context, _maxElements);
        }
        throw new InvalidOperationException("The enumeration did not end.");
    }

    private async Task<string?> SendAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Version = HttpVersion.Version11 };
        request.Headers.Authorization = _authorization;
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/soap+xml;charset=UTF-8");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The floor request got HTTP {(int)response.StatusCode}.");
        }
        Requests++;
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        string? context = null;
        var first = true;
        var capture = Captured is null ? null : new MemoryStream();
        int read;
        while ((read = await stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            Bytes += read;
            capture?.Write(_buffer, 0, read);
            if (first)
            {
                // Both responses put the context before the items, well inside the first read.
                context = FindContext(_buffer.AsSpan(0, read));
                first = false;
            }
        }
        if (capture is not null)
        {
            Captured!.Add(capture.ToArray());
        }
        return context;
    }

    private static string? FindContext(ReadOnlySpan<byte> head)
    {
        var at = head.IndexOf(ContextTag);
        if (at < 0)
        {
            return null;
        }
        var rest = head[(at + ContextTag.Length)..];
        var end = rest.IndexOf((byte)'<');
        return end <= 0 ? null : Encoding.UTF8.GetString(rest[..end]);
    }

    /// <summary>Closes the connection.</summary>
    public void Dispose() => _http.Dispose();
}
