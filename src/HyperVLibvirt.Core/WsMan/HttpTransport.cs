using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

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
    // Set once any response arrived: a later reset is a broken connection, not a transport that never matched.
    private volatile bool _answered;

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
                CertificateChainPolicy = CustomRootPolicy(options.TrustedRootCertificates),
            },
            // On cancel or timeout the response is disposed mid-body; by default the handler then spends up to
            // 2 s draining it to reuse the connection. A stopped call must stop now: drop the connection instead.
            ResponseDrainTimeout = TimeSpan.Zero,
            MaxResponseDrainSize = 0,
        };
        _http = new HttpClient(handler, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan, // per-request timeouts below also cover reading the body
        };
    }

    public string Host { get; }

    /// <summary>A chain policy that trusts only the given roots (a private CA), or null for the system store.</summary>
    private static System.Security.Cryptography.X509Certificates.X509ChainPolicy? CustomRootPolicy(
        System.Security.Cryptography.X509Certificates.X509Certificate2Collection? roots)
    {
        if (roots is null || roots.Count == 0)
        {
            return null;
        }
        var policy = new System.Security.Cryptography.X509Certificates.X509ChainPolicy
        {
            TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust,
            // As SslStream's default for clients: no revocation fetches (a private CA rarely publishes a reachable CRL).
            RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(roots);
        return policy;
    }

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
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            _answered = true;
            return response;
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
                    return Reset(e, connecting);
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
                    return Reset(e, connecting);
            }
            return new WsManConnectionException(WsManConnectionFailure.Other,
                $"Could not talk to {WsManException.Endpoint(Host, Port)}: {hre.Message} Check that the endpoint is a WinRM listener " +
                $"({(IsHttps ? "https" : "http")}://{Host}:{Port}/wsman).", Host, Port, e);
        }
        if (e is IOException or ObjectDisposedException)
        {
            return Reset(e, connecting);
        }
        return e;
    }

    private WsManConnectionException Reset(Exception e, bool connecting)
    {
        if (connecting && !IsHttps && !_answered)
        {
            // An HTTPS listener reads our plain request as a broken TLS hello and drops the connection unanswered.
            return new WsManConnectionException(WsManConnectionFailure.TransportMismatch,
                $"The connection to {WsManException.Endpoint(Host, Port)} was closed before any answer to a plain HTTP request. " +
                $"The transport and port probably don't match: port {Port} may be an HTTPS listener (WinRM's default 5986). " +
                "Try ?transport=https on that port, or ?transport=http on the HTTP listener's port (default 5985); " +
                "if it persists, check the WinRM service and any proxy or firewall in between.", Host, Port, e);
        }
        return new(WsManConnectionFailure.Reset,
            $"The connection to {WsManException.Endpoint(Host, Port)} was reset or closed before the response was complete. " +
            "Retry; if it persists, check the WinRM service and any proxy or firewall in between.", Host, Port, e);
    }

    private WsManException CertificateFailure(Exception e)
    {
        var rejected = _certificates.LastRejection;
        if (rejected is null)
        {
            // No certificate was judged: the handshake itself failed. Against an HTTP listener the client's
            // hello is answered in plain HTTP, which TLS reads as a corrupt frame.
            return new WsManConnectionException(WsManConnectionFailure.TransportMismatch,
                $"The TLS handshake with {WsManException.Endpoint(Host, Port)} failed: {e.InnerException?.Message ?? e.Message} " +
                $"The transport and port probably don't match: port {Port} may be an HTTP listener (WinRM's default 5985). " +
                $"Try ?transport=http on that port, or ?transport=https on the HTTPS listener's port (default 5986); " +
                "otherwise check that client and server share a TLS version.", Host, Port, e);
        }
        var where = $"Certificate subject '{rejected.Subject}', SHA-1 thumbprint {rejected.Thumbprint}.";
        string message;
        if (rejected.PinMismatch)
        {
            // A pin overrides the skip switches, so recommending them would not help.
            message = $"The TLS certificate of {WsManException.Endpoint(Host, Port)} was rejected: its thumbprint is not the pinned " +
                $"{CertificateValidation.NormalizeThumbprint(_options.CertificateThumbprint!)}. {where} " +
                "If the host's certificate was renewed, check the new one with its administrator and pin it with " +
                $"-CertificateThumbprint {rejected.Thumbprint}; otherwise something in between may be intercepting the connection.";
        }
        else
        {
            var parts = new List<string>(4);
            var advice = new List<string>(4);
            var status = rejected.ChainStatus;
            if ((status & X509ChainStatusFlags.NotTimeValid) != 0)
            {
                parts.Add(rejected.NotAfter < DateTime.UtcNow
                    ? $"it expired on {rejected.NotAfter:yyyy-MM-dd HH:mm:ss} UTC"
                    : $"it is not valid before {rejected.NotBefore:yyyy-MM-dd HH:mm:ss} UTC (check both clocks)");
                advice.Add("renew the certificate of the host's WinRM HTTPS listener (-SkipCACheck does not waive the validity dates; only a pin does)");
            }
            if ((status & X509ChainStatusFlags.Revoked) != 0)
            {
                parts.Add("it has been revoked");
                advice.Add("replace the certificate of the host's WinRM HTTPS listener");
            }
            if ((status & (X509ChainStatusFlags.NotSignatureValid | X509ChainStatusFlags.NotValidForUsage | X509ChainStatusFlags.InvalidBasicConstraints
                    | X509ChainStatusFlags.HasNotSupportedCriticalExtension | X509ChainStatusFlags.InvalidExtension | X509ChainStatusFlags.Cyclic)) != 0)
            {
                parts.Add($"its chain is invalid ({status & ~CertificateValidation.TrustOnly & ~X509ChainStatusFlags.NotTimeValid & ~X509ChainStatusFlags.Revoked})");
                advice.Add("replace the certificate of the host's WinRM HTTPS listener");
            }
            if ((rejected.Errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0 && (status & CertificateValidation.TrustOnly) != 0)
            {
                parts.Add("it is not trusted (self-signed, or its CA is unknown here)");
                advice.Add(_options.TrustedRootCertificates is { Count: > 0 }
                    ? "check that -CACertificateFile holds the CA that issued it, or pass -SkipCACheck"
                    : "install its CA as trusted, or pass the CA's certificate with -CACertificateFile, or pass -SkipCACheck");
            }
            else if ((rejected.Errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0 && parts.Count == 0)
            {
                parts.Add($"its chain does not validate ({status})");
                advice.Add("install its CA as trusted, or pass -SkipCACheck");
            }
            if ((rejected.Errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            {
                parts.Add($"its name does not match '{Host}'");
                advice.Add("connect with the name the certificate was issued for, or pass -SkipCNCheck");
            }
            if ((rejected.Errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
            {
                parts.Add("the server sent no certificate");
            }
            var why = parts.Count == 0 ? rejected.Errors.ToString() : string.Join(" and ", parts);
            var todo = advice.Count == 0 ? string.Empty : char.ToUpperInvariant(advice[0][0]) + string.Join("; ", advice)[1..] + ". ";
            message = $"The TLS certificate of {WsManException.Endpoint(Host, Port)} was rejected: {why}. {where} {todo}" +
                $"Or pin exactly this certificate with -CertificateThumbprint {rejected.Thumbprint}.";
        }
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
