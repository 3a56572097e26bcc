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
/// request), TLS policy and timeouts. Failures are mapped by <see cref="WsManFailureMapper"/>.
/// </summary>
internal sealed class HttpTransport : IDisposable
{
    private const string SoapContentType = "application/soap+xml;charset=UTF-8";

    private readonly WsManSettings _settings;
    private readonly WsManFailureMapper _failures;
    private readonly HttpClient _http;
    private readonly IAuthenticationScheme? _auth;
    private volatile bool _authAccepted;
    // Set once any response arrived: a later reset is a broken connection, not a transport that never matched.
    private volatile bool _answered;

    public HttpTransport(NetworkCredential? credential, WsManSettings settings, CertificateValidation certificates, WsManFailureMapper failures,
        X509Certificate2Collection? trustedRoots)
    {
        _settings = settings;
        _failures = failures;
        _auth = credential is { } c ? new BasicAuthentication(c) : null;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = settings.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false, // WinRM is a LAN protocol; environment proxies would break loopback and lab hosts
            AutomaticDecompression = DecompressionMethods.None,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = certificates.Validate,
                CertificateChainPolicy = CustomRootPolicy(trustedRoots),
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

    /// <summary>
    /// Sends one envelope and returns the response once its headers arrived (status 200 or an error status whose
    /// body is a SOAP fault). Authentication and other HTTP errors are thrown here.
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
            var preSend = _auth is not null && _authAccepted && !unauthenticatedIdentify;
            var sentCredentials = preSend;
            var response = await SendOnceAsync(body, unauthenticatedIdentify, preSend, timeoutCts.Token, cancellationToken, timeoutCts).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                var offered = OfferedSchemes(response);
                response.Dispose();
                if (unauthenticatedIdentify || _auth is null)
                {
                    throw _failures.NoCredentials(offered, unauthenticatedIdentify);
                }
                if (preSend)
                {
                    _authAccepted = false;
                    throw _failures.BadCredentials(offered, _auth.UserName);
                }
                if (!Offers(offered, _auth.SchemeName))
                {
                    throw _failures.BasicNotOffered(offered);
                }
                sentCredentials = true;
                response = await SendOnceAsync(body, false, true, timeoutCts.Token, cancellationToken, timeoutCts).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    var offeredAgain = OfferedSchemes(response);
                    response.Dispose();
                    throw _failures.BadCredentials(offeredAgain, _auth.UserName);
                }
            }
            if (sentCredentials)
            {
                // Accepted: from now on credentials go with every request (no extra 401 round trip).
                _authAccepted = true;
            }
            return await TransportResponse.CreateAsync(_failures, _settings, response, timeoutCts, cancellationToken, captureResponse).ConfigureAwait(false);
        }
        catch
        {
            timeoutCts.Dispose();
            throw;
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(byte[] body, bool unauthenticatedIdentify, bool withCredentials,
        CancellationToken token, CancellationToken userToken, CancellationTokenSource timeoutCts)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _failures.Endpoint)
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
            throw _failures.MapTransport(e, userToken, timeoutCts, connecting: true, answeredBefore: _answered);
        }
    }

    /// <summary>A chain policy that trusts only the given roots (a private CA), or null for the system store.</summary>
    private static X509ChainPolicy? CustomRootPolicy(X509Certificate2Collection? roots)
    {
        if (roots is null || roots.Count == 0)
        {
            return null;
        }
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            // As SslStream's default for clients: no revocation fetches (a private CA rarely publishes a reachable CRL).
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(roots);
        return policy;
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

    public void Dispose() => _http.Dispose();
}
