using System.Diagnostics;
using System.Net;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// A response whose body is being read: the counting body stream plus the timers. Cancelling (the caller's
/// token or the operation timeout) disposes the HTTP response, which aborts a blocked read at once.
/// </summary>
internal sealed class TransportResponse : IDisposable
{
    private const int CaptureLimit = 1024 * 1024;

    private readonly WsManFailureMapper _failures;
    private readonly TimeSpan _httpTimeout;
    private readonly HttpResponseMessage _response;
    // The request's one source: cancelled by the caller (linked) or by the timeout.
    private readonly CancellationTokenSource _timeout;
    private CancellationTokenRegistration _abort;
    // Gives the connection back once the body was read (a connection-authenticated one carries one response at a time).
    private Action? _onDispose;
    private Timer? _watchdog;
    private long _readingSince;
    private volatile bool _disposed;

    private TransportResponse(WsManFailureMapper failures, TimeSpan httpTimeout, HttpResponseMessage response,
        CancellationTokenSource timeout, CancellationToken userToken)
    {
        _failures = failures;
        _httpTimeout = httpTimeout;
        _response = response;
        _timeout = timeout;
        UserToken = userToken;
        StatusCode = (int)response.StatusCode;
        Body = Stream.Null;
    }

    /// <summary>The HTTP status (200, or 400/500 carrying a fault).</summary>
    public int StatusCode { get; }

    /// <summary>The body, counted against MaxResponseBytes.</summary>
    public Stream Body { get; private set; }

    /// <summary>True when the body began like an HTML page.</summary>
    public bool BodyBeginsLikeHtml => (Body as CountingStream)?.BeginsLikeHtml == true;

    /// <summary>The caller's token.</summary>
    public CancellationToken UserToken { get; }

    /// <summary>The captured body text for debug tracing, or null.</summary>
    public string? CapturedText => (Body as CountingStream)?.Capture is { } ms
        ? System.Text.Encoding.UTF8.GetString(ms.GetBuffer(), 0, (int)ms.Length) + (ms.Length >= CaptureLimit ? "…(truncated)" : string.Empty)
        : null;

