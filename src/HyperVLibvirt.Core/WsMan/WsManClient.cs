namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// A WS-Management client for WinRM/WMI: Identify, Enumerate/Pull/Release (streamed), Get and Invoke over
/// HTTP(S) with Basic, Negotiate, Kerberos or NTLM authentication and WinRM message encryption. Thread-safe; one pooled keep-alive connection set per client.
/// Every call takes the trace sink that hears about it (null: none).
/// </summary>
/// <remarks>
/// Responses are parsed with a forward-only XmlReader straight off the network stream (synchronous
/// reads after the headers arrived); cancellation and timeouts abort such a read by disposing the response.
/// Inside: client → enumeration → exchange → HTTP transport → response; each failure is mapped by
/// <see cref="WsManFailureMapper"/>, and nothing calls back up.
/// </remarks>
public sealed class WsManClient : IDisposable
{
    private readonly HttpTransport _transport;
    private readonly RequestEnvelopeWriter _writer;
    private readonly WsManExchange _exchange;
    private readonly WsManEnumeration _enumeration;

    /// <summary>Creates a client for <paramref name="endpoint"/> (<c>http(s)://host:port/wsman</c>). No connection is made until the first call.</summary>
    /// <param name="endpoint">The WinRM endpoint.</param>
    /// <param name="credential">Credentials for HTTP Basic (a user name may be <c>DOMAIN\user</c>); never logged or put in messages. Null sends none.</param>
    /// <param name="settings">TLS choices, timeouts and paging; null for the defaults.</param>
    public WsManClient(Uri endpoint, System.Net.NetworkCredential? credential, WsManSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("The endpoint must be an absolute http:// or https:// URL such as https://host:5986/wsman.", nameof(endpoint));
        }
        settings ??= new WsManSettings();
        settings.Validate();
        Settings = settings;
        var certificates = new CertificateValidation(settings.SkipCACheck, settings.SkipCNCheck, settings.CertificateThumbprint);
        var failures = new WsManFailureMapper(endpoint, settings, certificates);
        // Read before anything is sent: a CA file that cannot be used fails the connect at once, with its own error.
        var trustedRoots = settings.CACertificateFile is { Length: > 0 } caFile ? CACertificateFile.Load(caFile) : null;
        _transport = new HttpTransport(credential, settings, certificates, failures, trustedRoots);
        _writer = new RequestEnvelopeWriter(endpoint, settings.MaxEnvelopeSize, settings.OperationTimeout, settings.Locale);
        _exchange = new WsManExchange(_transport, failures);
        _enumeration = new WsManEnumeration(_exchange, _writer, settings);
    }

    /// <summary>The settings the client was created with.</summary>
    public WsManSettings Settings { get; }

    /// <summary>The authentication scheme in use ("Basic", "Negotiate", "Kerberos" or "NTLM"; under Negotiate, the package it chose), or null before the first authenticated call.</summary>
    public string? AuthenticationInUse => _transport.SchemeInUse;

    /// <summary>Whether messages are sealed with the session key (WinRM message encryption).</summary>
    public bool EncryptsMessages => _transport.EncryptsMessages;

    /// <summary>How many connection-authenticated connections (each one handshake) were opened so far.</summary>
    public int AuthenticatedConnectionCount => _transport.AuthenticatedConnections;

    /// <summary>
    /// Logs on ahead of the first call where the scheme authenticates a connection (Negotiate, Kerberos, NTLM), with no
    /// envelope; returns false where only a request can prove the credentials (Basic, none).
    /// </summary>
    public Task<bool> AuthenticateAsync(CancellationToken cancellationToken) => _transport.AuthenticateAsync(cancellationToken);

    /// <summary>Sends an Identify. With <paramref name="unauthenticated"/> no credentials are sent (header <c>WSMANIDENTIFY: unauthenticated</c>).</summary>
    public Task<WsManIdentity> IdentifyAsync(bool unauthenticated, IWsManTrace? trace, CancellationToken cancellationToken) =>
        _exchange.ExecuteAsync("Identify", string.Empty, RequestEnvelopeWriter.Identify(), unauthenticated, WsManIdentity.Read, trace, cancellationToken);

    /// <summary>Gets one instance by its selectors (key properties).</summary>
    public Task<CimObject> GetAsync(string resourceUri, IReadOnlyList<KeyValuePair<string, string>> selectors, IWsManTrace? trace,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceUri);
        return _exchange.ExecuteAsync("Get", resourceUri, _writer.Get(resourceUri, selectors), false, static (rr, hasBody) =>
        {
            if (!hasBody)
            {
                throw new MissingElementException("The GetResponse body is empty.");
            }
            return InstanceReader.ReadInstance(rr.Reader, rr.Names);
        }, trace, cancellationToken);
    }

    /// <summary>
    /// Invokes a WMI method. Parameter values: string, <see cref="EndpointReference"/> (written as a:Address +
    /// a:ReferenceParameters), <see cref="EmbeddedInstance"/> (CIM-XML text in CDATA), a sequence (repeated elements), or null (omitted). Returns the
    /// <c>&lt;Method&gt;_OUTPUT</c> element; its <c>ReturnValue</c> is a property.
    /// </summary>
    public Task<CimObject> InvokeAsync(string resourceUri, string methodName, IReadOnlyList<KeyValuePair<string, string>> selectors,
        IReadOnlyList<KeyValuePair<string, object?>> parameters, IWsManTrace? trace, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceUri);
        ArgumentException.ThrowIfNullOrEmpty(methodName);
        return Invoke(resourceUri, methodName, _writer.Invoke(resourceUri, methodName, selectors, parameters), ResponseLimitException.MaxValueChars,
            trace, cancellationToken);
    }

    /// <summary>
    /// As <see cref="InvokeAsync(string, string, IReadOnlyList{KeyValuePair{string, string}}, IReadOnlyList{KeyValuePair{string, object}}, IWsManTrace, CancellationToken)"/>,
    /// for this call only asking for answers of up to <paramref name="maxEnvelopeSize"/> octets (<c>w:MaxEnvelopeSize</c>, DMTF DSP0226 section 6.2
    /// and MS-WSMV 3.1.4.1.7; the host still caps it at its MaxEnvelopeSizekb) and reading a property value as long as such an answer holds.
    /// For one large out-parameter, such as a full-size thumbnail image, on a host whose limit was raised.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxEnvelopeSize"/> is below 8192 (WinRM's minimum) or above the client's MaxResponseBytes.</exception>
    public Task<CimObject> InvokeAsync(string resourceUri, string methodName, IReadOnlyList<KeyValuePair<string, string>> selectors,
        IReadOnlyList<KeyValuePair<string, object?>> parameters, int maxEnvelopeSize, IWsManTrace? trace, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceUri);
        ArgumentException.ThrowIfNullOrEmpty(methodName);
        if (maxEnvelopeSize < WsManSettings.MinEnvelopeSize || maxEnvelopeSize > Settings.MaxResponseBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(maxEnvelopeSize), maxEnvelopeSize,
                $"The envelope size must be between {WsManSettings.MinEnvelopeSize} octets (WinRM's minimum) and {Settings.MaxResponseBytes} (the most this client reads of one answer).");
        }
        // A value cannot be longer than the envelope that carries it: each character takes at least one octet.
        var maxValueChars = Math.Max(ResponseLimitException.MaxValueChars, maxEnvelopeSize);
        return Invoke(resourceUri, methodName, _writer.Invoke(resourceUri, methodName, selectors, parameters, maxEnvelopeSize), maxValueChars,
            trace, cancellationToken);
    }

    private Task<CimObject> Invoke(string resourceUri, string methodName, byte[] request, int maxValueChars, IWsManTrace? trace,
        CancellationToken cancellationToken) =>
        _exchange.ExecuteAsync(methodName, resourceUri, request, false, (rr, hasBody) =>
        {
            if (!hasBody)
            {
                throw new MissingElementException($"The {methodName} response body is empty.");
            }
            rr.MaxValueChars = maxValueChars;
            return InstanceReader.ReadInstance(rr.Reader, rr.Names);
        }, trace, cancellationToken);

    /// <summary>
    /// Enumerates instances: Enumerate (OptimizeEnumeration + MaxElements), then Pull with the newest context until
    /// EndOfSequence. Each instance is yielded as soon as it is parsed. Stopping early (disposing the enumerator)
    /// or cancelling sends a best-effort Release.
    /// </summary>
    public IAsyncEnumerable<CimObject> EnumerateAsync(string resourceUri, string? wqlFilter, IWsManTrace? trace, CancellationToken cancellationToken) =>
        EnumerateAsync(resourceUri, wqlFilter, WsManEnumerationMode.Objects, trace, cancellationToken);

    /// <summary>As <see cref="EnumerateAsync(string, string?, IWsManTrace?, CancellationToken)"/>, with an EnumerationMode (references instead of, or with, objects).</summary>
    public IAsyncEnumerable<CimObject> EnumerateAsync(string resourceUri, string? wqlFilter, WsManEnumerationMode mode, IWsManTrace? trace,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceUri);
        return _enumeration.EnumerateAsync(resourceUri, wqlFilter, mode, trace, cancellationToken);
    }

    /// <summary>Sends the Enumerate and returns its first page, buffered (low level; for tests and benchmarks).</summary>
    public async Task<WsManPullPage> BeginEnumerationAsync(string resourceUri, string? wqlFilter, IWsManTrace? trace, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceUri);
        var body = _writer.Enumerate(resourceUri, wqlFilter, Settings.MaxElements, WsManEnumerationMode.Objects);
        using var page = await _exchange.OpenPageAsync("Enumerate", resourceUri, body,
            WsManEnumeration.WqlClassName(wqlFilter) ?? WsManResourceUris.ClassNameOf(resourceUri), trace, cancellationToken).ConfigureAwait(false);
        return page.ReadAll();
    }

    /// <summary>Sends one Pull with <paramref name="enumerationContext"/> and returns the page, buffered (low level).</summary>
    public async Task<WsManPullPage> PullAsync(string resourceUri, string enumerationContext, int? maxElements, IWsManTrace? trace,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceUri);
        ArgumentException.ThrowIfNullOrEmpty(enumerationContext);
        using var page = await _enumeration.OpenPullPageAsync(resourceUri, enumerationContext, maxElements ?? Settings.MaxElements,
            WsManResourceUris.ClassNameOf(resourceUri), trace, cancellationToken).ConfigureAwait(false);
        return page.ReadAll();
    }

    /// <summary>Releases an enumeration abandoned before EndOfSequence (low level).</summary>
    public Task ReleaseAsync(string resourceUri, string enumerationContext, IWsManTrace? trace, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceUri);
        ArgumentException.ThrowIfNullOrEmpty(enumerationContext);
        return _enumeration.ReleaseAsync(resourceUri, enumerationContext, trace, cancellationToken);
    }

    /// <summary>Closes the connections.</summary>
    public void Dispose() => _transport.Dispose();
}
