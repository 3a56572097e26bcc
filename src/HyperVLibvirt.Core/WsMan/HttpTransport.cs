using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// HTTP(S) POSTs to the WinRM endpoint. Basic (and unauthenticated Identify) go over one pooled keep-alive client;
/// Negotiate, Kerberos and NTLM authenticate a connection, so they go over <see cref="AuthenticatedConnection"/>s, each
/// with its handshake and, over HTTP, WinRM message encryption. The scheme is chosen from the settings, or (Default) from
/// the host's 401. Failures are mapped by <see cref="WsManFailureMapper"/>.
/// </summary>
internal sealed class HttpTransport : IDisposable
{
    private const string SoapContentType = "application/soap+xml;charset=UTF-8";

    private readonly WsManSettings _settings;
    private readonly WsManFailureMapper _failures;
    private readonly HttpClient _http;
    private readonly NetworkCredential? _credential;
    private readonly BasicAuthentication? _basic;
    private readonly ConnectionPool _pool;
    private readonly NegotiateHandshake _handshake;
    private readonly bool _https;
    private volatile bool _authAccepted;
    private volatile bool _basicOffered;
    // Set once any response arrived: a later reset is a broken connection, not a transport that never matched.
    private volatile bool _answered;
    // The scheme in use: the settings' choice, or Default until the host's 401 decided it.
    private volatile int _mechanism;
    private volatile string? _packageInUse;

    public HttpTransport(NetworkCredential? credential, WsManSettings settings, CertificateValidation certificates, WsManFailureMapper failures,
        X509Certificate2Collection? trustedRoots)
    {
        _settings = settings;
        _failures = failures;
        _credential = credential;
        _https = failures.Endpoint.Scheme == Uri.UriSchemeHttps;
        _basic = credential is { } c ? new BasicAuthentication(c) : null;
        _mechanism = (int)settings.Authentication;
        _http = new HttpClient(HttpHandlerFactory.Create(settings, certificates, trustedRoots), disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan, // per-request timeouts below also cover reading the body
        };
        _pool = new ConnectionPool(onConnect => new HttpClient(HttpHandlerFactory.Create(settings, certificates, trustedRoots, onConnect), disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        });
        _handshake = new NegotiateHandshake(failures, credential, settings.ServicePrincipalName ?? "HTTP/" + failures.Endpoint.IdnHost);
    }

    /// <summary>The scheme in use ("Basic", "Negotiate", "Kerberos", "NTLM"), or null before the host was asked.</summary>
    public string? SchemeInUse => (AuthenticationMechanism)_mechanism switch
    {
        AuthenticationMechanism.Basic => _authAccepted || _basicOffered ? "Basic" : null,
        AuthenticationMechanism.Default => null,
        _ => _packageInUse,
    };

    /// <summary>Whether bodies are sealed with the session key.</summary>
    public bool EncryptsMessages => (AuthenticationMechanism)_mechanism is not (AuthenticationMechanism.Basic or AuthenticationMechanism.Default) && Encrypt;

    /// <summary>How many authenticated connections (each a handshake) were opened.</summary>
    public int AuthenticatedConnections => _pool.Opened;

    private bool Encrypt => _settings.MessageEncryption switch
    {
        MessageEncryption.Always => true,
        MessageEncryption.Never => false,
        _ => !_https,
    };

