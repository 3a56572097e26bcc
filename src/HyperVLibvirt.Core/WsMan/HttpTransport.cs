using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// HTTP(S) POSTs to the WinRM endpoint on one pooled, keep-alive <see cref="HttpClient"/>: challenge-driven
/// Basic authentication (first request bare, Basic on a 401 that offers it, then pre-sent on every later
/// request), TLS policy, timeouts, and the mapping of transport failures to <see cref="WsManException"/>s.
/// Cancellation stays an <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class HttpTransport : IDisposable
{
    private const string SoapContentType = "application/soap+xml;charset=UTF-8";
    private static readonly TimeSpan TimeoutMargin = TimeSpan.FromSeconds(10);

    private readonly WsManClientOptions _options;
    private readonly HttpClient _http;
    private readonly CertificateValidation _certificates;
    private readonly IAuthenticationScheme? _auth;
    private volatile bool _authAccepted;

    public HttpTransport(WsManClientOptions options)
    {
        _options = options;
        Host = options.Endpoint.IdnHost;
        Port = options.Endpoint.Port;
        IsHttps = string.Equals(options.Endpoint.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase);
        _certificates = new CertificateValidation(options.SkipCACheck, options.SkipCNCheck, options.CertificateThumbprint);
        _auth = options.Credential is { } c ? new BasicAuthentication(c) : null;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false, // WinRM is a LAN protocol; environment proxies would break loopback and lab hosts
            AutomaticDecompression = DecompressionMethods.None,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = _certificates.Validate,
            },
        };
        _http = new HttpClient(handler, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan, // per-request timeouts below also cover reading the body
        };
    }

    public string Host { get; }

    public WsManClientOptions Options => _options;

    /// <summary>The HTTP-level timeout of one request: OperationTimeout plus a margin, so w:TimedOut arrives first.</summary>
    public TimeSpan OperationHttpTimeout => _options.OperationTimeout + TimeoutMargin;

    public int Port { get; }

    public bool IsHttps { get; }

    /// <summary>
    /// Sends one envelope and returns the response once its headers arrived (status 200 or an error status whose
    /// body is a SOAP fault). Authentication and other HTTP errors are thrown here.
    /// </summary>
    public async Task<TransportResponse> SendAsync(byte[] body, bool unauthenticatedIdentify, bool captureResponse, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var timeoutCts = new CancellationTokenSource(OperationHttpTimeout);
        var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutCts.Token);
        try
        {
            var preSend = _auth is not null && _authAccepted && !unauthenticatedIdentify;
            var sentCredentials = preSend;
            var response = await SendOnceAsync(body, unauthenticatedIdentify, preSend, linked.Token, cancellationToken, timeoutCts).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                var offered = OfferedSchemes(response);
                response.Dispose();
                if (unauthenticatedIdentify || _auth is null)
                {
                    throw NoCredentials(offered, unauthenticatedIdentify);
                }
                if (preSend)
                {
                    _authAccepted = false;
                    throw BadCredentials(offered);
                }
                if (!Offers(offered, _auth.SchemeName))
                {
                    throw BasicNotOffered(offered);
                }
                sentCredentials = true;
                response = await SendOnceAsync(body, false, true, linked.Token, cancellationToken, timeoutCts).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    var offeredAgain = OfferedSchemes(response);
                    response.Dispose();
                    throw BadCredentials(offeredAgain);
                }
            }
            if (sentCredentials)
            {
                // Accepted: from now on credentials go with every request (no extra 401 round trip).
                _authAccepted = true;
            }
            return await TransportResponse.CreateAsync(this, response, linked, timeoutCts, cancellationToken, captureResponse).ConfigureAwait(false);
        }
        catch
        {
            linked.Dispose();
            timeoutCts.Dispose();
            throw;
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(byte[] body, bool unauthenticatedIdentify, bool withCredentials,
        CancellationToken token, CancellationToken userToken, CancellationTokenSource timeoutCts)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.Endpoint)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", SoapContentType);
        request.Content = content;
        if (unauthenticatedIdentify)
        {
            request.Headers.TryAddWithoutValidation("WSMANIDENTIFY", "unauthenticated");
        }
        else if (withCredentials && _auth is not null)
        {
            request.Headers.Authorization = _auth.CreateAuthorization();
        }
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not WsManException)
        {
            throw MapFailure(e, userToken, timeoutCts, connecting: true);
        }
    }

    /// <summary>Maps a failure to a WsMan exception, or to cancellation when the caller cancelled.</summary>
    public Exception MapFailure(Exception e, CancellationToken userToken, CancellationTokenSource? timeoutCts, bool connecting)
    {
        if (userToken.IsCancellationRequested)
        {
            return e as OperationCanceledException ?? new OperationCanceledException("The WS-Management request was cancelled.", e, userToken);
        }
        if (e is WsManException)
        {
            return e;
        }
        if (timeoutCts?.IsCancellationRequested == true)
        {
            var t = _options.OperationTimeout + TimeoutMargin;
            return new WsManTimeoutException(false, t,
                $"The WS-Management server {WsManException.Endpoint(Host, Port)} did not answer within {t.TotalSeconds:0} s. " +
                "The host may be overloaded or the operation slow; retry, or raise the operation timeout.", Host, Port, e);
        }
        if (e is OperationCanceledException || e.InnerException is TimeoutException)
        {
            // Not the caller and not our operation timer: SocketsHttpHandler's ConnectTimeout.
            return new WsManTimeoutException(true, _options.ConnectTimeout,
                $"Could not connect to {WsManException.Endpoint(Host, Port)} within {_options.ConnectTimeout.TotalSeconds:0} s. " +
                "Check the host name, that WinRM listens on that port, and that no firewall drops the traffic.", Host, Port, e);
        }
        if (FindInner<AuthenticationException>(e) is not null || (e is HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError }))
        {
            return CertificateFailure(e);
        }
        var socket = FindInner<SocketException>(e);
        if (socket is not null)
        {
            switch (socket.SocketErrorCode)
            {
                case SocketError.ConnectionRefused:
                    return new WsManConnectionException(WsManConnectionFailure.Refused,
                        $"The connection to {WsManException.Endpoint(Host, Port)} was refused. Check that WinRM is running and listening on port {Port} " +
                        $"({(IsHttps ? "HTTPS listener, default 5986" : "HTTP listener, default 5985")}; run 'winrm quickconfig' on the host) and that the firewall allows it.",
                        Host, Port, e);
                case SocketError.HostNotFound:
                case SocketError.TryAgain:
                case SocketError.NoData:
                    return new WsManConnectionException(WsManConnectionFailure.UnknownHost,
                        $"The host name '{Host}' could not be resolved. Check the spelling, DNS, or use an IP address.", Host, Port, e);
                case SocketError.TimedOut:
                    return new WsManTimeoutException(connecting, _options.ConnectTimeout,
                        $"The connection to {WsManException.Endpoint(Host, Port)} timed out. Check the host and the firewall.", Host, Port, e);
                case SocketError.ConnectionReset:
                case SocketError.ConnectionAborted:
                case SocketError.Shutdown:
                    return Reset(e);
            }
        }
        if (e is HttpRequestException hre)
        {
            switch (hre.HttpRequestError)
            {
                case HttpRequestError.NameResolutionError:
                    return new WsManConnectionException(WsManConnectionFailure.UnknownHost,
                        $"The host name '{Host}' could not be resolved. Check the spelling, DNS, or use an IP address.", Host, Port, e);
                case HttpRequestError.ResponseEnded:
                case HttpRequestError.InvalidResponse:
                    return Reset(e);
            }
            return new WsManConnectionException(WsManConnectionFailure.Other,
                $"Could not talk to {WsManException.Endpoint(Host, Port)}: {hre.Message} Check that the endpoint is a WinRM listener " +
                $"({(IsHttps ? "https" : "http")}://{Host}:{Port}/wsman).", Host, Port, e);
        }
        if (e is IOException or ObjectDisposedException)
        {
            return Reset(e);
        }
        return e;
    }

    private WsManConnectionException Reset(Exception e) =>
        new(WsManConnectionFailure.Reset,
            $"The connection to {WsManException.Endpoint(Host, Port)} was reset or closed before the response was complete. " +
            "Retry; if it persists, check the WinRM service and any proxy or firewall in between.", Host, Port, e);

    private WsManException CertificateFailure(Exception e)
    {
        var rejected = _certificates.LastRejection;
        if (rejected is null)
        {
            return new WsManConnectionException(WsManConnectionFailure.Other,
                $"The TLS handshake with {WsManException.Endpoint(Host, Port)} failed: {e.InnerException?.Message ?? e.Message} " +
                "Check that the port is the HTTPS listener (default 5986) and that client and server share a TLS version.", Host, Port, e);
        }
        string why;
        if (rejected.PinMismatch)
        {
            why = $"its thumbprint is not the pinned {CertificateValidation.NormalizeThumbprint(_options.CertificateThumbprint!)}";
        }
        else
        {
            var parts = new List<string>(3);
            if ((rejected.Errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0)
            {
                parts.Add("it is not trusted (self-signed or unknown CA; use -SkipCACheck to accept)");
            }
            if ((rejected.Errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            {
                parts.Add($"its name does not match '{Host}' (use -SkipCNCheck to accept)");
            }
            if ((rejected.Errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
            {
                parts.Add("the server sent no certificate");
            }
            why = parts.Count == 0 ? rejected.Errors.ToString() : string.Join(" and ", parts);
        }
        var message = $"The TLS certificate of {WsManException.Endpoint(Host, Port)} was rejected: {why}. " +
            $"Certificate subject '{rejected.Subject}', SHA-1 thumbprint {rejected.Thumbprint}. " +
            "Install its CA as trusted, or pass -SkipCACheck and/or -SkipCNCheck, or pin exactly this certificate with " +
            $"-CertificateThumbprint {rejected.Thumbprint}.";
        return new WsManCertificateException(message, Host, Port, rejected.Errors, rejected.Thumbprint, rejected.Sha256Thumbprint, rejected.Subject, e);
    }

    private static T? FindInner<T>(Exception e) where T : Exception
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x is T t)
            {
                return t;
            }
        }
        return null;
    }

    private static List<string> OfferedSchemes(HttpResponseMessage response)
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

    private static bool Offers(List<string> offered, string scheme)
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

    private static string Schemes(List<string> offered) => offered.Count == 0 ? "none" : string.Join(", ", offered);

    private WsManAuthenticationException NoCredentials(List<string> offered, bool identify) =>
        new(WsManAuthenticationFailure.NoCredentials,
            identify
                ? $"{WsManException.Endpoint(Host, Port)} refused an unauthenticated Identify (HTTP 401; offered: {Schemes(offered)}). Connect with credentials (-Credential)."
                : $"{WsManException.Endpoint(Host, Port)} requires authentication (HTTP 401; offered: {Schemes(offered)}). Pass a credential (-Credential) for a local account on the host.",
            Host, Port, offered);

    private WsManAuthenticationException BasicNotOffered(List<string> offered) =>
        new(WsManAuthenticationFailure.BasicNotOffered,
            $"{WsManException.Endpoint(Host, Port)} does not offer Basic authentication (offered: {Schemes(offered)}). " +
            "Enable it on the host with: winrm set winrm/config/service/auth @{Basic=\"true\"}" +
            (IsHttps ? string.Empty : " (over HTTP also: winrm set winrm/config/service @{AllowUnencrypted=\"true\"}, or better use HTTPS with ?transport=https)") + ".",
            Host, Port, offered);

    private WsManAuthenticationException BadCredentials(List<string> offered)
    {
        var user = _auth?.UserName ?? string.Empty;
        var message = $"{WsManException.Endpoint(Host, Port)} rejected the credentials for user '{user}' (HTTP 401). " +
            "Check the user name and password; Basic works only with local accounts (for example '.\\Administrator' or 'HOST\\user'), not domain accounts.";
        if (!IsHttps)
        {
            message += " Over plain HTTP the same 401 is also returned when the service refuses unencrypted traffic: either fix the password, " +
                "or run on the host: winrm set winrm/config/service @{AllowUnencrypted=\"true\"} — better, use HTTPS (?transport=https).";
        }
        return new WsManAuthenticationException(WsManAuthenticationFailure.BadCredentials, message, Host, Port, offered);
    }

    /// <summary>HTTP 500 with no SOAP body (spec §1.4/§9.3).</summary>
    public WsManException EmptyServerError(int status)
    {
        if (!IsHttps)
        {
            return new WsManAuthenticationException(WsManAuthenticationFailure.UnencryptedRefused,
                $"{WsManException.Endpoint(Host, Port)} answered HTTP {status} with an empty body, which WinRM does when it refuses unencrypted messages over HTTP. " +
                "Use HTTPS (?transport=https), or run on the host: winrm set winrm/config/service @{AllowUnencrypted=\"true\"}.",
                Host, Port, Array.Empty<string>());
        }
        return new WsManProtocolException(
            $"{WsManException.Endpoint(Host, Port)} answered HTTP {status} with an empty body. Check the WinRM service and its event log on the host.",
            Host, Port, status);
    }

    public void Dispose() => _http.Dispose();
}
