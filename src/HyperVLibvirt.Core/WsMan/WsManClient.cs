using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// A WS-Management client for WinRM/WMI: Identify, Enumerate/Pull/Release (streamed), Get and Invoke over
/// HTTP(S) with Basic authentication. Thread-safe; one pooled keep-alive connection set per client.
/// </summary>
/// <remarks>
/// Responses are parsed with a forward-only <see cref="XmlReader"/> straight off the network stream (synchronous
/// reads after the headers arrived); cancellation and timeouts abort such a read by disposing the response.
/// A <c>w:TimedOut</c> fault on a Pull is retried once with the same context (spec §9.3); any other fault is thrown.
/// </remarks>
public sealed class WsManClient : IDisposable
{
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(5);

    private readonly WsManClientOptions _options;
    private readonly HttpTransport _transport;
    private readonly RequestEnvelopeWriter _writer;

    /// <summary>Creates a client. No connection is made until the first call.</summary>
    public WsManClient(WsManClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Endpoint);
        if (!options.Endpoint.IsAbsoluteUri || (options.Endpoint.Scheme != Uri.UriSchemeHttp && options.Endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("The endpoint must be an absolute http:// or https:// URL such as https://host:5986/wsman.", nameof(options));
        }
        if (options.MaxElements < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxElements must be at least 1.");
        }
        if (options.MaxEnvelopeSize < 8192)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxEnvelopeSize must be at least 8192 (WinRM's minimum).");
        }
        if (options.OperationTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "OperationTimeout must be positive.");
        }
        _options = options;
        _transport = new HttpTransport(options);
        _writer = new RequestEnvelopeWriter(options.Endpoint, options.MaxEnvelopeSize, options.OperationTimeout, options.Locale);
    }

    /// <summary>The options the client was created with.</summary>
    public WsManClientOptions Options => _options;

    /// <summary>Sends an Identify. With <paramref name="unauthenticated"/> no credentials are sent (header <c>WSMANIDENTIFY: unauthenticated</c>).</summary>
    public Task<WsManIdentity> IdentifyAsync(bool unauthenticated, CancellationToken cancellationToken) =>
        ExecuteAsync("Identify", string.Empty, RequestEnvelopeWriter.Identify(), unauthenticated, static (rr, hasBody) =>
        {
            var r = rr.Reader;
            var n = rr.Names;
            if (!hasBody || (object)r.LocalName != n.IdentifyResponse || (object)r.NamespaceURI != n.IdentityNs)
            {
                throw new MissingElementException("The response has no wsmid:IdentifyResponse.");
            }
            string protocol = string.Empty, vendor = string.Empty, version = string.Empty;
            var profiles = new List<string>();
            var depth = r.Depth;
            while (r.ReadToNextChild(depth))
            {
                if ((object)r.NamespaceURI != n.IdentityNs)
                {
                    r.SkipToEnd();
                }
                else if ((object)r.LocalName == n.ProtocolVersion)
                {
                    protocol = r.ReadText().Trim();
                }
                else if ((object)r.LocalName == n.ProductVendor)
                {
                    vendor = r.ReadText().Trim();
                }
                else if ((object)r.LocalName == n.ProductVersion)
                {
                    version = r.ReadText().Trim();
                }
                else if ((object)r.LocalName == n.SecurityProfiles)
                {
                    var pd = r.Depth;
                    while (r.ReadToNextChild(pd))
                    {
                        profiles.Add(r.ReadText().Trim());
                    }
                }
                else
                {
                    r.SkipToEnd();
                }
            }
            return new WsManIdentity(protocol, vendor, version, profiles);
        }, cancellationToken);

    /// <summary>Gets one instance by its selectors (key properties).</summary>
    public Task<CimObject> GetAsync(string resourceUri, IReadOnlyList<KeyValuePair<string, string>> selectors, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceUri);
        return ExecuteAsync("Get", resourceUri, _writer.Get(resourceUri, selectors), false, static (rr, hasBody) =>
        {
            if (!hasBody)
            {
                throw new MissingElementException("The GetResponse body is empty.");
            }
            return InstanceReader.ReadInstance(rr.Reader, rr.Names);
        }, cancellationToken);
    }

    /// <summary>
    /// Invokes a WMI method. Parameter values: string, <see cref="EndpointReference"/> (written as a:Address +
    /// a:ReferenceParameters), a sequence of strings (repeated elements), or null (omitted). Returns the
    /// <c>&lt;Method&gt;_OUTPUT</c> element; its <c>ReturnValue</c> is a property.
    /// </summary>
    public Task<CimObject> InvokeAsync(string resourceUri, string methodName, IReadOnlyList<KeyValuePair<string, string>> selectors,
        IReadOnlyList<KeyValuePair<string, object?>> parameters, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceUri);
        ArgumentException.ThrowIfNullOrEmpty(methodName);
        return ExecuteAsync(methodName, resourceUri, _writer.Invoke(resourceUri, methodName, selectors, parameters), false, (rr, hasBody) =>
        {
            if (!hasBody)
            {
                throw new MissingElementException($"The {methodName} response body is empty.");
            }
            return InstanceReader.ReadInstance(rr.Reader, rr.Names);
        }, cancellationToken);
    }

    /// <summary>
    /// Enumerates instances: Enumerate (OptimizeEnumeration + MaxElements), then Pull with the newest context until
    /// EndOfSequence. Each instance is yielded as soon as it is parsed. Stopping early (disposing the enumerator)
    /// or cancelling sends a best-effort Release.
    /// </summary>
    public IAsyncEnumerable<CimObject> EnumerateAsync(string resourceUri, string? wqlFilter, CancellationToken cancellationToken) =>
        EnumerateAsync(resourceUri, wqlFilter, WsManEnumerationMode.Objects, cancellationToken);

    /// <summary>As <see cref="EnumerateAsync(string, string?, CancellationToken)"/>, with an EnumerationMode (references instead of, or with, objects).</summary>
    /// <remarks>
    /// With <see cref="WsManClientOptions.PullAhead"/>, the next Pull is sent as soon as a page's context has been
    /// read (it precedes the items, and WinRM sends one only when more pages follow, wsman-wire spec §6.3), so the
    /// host produces page N+1 while page N is parsed and consumed. It goes out on a second pooled connection.
    /// Stopping early waits (briefly) for that Pull and releases the context it returned, so no enumeration is
    /// left open on the host.
    /// </remarks>
    public async IAsyncEnumerable<CimObject> EnumerateAsync(string resourceUri, string? wqlFilter, WsManEnumerationMode mode,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceUri);
        var fragmentClass = WqlClassName(wqlFilter) ?? WsManResourceUris.ClassNameOf(resourceUri);
        EnumerationPage? page = null;
        PullAhead? ahead = null;
        string? context = null;
        var finished = false;
        try
        {
            page = await OpenPageAsync("Enumerate", resourceUri, _writer.Enumerate(resourceUri, wqlFilter, _options.MaxElements, mode),
                fragmentClass, cancellationToken).ConfigureAwait(false);
            // Bounded: a server that never sends EndOfSequence is cut off once its pages stop bringing anything new.
            var progress = new EnumerationProgress();
            while (true)
            {
                var onPage = 0;
                CimObject? first = null;
                while (!cancellationToken.IsCancellationRequested && page.ReadNext() is { } item)
                {
                    if (ahead is null && _options.PullAhead && page.MorePagesFollow)
                    {
                        ahead = new PullAhead(this, resourceUri, page.EnumerationContext!, fragmentClass);
                    }
                    first ??= item;
                    onPage++;
                    yield return item;
                }
                // Cancelled between items (the page itself is already on its way): stop before reading on.
                cancellationToken.ThrowIfCancellationRequested();
                page.Complete();
                context = page.EnumerationContext;
                var end = page.EndOfSequence || context is null;
                page.Dispose();
                page = null;
                if (end)
                {
                    if (ahead is not null)
                    {
                        // A context and EndOfSequence in one page (not WinRM's way): the Pull sent ahead is void.
                        var stray = ahead;
                        ahead = null;
                        await stray.AbandonAsync(releaseTo: null).ConfigureAwait(false);
                    }
                    finished = true;
                    yield break;
                }
                if (progress.PageDone(onPage, first) is { } endless)
                {
                    throw new WsManProtocolException(
                        $"{WsManException.Endpoint(_transport.Host, _transport.Port)} kept the enumeration of {resourceUri} going without end: it {endless} " +
                        "and never sent EndOfSequence. The endpoint is not a genuine WinRM service, or the service is faulty; restart WinRM on the host (Restart-Service WinRM) and retry.",
                        _transport.Host, _transport.Port);
                }
                if (ahead is not null)
                {
                    var sent = ahead;
                    ahead = null;
                    page = await sent.TakeAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    page = await OpenPullPageAsync(resourceUri, context!, _options.MaxElements, fragmentClass, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            if (!finished)
            {
                string? toRelease;
                if (page is not null)
                {
                    toRelease = page.EndOfSequence ? null : page.EnumerationContext;
                    page.Dispose();
                }
                else
                {
                    toRelease = context;
                }
                if (ahead is not null)
                {
                    // The Pull sent ahead holds the newest context once the host answered it.
                    toRelease = await ahead.AbandonAsync(toRelease).ConfigureAwait(false);
                }
                if (toRelease is not null)
                {
                    await ReleaseBestEffortAsync(resourceUri, toRelease).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>Sends the Enumerate and returns its first page, buffered (low level; for tests and benchmarks).</summary>
    public async Task<WsManPullPage> BeginEnumerationAsync(string resourceUri, string? wqlFilter, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceUri);
        using var page = await OpenPageAsync("Enumerate", resourceUri, _writer.Enumerate(resourceUri, wqlFilter, _options.MaxElements, WsManEnumerationMode.Objects),
            WqlClassName(wqlFilter) ?? WsManResourceUris.ClassNameOf(resourceUri), cancellationToken).ConfigureAwait(false);
        return page.ReadAll();
    }

    /// <summary>Sends one Pull with <paramref name="enumerationContext"/> and returns the page, buffered (low level).</summary>
    public async Task<WsManPullPage> PullAsync(string resourceUri, string enumerationContext, int? maxElements, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceUri);
        ArgumentException.ThrowIfNullOrEmpty(enumerationContext);
        using var page = await OpenPullPageAsync(resourceUri, enumerationContext, maxElements ?? _options.MaxElements,
            WsManResourceUris.ClassNameOf(resourceUri), cancellationToken).ConfigureAwait(false);
        return page.ReadAll();
    }

    /// <summary>Releases an enumeration abandoned before EndOfSequence (low level).</summary>
    public Task ReleaseAsync(string resourceUri, string enumerationContext, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceUri);
        ArgumentException.ThrowIfNullOrEmpty(enumerationContext);
        return ExecuteAsync("Release", resourceUri, _writer.Release(resourceUri, enumerationContext), false, static (_, _) => true, cancellationToken);
    }

    private async Task ReleaseBestEffortAsync(string resourceUri, string context)
    {
        using var cts = new CancellationTokenSource(ReleaseTimeout < _options.OperationTimeout ? ReleaseTimeout : _options.OperationTimeout);
        try
        {
            await ReleaseAsync(resourceUri, context, cts.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Best effort: the server expires the context after EnumerationTimeoutms anyway.
        }
    }

    private async Task<EnumerationPage> OpenPullPageAsync(string resourceUri, string context, int maxElements, string? fragmentClass,
        CancellationToken cancellationToken)
    {
        var body = _writer.Pull(resourceUri, context, maxElements);
        try
        {
            return await OpenPageAsync("Pull", resourceUri, body, fragmentClass, cancellationToken).ConfigureAwait(false);
        }
        catch (WsManFaultException fault) when (fault.Fault.IsSubcode("TimedOut") || fault.WsManCode == WsManFaultException.CodeTimedOut)
        {
            // §9.3: a timed-out Pull is harmless; retry once with the same context.
            return await OpenPageAsync("Pull", resourceUri, body, fragmentClass, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<EnumerationPage> OpenPageAsync(string operation, string resourceUri, byte[] body, string? fragmentClass,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var traceEnvelopes = TraceRequest(operation, resourceUri, body);
        var response = await _transport.SendAsync(body, false, traceEnvelopes, cancellationToken).ConfigureAwait(false);
        ResponseReader? reader = null;
        try
        {
            reader = ResponseReader.Open(response.Body, out var hasBody);
            ThrowIfFault(reader, response, operation, resourceUri, started, traceEnvelopes);
            if (!hasBody)
            {
                throw new MissingElementException($"The {operation} response body is empty.");
            }
            reader.FragmentClassName = fragmentClass;
            return new EnumerationPage(this, operation, resourceUri, response, reader, started, traceEnvelopes);
        }
        catch (Exception e)
        {
            reader?.Dispose();
            var mapped = MapParseFailure(e, response, operation);
            response.Dispose();
            if (ReferenceEquals(mapped, e))
            {
                throw;
            }
            throw mapped;
        }
    }

    private async Task<T> ExecuteAsync<T>(string operation, string resourceUri, byte[] body, bool unauthenticated,
        Func<ResponseReader, bool, T> parse, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var traceEnvelopes = TraceRequest(operation, resourceUri, body);
        using var response = await _transport.SendAsync(body, unauthenticated, traceEnvelopes, cancellationToken).ConfigureAwait(false);
        try
        {
            T result;
            using (var reader = ResponseReader.Open(response.Body, out var hasBody))
            {
                ThrowIfFault(reader, response, operation, resourceUri, started, traceEnvelopes);
                result = parse(reader, hasBody);
                reader.ReadToEnd();
            }
            TraceResponse(operation, resourceUri, null, started, response, traceEnvelopes);
            return result;
        }
        catch (Exception e)
        {
            var mapped = MapParseFailure(e, response, operation);
            if (ReferenceEquals(mapped, e))
            {
                throw;
            }
            throw mapped;
        }
    }

    private void ThrowIfFault(ResponseReader reader, TransportResponse response, string operation, string resourceUri, long started, bool traceEnvelopes)
    {
        if (reader.Fault is { } fault)
        {
            TraceResponse(operation, resourceUri, null, started, response, traceEnvelopes);
            throw new WsManFaultException(fault, operation, resourceUri, _transport.Host, _transport.Port);
        }
        if (response.StatusCode != 200)
        {
            throw new WsManProtocolException(
                $"{WsManException.Endpoint(_transport.Host, _transport.Port)} answered HTTP {response.StatusCode} to {operation} without a SOAP fault. Check the WinRM service on the host.",
                _transport.Host, _transport.Port, response.StatusCode);
        }
    }

    /// <summary>Turns parser and read failures into the documented exceptions; cancellation stays cancellation.</summary>
    internal Exception MapParseFailure(Exception e, TransportResponse response, string operation)
    {
        if (e is WsManException)
        {
            return e;
        }
        if (response.UserToken.IsCancellationRequested)
        {
            return e as OperationCanceledException ?? new OperationCanceledException("The WS-Management request was cancelled.", e, response.UserToken);
        }
        var ep = WsManException.Endpoint(_transport.Host, _transport.Port);
        switch (e)
        {
            case XmlException or MissingElementException when response.BodyBeginsLikeHtml:
                return new WsManProtocolException($"{ep} answered {operation} with an HTML page (a web page) instead of a SOAP message, though it labelled it as SOAP. " +
                    "It is probably not a WinRM listener (another web server on that port) or a proxy's error page; check the host, the port and any proxy in between.",
                    _transport.Host, _transport.Port, response.StatusCode, e);
            case XmlException xe when xe.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase):
                return new WsManProtocolException($"The {operation} response from {ep} contains a DTD, which is refused (WinRM never sends one). The endpoint is not a genuine WinRM service or something in between altered the response.",
                    _transport.Host, _transport.Port, response.StatusCode, e);
            case XmlException xe:
                return new WsManProtocolException($"The {operation} response from {ep} is not well-formed or is truncated XML ({xe.Message}). Retry; if it persists, check the WinRM service and anything in between.",
                    _transport.Host, _transport.Port, response.StatusCode, e);
            case MissingElementException me:
                return new WsManProtocolException($"The {operation} response from {ep} is not a usable WS-Management message: {me.Message}",
                    _transport.Host, _transport.Port, response.StatusCode, e);
            case ResponseLimitException le:
                return new WsManProtocolException($"The {operation} response from {ep} {le.Message}",
                    _transport.Host, _transport.Port, response.StatusCode, e);
        }
        return response.MapReadFailure(e);
    }

    private bool TraceRequest(string operation, string resourceUri, byte[] body)
    {
        var trace = _options.Trace;
        if (trace is null || _options.TraceEnvelopes?.Invoke() != true)
        {
            return false;
        }
        trace(new WsManTraceEvent(WsManTraceKind.RequestEnvelope, operation, resourceUri, null, null, Encoding.UTF8.GetString(body)));
        return true;
    }

    internal void TraceResponse(string operation, string resourceUri, int? items, long started, TransportResponse response, bool traceEnvelopes)
    {
        var trace = _options.Trace;
        if (trace is null)
        {
            return;
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (traceEnvelopes && response.CapturedText is { } text)
        {
            trace(new WsManTraceEvent(WsManTraceKind.ResponseEnvelope, operation, resourceUri, items, elapsed, text));
        }
        trace(new WsManTraceEvent(WsManTraceKind.Operation, operation, resourceUri, items, elapsed, null));
    }

    /// <summary>The class after FROM in a WQL SELECT, used to name <c>w:XmlFragment</c> items.</summary>
    internal static string? WqlClassName(string? wql)
    {
        if (string.IsNullOrWhiteSpace(wql))
        {
            return null;
        }
        var span = wql.AsSpan();
        var i = 0;
        while (true)
        {
            var at = span[i..].IndexOf("FROM", StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return null;
            }
            at += i;
            var before = at == 0 || char.IsWhiteSpace(span[at - 1]);
            var after = at + 4 < span.Length && char.IsWhiteSpace(span[at + 4]);
            if (before && after)
            {
                var rest = span[(at + 4)..].TrimStart();
                var len = 0;
                while (len < rest.Length && (char.IsLetterOrDigit(rest[len]) || rest[len] == '_'))
                {
                    len++;
                }
                return len == 0 ? null : rest[..len].ToString();
            }
            i = at + 4;
        }
    }

    /// <summary>Closes the connections.</summary>
    public void Dispose() => _transport.Dispose();

    /// <summary>
    /// A Pull sent before the current page was finished. It runs on its own token source, not the caller's, so
    /// that when the caller stops or cancels, the answer can still be awaited (briefly) and its context released.
    /// </summary>
    private sealed class PullAhead
    {
        private readonly CancellationTokenSource _cts = new();
        private readonly Task<EnumerationPage> _pull;

        public PullAhead(WsManClient client, string resourceUri, string context, string? fragmentClass)
        {
            _pull = client.OpenPullPageAsync(resourceUri, context, client._options.MaxElements, fragmentClass, _cts.Token);
        }

        /// <summary>The next page; cancelling <paramref name="cancellationToken"/> also aborts the Pull.</summary>
        public async Task<EnumerationPage> TakeAsync(CancellationToken cancellationToken)
        {
            var registration = cancellationToken.Register(static s => ((CancellationTokenSource)s!).Cancel(), _cts);
            try
            {
                return await _pull.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
            finally
            {
                // The registration first: it waits for a running callback, which must not meet a disposed source.
                registration.Dispose();
                _cts.Dispose();
            }
        }

        /// <summary>
        /// Gives the Pull up: waits (bounded) for its answer and returns the context to release, which is the one
        /// the host returned, or <paramref name="releaseTo"/> when there is no answer. Never throws.
        /// </summary>
        public async Task<string?> AbandonAsync(string? releaseTo)
        {
            try
            {
                _cts.CancelAfter(ReleaseTimeout);
                using var page = await _pull.ConfigureAwait(false);
                // The context precedes the items: reading one item is enough to learn it.
                _ = page.ReadNext();
                return page.EndOfSequence ? null : page.EnumerationContext;
            }
            catch (Exception)
            {
                // No answer (timed out, fault, network): the host may not have seen it; release what we had.
                return releaseTo;
            }
            finally
            {
                _cts.Dispose();
            }
        }
    }

    /// <summary>One streamed EnumerateResponse/PullResponse.</summary>
    private sealed class EnumerationPage : IDisposable
    {
        private readonly WsManClient _client;
        private readonly string _operation;
        private readonly string _resourceUri;
        private readonly TransportResponse _response;
        private readonly ResponseReader _reader;
        private readonly long _started;
        private readonly bool _traceEnvelopes;
        private int _count;
        private bool _traced;
        private bool _disposed;

        public EnumerationPage(WsManClient client, string operation, string resourceUri, TransportResponse response, ResponseReader reader,
            long started, bool traceEnvelopes)
        {
            _client = client;
            _operation = operation;
            _resourceUri = resourceUri;
            _response = response;
            _reader = reader;
            _started = started;
            _traceEnvelopes = traceEnvelopes;
        }

        public string? EnumerationContext => _reader.EnumerationContext;

        public bool EndOfSequence => _reader.EndOfSequence;

        /// <summary>True once a non-empty context was read and no EndOfSequence yet: WinRM sends a context only when more pages follow.</summary>
        public bool MorePagesFollow => _reader.EnumerationContext is not null && !_reader.EndOfSequence;

        public CimObject? ReadNext()
        {
            try
            {
                _response.ResumeTimeout();
                var item = _reader.ReadNextItem();
                if (item is not null)
                {
                    _count++;
                    _response.PauseTimeout();
                }
                return item;
            }
            catch (Exception e)
            {
                var mapped = _client.MapParseFailure(e, _response, _operation);
                if (ReferenceEquals(mapped, e))
                {
                    throw;
                }
                throw mapped;
            }
        }

        /// <summary>Reads past the page to the end of the document (detects truncation) and traces it.</summary>
        public void Complete()
        {
            try
            {
                _reader.ReadToEnd();
            }
            catch (Exception e)
            {
                throw _client.MapParseFailure(e, _response, _operation);
            }
            _traced = true;
            _client.TraceResponse(_operation, _resourceUri, _count, _started, _response, _traceEnvelopes);
        }

        public WsManPullPage ReadAll()
        {
            var items = new List<CimObject>();
            while (ReadNext() is { } item)
            {
                items.Add(item);
            }
            Complete();
            return new WsManPullPage(items, EnumerationContext, EndOfSequence);
        }

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            if (!_traced)
            {
                // The consumer stopped inside this page (e.g. Select-Object -First 1): still one trace line per operation.
                _traced = true;
                _client.TraceResponse(_operation, _resourceUri, _count, _started, _response, traceEnvelopes: false);
            }
            _reader.Dispose();
            _response.Dispose();
        }
    }
}