    /// <summary>
    /// Logs on without sending an envelope when the scheme authenticates a connection (Negotiate, Kerberos, NTLM): the
    /// handshake alone proves the credentials. Returns false for Basic (or no credentials), where only a request can.
    /// </summary>
    public async Task<bool> AuthenticateAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var timeoutCts = cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
            : new CancellationTokenSource();
        timeoutCts.CancelAfter(_settings.HttpTimeout);
        var mechanism = (AuthenticationMechanism)_mechanism;
        if (mechanism == AuthenticationMechanism.Basic || _credential is null && mechanism == AuthenticationMechanism.Default)
        {
            return false;
        }
        var connection = _pool.Take();
        try
        {
            return connection.IsAuthenticated || await LogOnAsync(connection, mechanism, timeoutCts, cancellationToken).ConfigureAwait(false);
        }
        catch (SchemeNotOfferedSignal signal)
        {
            connection.Broken = true;
            throw _failures.SchemeNotOffered(signal.Scheme, signal.Offered);
        }
        catch
        {
            connection.Broken = true;
            throw;
        }
        finally
        {
            _pool.Return(connection);
        }
    }

    /// <summary>
    /// Sends one envelope and returns the response once its headers arrived (status 200 or an error status whose
    /// body is a SOAP fault); an encrypted response is already unsealed. Authentication and other HTTP errors are thrown here.
    /// </summary>
    public async Task<TransportResponse> SendAsync(byte[] body, bool unauthenticatedIdentify, bool captureResponse, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // One source per request for both ends of it: the caller's cancellation (linked in) and the timeout (its timer).
        // Which of them fired is told by the caller's token, which the failure mapper asks first.
        var timeoutCts = cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
            : new CancellationTokenSource();
        timeoutCts.CancelAfter(_settings.HttpTimeout);
        try
        {
            var mechanism = (AuthenticationMechanism)_mechanism;
            if (unauthenticatedIdentify || mechanism == AuthenticationMechanism.Basic || _credential is null && mechanism == AuthenticationMechanism.Default)
            {
                return await SendPlainAsync(body, unauthenticatedIdentify, captureResponse, timeoutCts, cancellationToken).ConfigureAwait(false);
            }
            try
            {
                return await SendAuthenticatedAsync(mechanism, body, captureResponse, timeoutCts, cancellationToken).ConfigureAwait(false)
                    // Default found a host that wants Basic, or no authentication: the plain client takes over.
                    ?? await SendPlainAsync(body, false, captureResponse, timeoutCts, cancellationToken).ConfigureAwait(false);
            }
            catch (SchemeNotOfferedSignal signal)
            {
                throw _failures.SchemeNotOffered(signal.Scheme, signal.Offered);
            }
        }
        catch
        {
            timeoutCts.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Logs <paramref name="connection"/> on. Default starts the strongest scheme, Negotiate, at once (its first leg is an
    /// empty POST, so nothing of the envelope crosses in clear) and learns from the host's answer: a 401 without Negotiate
    /// lists what is offered (then Kerberos, and Basic only when it is the only one); a 200 with no challenge at all means
    /// the host wants no authentication. Returns false when the plain client is to take over (Basic, or none).
    /// </summary>
    private async Task<bool> LogOnAsync(AuthenticatedConnection connection, AuthenticationMechanism mechanism, CancellationTokenSource timeoutCts,
        CancellationToken userToken)
    {
        if (mechanism != AuthenticationMechanism.Default)
        {
            await AuthenticateAsync(connection, mechanism, optimistic: false, timeoutCts.Token, userToken, timeoutCts).ConfigureAwait(false);
            return true;
        }
        try
        {
            await AuthenticateAsync(connection, AuthenticationMechanism.Negotiate, optimistic: true, timeoutCts.Token, userToken, timeoutCts).ConfigureAwait(false);
            _mechanism = (int)AuthenticationMechanism.Negotiate;
            return true;
        }
        catch (NoAuthenticationSignal)
        {
            if (_settings.MessageEncryption == MessageEncryption.Always)
            {
                throw _failures.SchemeNotOffered("Negotiate", [], ", and without a session there is nothing to encrypt with (-MessageEncryption Always)");
            }
            _mechanism = (int)AuthenticationMechanism.Basic;
            return false;
        }
        catch (SchemeNotOfferedSignal signal)
        {
            if (Offers(signal.Offered, "Kerberos"))
            {
                await AuthenticateAsync(connection, AuthenticationMechanism.Kerberos, optimistic: false, timeoutCts.Token, userToken, timeoutCts).ConfigureAwait(false);
                _mechanism = (int)AuthenticationMechanism.Kerberos;
                return true;
            }
            if (Offers(signal.Offered, "Basic"))
            {
                if (_settings.MessageEncryption == MessageEncryption.Always)
                {
                    throw _failures.SchemeNotOffered("Negotiate", signal.Offered, ", and Basic cannot encrypt (-MessageEncryption Always)");
                }
                _basicOffered = true;
                _mechanism = (int)AuthenticationMechanism.Basic;
                return false;
            }
            throw new SchemeNotOfferedSignal("Negotiate", signal.Offered);
        }
    }

    /// <summary>The schemes a bare, empty POST's 401 lists; null when the host answered it otherwise (it wants no authentication).</summary>
    private async Task<List<string>?> ProbeOfferedAsync(CancellationTokenSource timeoutCts, CancellationToken userToken)
    {
        using var request = NewRequest();
        request.Content = new ByteArrayContent(Array.Empty<byte>());
        using var response = await SendRawAsync(_http, request, timeoutCts.Token, userToken, timeoutCts, connecting: true).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.Unauthorized ? OfferedSchemes(response) : null;
    }

    /// <summary>A request over an authenticated connection: handshake first if needed, then the (sealed) envelope.</summary>
    private async Task<TransportResponse?> SendAuthenticatedAsync(AuthenticationMechanism mechanism, byte[] body, bool capture,
        CancellationTokenSource timeoutCts, CancellationToken userToken)
    {
        var token = timeoutCts.Token;
        var connection = _pool.Take();
        var giveBack = true;
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                if (!connection.IsAuthenticated && !await LogOnAsync(connection, mechanism, timeoutCts, userToken).ConfigureAwait(false))
                {
                    return null;
                }
                mechanism = (AuthenticationMechanism)_mechanism;
                var context = connection.Context!;
                HttpResponseMessage response;
                using (var request = NewRequest())
                {
                    var content = new ByteArrayContent(context.Encrypts ? context.Seal(body) : body);
                    if (context.Encrypts)
                    {
                        content.Headers.ContentType = EncryptedBody.ContentType(context.EncryptionProtocol);
                    }
                    else
                    {
                        content.Headers.TryAddWithoutValidation("Content-Type", SoapContentType);
                    }
                    request.Content = content;
                    response = await SendRawAsync(connection.Http, request, token, userToken, timeoutCts, connecting: true).ConfigureAwait(false);
                }
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    var offered = OfferedSchemes(response);
                    response.Dispose();
                    if (attempt == 0 && connection.WasReplaced)
                    {
                        // The host closed the authenticated connection between requests and a new one opened: authenticate it.
                        continue;
                    }
                    connection.Broken = true;
                    throw context.Encrypts || _https
                        ? _failures.HandshakeRefused(context.HttpScheme, context.NegotiatedPackage, offered, UserName)
                        : _failures.BadCredentials(offered, UserName);
                }
                if (context.Encrypts)
                {
                    // The whole body is read and unsealed now, so the connection is free for the next request at once.
                    return await TransportResponse.CreateUnsealedAsync(_failures, _settings, response, context, timeoutCts, userToken, capture)
                        .ConfigureAwait(false);
                }
                giveBack = false;
                return await TransportResponse.CreateAsync(_failures, _settings, response, timeoutCts, userToken, capture,
                    () => _pool.Return(connection)).ConfigureAwait(false);
            }
        }
        catch
        {
            // A request that failed midway leaves the context's sequence numbers unknown: never reuse it.
            connection.Broken = true;
            throw;
        }
        finally
        {
            if (giveBack)
            {
                _pool.Return(connection);
            }
        }
    }

    private async Task AuthenticateAsync(AuthenticatedConnection connection, AuthenticationMechanism mechanism, bool optimistic, CancellationToken token,
        CancellationToken userToken, CancellationTokenSource timeoutCts)
    {
        var package = mechanism switch
        {
            AuthenticationMechanism.Kerberos => "Kerberos",
            AuthenticationMechanism.Ntlm => "NTLM",
            _ => "Negotiate",
        };
        try
        {
            await _handshake.RunAsync(connection, package, Encrypt, optimistic,
                (request, ct) => SendRawAsync(connection.Http, request, ct, userToken, timeoutCts, connecting: true), token).ConfigureAwait(false);
        }
        catch (WsManAuthenticationException e) when (e.Reason is not (WsManAuthenticationFailure.BadCredentials or WsManAuthenticationFailure.SchemeNotOffered))
        {
            // This machine could not take part (no ticket, no KDC, unknown principal...). If the host does not even offer the
            // scheme, that is the thing to fix first: say so instead.
            var word = package == "Kerberos" ? "Kerberos" : "Negotiate";
            if (await ProbeOfferedAsync(timeoutCts, userToken).ConfigureAwait(false) is { } offered && !Offers(offered, word))
            {
                throw _failures.SchemeNotOffered(package == "NTLM" ? "NTLM" : word, offered);
            }
            throw;
        }
        _packageInUse = connection.Context!.NegotiatedPackage;
    }

    /// <summary>Basic, or no credentials: one keep-alive client, Basic answered on a 401 that offers it and then sent up front.</summary>
    private async Task<TransportResponse> SendPlainAsync(byte[] body, bool unauthenticatedIdentify, bool capture,
        CancellationTokenSource timeoutCts, CancellationToken userToken)
    {
        var token = timeoutCts.Token;
        var preSend = _basic is not null && (_authAccepted || _basicOffered) && !unauthenticatedIdentify;
        var sentCredentials = preSend;
        var response = await SendPlainOnceAsync(body, unauthenticatedIdentify, preSend, token, userToken, timeoutCts).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            var offered = OfferedSchemes(response);
            response.Dispose();
            if (unauthenticatedIdentify || _basic is null)
            {
                throw _failures.NoCredentials(offered, unauthenticatedIdentify);
            }
            if (preSend)
            {
                _authAccepted = false;
                throw _failures.BadCredentials(offered, _basic.UserName);
            }
            if (!Offers(offered, _basic.SchemeName))
            {
                throw _failures.BasicNotOffered(offered);
            }
            sentCredentials = true;
            response = await SendPlainOnceAsync(body, false, true, token, userToken, timeoutCts).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                var offeredAgain = OfferedSchemes(response);
                response.Dispose();
                throw _failures.BadCredentials(offeredAgain, _basic.UserName);
            }
        }
        if (sentCredentials)
        {
            // Accepted: from now on credentials go with every request (no extra 401 round trip).
            _authAccepted = true;
        }
        return await TransportResponse.CreateAsync(_failures, _settings, response, timeoutCts, userToken, capture).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendPlainOnceAsync(byte[] body, bool unauthenticatedIdentify, bool withCredentials,
        CancellationToken token, CancellationToken userToken, CancellationTokenSource timeoutCts)
    {
        using var request = NewRequest();
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", SoapContentType);
        request.Content = content;
        if (unauthenticatedIdentify)
        {
            request.Headers.TryAddWithoutValidation("WSMANIDENTIFY", "unauthenticated");
        }
        else if (withCredentials && _basic is not null)
        {
            request.Headers.Authorization = _basic.CreateAuthorization();
        }
        return await SendRawAsync(_http, request, token, userToken, timeoutCts, connecting: true).ConfigureAwait(false);
    }

    private HttpRequestMessage NewRequest() => new(HttpMethod.Post, _failures.Endpoint)
    {
        Version = HttpVersion.Version11,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    private async Task<HttpResponseMessage> SendRawAsync(HttpClient client, HttpRequestMessage request, CancellationToken token,
        CancellationToken userToken, CancellationTokenSource timeoutCts, bool connecting)
    {
        try
        {
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            _answered = true;
            return response;
        }
        catch (Exception e) when (e is not WsManException)
        {
            throw _failures.MapTransport(e, userToken, timeoutCts, connecting, answeredBefore: _answered);
        }
    }

    private string UserName => _credential is null
        ? Environment.UserName
        : string.IsNullOrEmpty(_credential.Domain) ? _credential.UserName : _credential.Domain + "\\" + _credential.UserName;

    internal static List<string> OfferedSchemes(HttpResponseMessage response)
    {
        var list = new List<string>(4);
        foreach (var h in response.Headers.WwwAuthenticate)
        {
            list.Add(h.Scheme);
        }
        if (list.Count == 0 && response.Headers.TryGetValues("WWW-Authenticate", out var raw))
        {
            foreach (var v in raw)
            {
                var s = v.Trim();
                var space = s.IndexOf(' ');
                list.Add(space < 0 ? s : s[..space]);
            }
        }
        return list;
    }

    internal static bool Offers(List<string> offered, string scheme)
    {
        foreach (var s in offered)
        {
            if (string.Equals(s, scheme, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    public void Dispose()
    {
        _http.Dispose();
        _pool.Dispose();
    }
}