    public static async Task<TransportResponse> CreateAsync(WsManFailureMapper failures, WsManSettings settings, HttpResponseMessage response,
        CancellationTokenSource timeout, CancellationToken userToken, bool capture, Action? onDispose = null)
    {
        var tr = new TransportResponse(failures, settings.HttpTimeout, response, timeout, userToken) { _onDispose = onDispose };
        try
        {
            await tr.InitializeAsync(settings.MaxResponseBytes, capture).ConfigureAwait(false);
            return tr;
        }
        catch
        {
            tr.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads a whole encrypted response (within MaxResponseBytes), unseals it with <paramref name="context"/> and serves the SOAP
    /// from memory. A response that should be encrypted and is not is refused unread (MS-WSMV 3.1.4.1.29.1).
    /// </summary>
    public static async Task<TransportResponse> CreateUnsealedAsync(WsManFailureMapper failures, WsManSettings settings, HttpResponseMessage response,
        SecurityContext context, CancellationTokenSource timeout, CancellationToken userToken, bool capture)
    {
        var tr = new TransportResponse(failures, settings.HttpTimeout, response, timeout, userToken);
        try
        {
            await tr.InitializeUnsealedAsync(settings.MaxResponseBytes, capture, context).ConfigureAwait(false);
            return tr;
        }
        catch
        {
            tr.Dispose();
            throw;
        }
    }

    private async Task InitializeUnsealedAsync(long maxBytes, bool capture, SecurityContext context)
    {
        var status = StatusCode;
        var mediaType = _response.Content.Headers.ContentType?.MediaType;
        var length = _response.Content.Headers.ContentLength;
        CheckStatusAndLength(status, length, maxBytes);
        if (!string.Equals(mediaType, "multipart/encrypted", StringComparison.OrdinalIgnoreCase))
        {
            throw _failures.UnencryptedResponse(mediaType, status);
        }

        _abort = _timeout.Token.Register(static s => ((HttpResponseMessage)s!).Dispose(), _response);
        var sealedBody = new MemoryStream(length is > 0 and < int.MaxValue ? (int)length : 16 * 1024);
        try
        {
            var raw = await _response.Content.ReadAsStreamAsync(_timeout.Token).ConfigureAwait(false);
            using var counting = new CountingStream(raw, maxBytes, TooLarge, 0);
            await counting.CopyToAsync(sealedBody, _timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not WsManException)
        {
            throw _failures.MapTransport(e, UserToken, _timeout, connecting: false);
        }

        byte[] plaintext;
        try
        {
            plaintext = context.Unseal(sealedBody.GetBuffer().AsSpan(0, (int)sealedBody.Length), out _);
        }
        catch (SessionCryptoException e)
        {
            throw _failures.EncryptionFailed(e.Message);
        }
        if (plaintext.Length == 0)
        {
            throw status == 500 ? _failures.EmptyServerError(status) : _failures.UnexpectedStatus(status, _response.ReasonPhrase);
        }
        Body = new CountingStream(new MemoryStream(plaintext, writable: false), maxBytes, TooLarge, capture ? CaptureLimit : 0);
    }

    // WinRM answers SOAP with 200, or with 400/500 carrying a fault; anything else, an announced body over the
    // limit, or an empty fault is refused before a byte of the body is read.
    private void CheckStatusAndLength(int status, long? length, long maxBytes)
    {
        if (status != 200 && status != 400 && status != 500)
        {
            throw _failures.UnexpectedStatus(status, _response.ReasonPhrase);
        }
        if (length > maxBytes)
        {
            throw _failures.TooLarge(maxBytes, status);
        }
        if (status != 200 && length == 0)
        {
            throw status == 500 ? _failures.EmptyServerError(status) : _failures.UnexpectedStatus(status, _response.ReasonPhrase);
        }
    }

    private async Task InitializeAsync(long maxBytes, bool capture)
    {
        var status = StatusCode;
        var mediaType = _response.Content.Headers.ContentType?.MediaType;
        var length = _response.Content.Headers.ContentLength;

        CheckStatusAndLength(status, length, maxBytes);
        if (mediaType is not null && !IsXml(mediaType))
        {
            if (status != 200 && length is null && mediaType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase))
            {
                throw _failures.UnexpectedStatus(status, _response.ReasonPhrase);
            }
            throw _failures.WrongContentType(mediaType, status);
        }

        _abort = _timeout.Token.Register(static s => ((HttpResponseMessage)s!).Dispose(), _response);
        Stream raw;
        try
        {
            raw = await _response.Content.ReadAsStreamAsync(_timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw _failures.MapTransport(e, UserToken, _timeout, connecting: false);
        }
        var counting = new CountingStream(raw, maxBytes, TooLarge, capture ? CaptureLimit : 0);
        Body = counting;

        if (status != 200)
        {
            // Error bodies are small faults: buffer them, so an empty body can be told from a fault.
            var buffer = new MemoryStream();
            try
            {
                await counting.CopyToAsync(buffer, _timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not WsManException)
            {
                throw _failures.MapTransport(e, UserToken, _timeout, connecting: false);
            }
            if (buffer.Length == 0 || IsAllWhitespace(buffer))
            {
                throw status == 500 ? _failures.EmptyServerError(status) : _failures.UnexpectedStatus(status, _response.ReasonPhrase);
            }
            buffer.Position = 0;
            Body = new CountingStream(buffer, maxBytes, TooLarge, capture ? CaptureLimit : 0);
            counting.Dispose();
        }
    }

    private static bool IsAllWhitespace(MemoryStream ms)
    {
        var span = ms.GetBuffer().AsSpan(0, (int)ms.Length);
        foreach (var b in span)
        {
            if (b is not ((byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t'))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsXml(string mediaType) =>
        mediaType.Equals("application/soap+xml", StringComparison.OrdinalIgnoreCase)
        || mediaType.Equals("text/xml", StringComparison.OrdinalIgnoreCase)
        || mediaType.Equals("application/xml", StringComparison.OrdinalIgnoreCase);

    private WsManProtocolException TooLarge(long limit) => _failures.TooLarge(limit, StatusCode);

    /// <summary>
    /// Stops the operation timer while the consumer holds an instance, so slow pipeline work is not counted as
    /// server time; <see cref="ResumeTimeout"/> restarts it (fresh) before the next read.
    /// </summary>
    /// <remarks>
    /// Both run once per instance, so after the first pause they only set a timestamp: re-arming the
    /// timer each time cost more than parsing some instances. A watchdog (one per response, ticking
    /// at most every second) cancels once the reader has been reading, not paused, for the timeout.
    /// </remarks>
    public void PauseTimeout()
    {
        if (_disposed)
        {
            return;
        }
        if (_watchdog is null)
        {
            _timeout.CancelAfter(Timeout.InfiniteTimeSpan);
            var period = TimeSpan.FromTicks(Math.Clamp(_httpTimeout.Ticks / 8, TimeSpan.TicksPerMillisecond, TimeSpan.TicksPerSecond));
            _watchdog = new Timer(static s => ((TransportResponse)s!).CheckTimeout(), this, period, period);
        }
        Volatile.Write(ref _readingSince, 0);
    }

    /// <summary>Restarts the operation timer before reading on.</summary>
    public void ResumeTimeout()
    {
        if (_disposed || _timeout.IsCancellationRequested)
        {
            return;
        }
        if (_watchdog is null)
        {
            _timeout.CancelAfter(_httpTimeout);
        }
        else
        {
            Volatile.Write(ref _readingSince, Stopwatch.GetTimestamp());
        }
    }

    private void CheckTimeout()
    {
        var since = Volatile.Read(ref _readingSince);
        if (since == 0 || _disposed || Stopwatch.GetElapsedTime(since) < _httpTimeout)
        {
            return;
        }
        try
        {
            _timeout.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Disposed meanwhile: the response is finished anyway.
        }
    }

    /// <summary>Maps a failure met while reading or parsing the body of <paramref name="operation"/>'s response.</summary>
    public Exception MapReadFailure(Exception e, string operation) => _failures.MapRead(e, operation, StatusCode, BodyBeginsLikeHtml, UserToken, _timeout);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _watchdog?.Dispose();
        _abort.Dispose();
        Body.Dispose();
        _response.Dispose();
        _timeout.Dispose();
        Interlocked.Exchange(ref _onDispose, null)?.Invoke();
    }
}
