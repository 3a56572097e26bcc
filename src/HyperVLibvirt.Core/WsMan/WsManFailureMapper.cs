using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Xml;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// The one place where failures become typed WsMan exceptions: connecting, TLS, sockets, HTTP status and
/// content, authentication challenges, and reading or parsing a response. Every layer of the client hands
/// its failure here and throws what comes back; nothing calls up into its owner. Cancellation by the caller
/// stays an <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class WsManFailureMapper
{
    private readonly WsManSettings _settings;
    private readonly CertificateValidation _certificates;

    public WsManFailureMapper(Uri endpoint, WsManSettings settings, CertificateValidation certificates)
    {
        Endpoint = endpoint;
        _settings = settings;
        _certificates = certificates;
    }

    /// <summary>The endpoint, <c>http(s)://host:port/wsman</c>: the one place the client keeps host and port.</summary>
    public Uri Endpoint { get; }

    public string Host => Endpoint.IdnHost;

    public int Port => Endpoint.Port;

    public bool IsHttps => string.Equals(Endpoint.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase);

    /// <summary>Turns a failure met while reading or parsing a response into the documented exceptions.</summary>
    public Exception MapRead(Exception e, string operation, int statusCode, bool bodyLooksLikeHtml, CancellationToken userToken,
        CancellationTokenSource? timeoutCts)
    {
        if (e is WsManException)
        {
            return e;
        }
        if (userToken.IsCancellationRequested)
        {
            return e as OperationCanceledException ?? new OperationCanceledException("The WS-Management request was cancelled.", e, userToken);
        }
        var ep = WsManException.Endpoint(Host, Port);
        switch (e)
        {
            case XmlException or MissingElementException when bodyLooksLikeHtml:
                return new WsManProtocolException($"{ep} answered {operation} with an HTML page (a web page) instead of a SOAP message, though it labelled it as SOAP. " +
                    "It is probably not a WinRM listener (another web server on that port) or a proxy's error page; check the host, the port and any proxy in between.",
                    Host, Port, statusCode, e);
            case XmlException xe when xe.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase):
                return new WsManProtocolException($"The {operation} response from {ep} contains a DTD, which is refused (WinRM never sends one). The endpoint is not a genuine WinRM service or something in between altered the response.",
                    Host, Port, statusCode, e);
            case XmlException xe:
                return new WsManProtocolException($"The {operation} response from {ep} is not well-formed or is truncated XML ({xe.Message}). Retry; if it persists, check the WinRM service and anything in between.",
                    Host, Port, statusCode, e);
            case MissingElementException me:
                return new WsManProtocolException($"The {operation} response from {ep} is not a usable WS-Management message: {me.Message}",
                    Host, Port, statusCode, e);
            case ResponseLimitException le:
                return new WsManProtocolException($"The {operation} response from {ep} {le.Message}",
                    Host, Port, statusCode, e);
        }
        return MapTransport(e, userToken, timeoutCts, connecting: false);
    }

    /// <summary>A SOAP fault the host sent.</summary>
    public WsManFaultException Fault(WsManFault fault, string operation, string resourceUri) =>
        new(fault, operation, resourceUri, Host, Port);

    /// <summary>An error status whose body was not a SOAP fault.</summary>
    public WsManProtocolException NoFault(int statusCode, string operation) =>
        new($"{WsManException.Endpoint(Host, Port)} answered HTTP {statusCode} to {operation} without a SOAP fault. Check the WinRM service on the host.",
            Host, Port, statusCode);

    /// <summary>An enumeration that never reached its end; <paramref name="endless"/> says what the host kept doing.</summary>
    public WsManProtocolException EndlessEnumeration(string resourceUri, string endless) =>
        new($"{WsManException.Endpoint(Host, Port)} kept the enumeration of {resourceUri} going without end: it {endless} " +
            "and never sent EndOfSequence. The endpoint is not a genuine WinRM service, or the service is faulty; restart WinRM on the host (Restart-Service WinRM) and retry.",
            Host, Port);

    /// <summary>A response larger than <see cref="WsManSettings.MaxResponseBytes"/>.</summary>
    public WsManProtocolException TooLarge(long limit, int statusCode) =>
        new($"The response from {WsManException.Endpoint(Host, Port)} is larger than the {limit}-byte limit. " +
            "Lower MaxElements, or raise MaxResponseBytes if the server is trusted.", Host, Port, statusCode);

    /// <summary>A body that is not SOAP (an encrypted multipart message, HTML, ...).</summary>
    public WsManProtocolException WrongContentType(string mediaType, int statusCode) =>
        new(mediaType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)
                ? $"{WsManException.Endpoint(Host, Port)} sent an encrypted ({mediaType}) message to a request that was not encrypted. " +
                  "Connect with Negotiate, Kerberos or NTLM (-Authentication Negotiate), whose sessions encrypt, or over HTTPS (?transport=https)."
                : $"{WsManException.Endpoint(Host, Port)} answered with content type '{mediaType}' instead of application/soap+xml. Check that the URL points at a WinRM listener (…/wsman).",
            Host, Port, statusCode);

    /// <summary>An HTTP status WinRM does not use for a SOAP answer.</summary>
    public WsManProtocolException UnexpectedStatus(int status, string? reasonPhrase)
    {
        var host = Host;
        var port = Port;
        var ep = WsManException.Endpoint(host, port);
        var message = status switch
        {
            404 => $"{ep} answered HTTP 404 (not found). Check the URL path: WinRM listens on /wsman.",
            405 => $"{ep} answered HTTP 405 (method not allowed). Check that the URL is a WinRM endpoint (…/wsman).",
            413 => $"{ep} answered HTTP 413: the request is larger than the service's MaxEnvelopeSizekb. Send fewer or smaller parameters, or raise MaxEnvelopeSizekb on the host.",
            503 => $"{ep} answered HTTP 503 (service unavailable): WinRM is stopping, overloaded or not configured. Retry later; check 'winrm enumerate winrm/config/listener' on the host.",
            _ => $"{ep} answered an unexpected HTTP {status} ({reasonPhrase}). Check that the endpoint is a WinRM listener and the service is healthy.",
        };
        return new WsManProtocolException(message, host, port, status);
    }

    /// <summary>Maps a transport failure (connect, TLS, socket, HTTP, IO) to a WsMan exception, or to cancellation when the caller cancelled.</summary>
    /// <remarks><paramref name="answeredBefore"/>: whether this client ever got a response; a plain request reset before any answer is a transport mismatch.</remarks>
    public Exception MapTransport(Exception e, CancellationToken userToken, CancellationTokenSource? timeoutCts, bool connecting, bool answeredBefore = true)
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
            var t = _settings.HttpTimeout;
            return new WsManTimeoutException(false, t,
                $"The WS-Management server {WsManException.Endpoint(Host, Port)} did not answer within {t.TotalSeconds:0} s. " +
                "The host may be overloaded or the operation slow; retry, or raise the operation timeout.", Host, Port, e);
        }
        if (e is OperationCanceledException || e.InnerException is TimeoutException)
        {
            // Not the caller and not our operation timer: SocketsHttpHandler's ConnectTimeout.
            return new WsManTimeoutException(true, _settings.ConnectTimeout,
                $"Could not connect to {WsManException.Endpoint(Host, Port)} within {_settings.ConnectTimeout.TotalSeconds:0} s. " +
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
                    return new WsManTimeoutException(connecting, _settings.ConnectTimeout,
                        $"The connection to {WsManException.Endpoint(Host, Port)} timed out. Check the host and the firewall.", Host, Port, e);
                case SocketError.ConnectionReset:
                case SocketError.ConnectionAborted:
                case SocketError.Shutdown:
                    return Reset(e, connecting && !answeredBefore);
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
                    return Reset(e, connecting && !answeredBefore);
            }
            return new WsManConnectionException(WsManConnectionFailure.Other,
                $"Could not talk to {WsManException.Endpoint(Host, Port)}: {hre.Message} Check that the endpoint is a WinRM listener " +
                $"({(IsHttps ? "https" : "http")}://{Host}:{Port}/wsman).", Host, Port, e);
        }
        if (e is IOException or ObjectDisposedException)
        {
            return Reset(e, connecting && !answeredBefore);
        }
        return e;
    }

    private WsManConnectionException Reset(Exception e, bool unanswered)
    {
        if (unanswered && !IsHttps)
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
                $"{CertificateValidation.NormalizeThumbprint(_settings.CertificateThumbprint!)}. {where} " +
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
                advice.Add(_settings.CACertificateFile is { Length: > 0 }
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

    private static string Schemes(List<string> offered) => offered.Count == 0 ? "none" : string.Join(", ", offered);

    public WsManAuthenticationException NoCredentials(List<string> offered, bool identify) =>
        new(WsManAuthenticationFailure.NoCredentials,
            identify
                ? $"{WsManException.Endpoint(Host, Port)} refused an unauthenticated Identify (HTTP 401; offered: {Schemes(offered)}). Connect with credentials (-Credential)."
                : $"{WsManException.Endpoint(Host, Port)} requires authentication (HTTP 401; offered: {Schemes(offered)}). Pass a credential (-Credential) for a local account on the host.",
            Host, Port, offered);

    public WsManAuthenticationException BasicNotOffered(List<string> offered) =>
        new(WsManAuthenticationFailure.BasicNotOffered,
            $"{WsManException.Endpoint(Host, Port)} does not offer Basic authentication (offered: {Schemes(offered)}). " +
            "Enable it on the host with: winrm set winrm/config/service/auth @{Basic=\"true\"}" +
            (IsHttps ? string.Empty : " (over HTTP also: winrm set winrm/config/service @{AllowUnencrypted=\"true\"}, or better use HTTPS with ?transport=https)") + ".",
            Host, Port, offered);

    public WsManAuthenticationException BadCredentials(List<string> offered, string user)
    {
        var message = $"{WsManException.Endpoint(Host, Port)} rejected the credentials for user '{user}' (HTTP 401). " +
            "Check the user name and password; Basic works only with local accounts (for example '.\\Administrator' or 'HOST\\user'), not domain accounts.";
        if (!IsHttps)
        {
            message += " Over plain HTTP the same 401 is also returned when the service refuses unencrypted traffic: either fix the password, " +
                "or run on the host: winrm set winrm/config/service @{AllowUnencrypted=\"true\"} — better, use HTTPS (?transport=https).";
        }
        return new WsManAuthenticationException(WsManAuthenticationFailure.BadCredentials, message, Host, Port, offered);
    }

    /// <summary>HTTP 500 with no SOAP body: WinRM's answer to an unencrypted message it refuses (MS-WSMV 3.1.4.1.29.1, AllowUnencrypted).</summary>
    public WsManException EmptyServerError(int status)
    {
        if (!IsHttps)
        {
            return new WsManAuthenticationException(WsManAuthenticationFailure.UnencryptedRefused,
                $"{WsManException.Endpoint(Host, Port)} answered HTTP {status} with an empty body, which WinRM does when it refuses unencrypted messages over HTTP. " +
                (_settings.MessageEncryption == MessageEncryption.Never
                    ? "Drop -MessageEncryption Never (Negotiate, Kerberos and NTLM then encrypt over HTTP), use HTTPS (?transport=https), "
                    : "Connect with Negotiate, Kerberos or NTLM (-Authentication Negotiate), which encrypt over HTTP, or use HTTPS (?transport=https), ") +
                "or run on the host: winrm set winrm/config/service @{AllowUnencrypted=\"true\"}.",
                Host, Port, Array.Empty<string>());
        }
        return new WsManProtocolException(
            $"{WsManException.Endpoint(Host, Port)} answered HTTP {status} with an empty body. Check the WinRM service and its event log on the host.",
            Host, Port, status);
    }

    /// <summary>The scheme to use is not in the server's 401 list.</summary>
    public WsManAuthenticationException SchemeNotOffered(string scheme, List<string> offered, string? why = null) =>
        new(WsManAuthenticationFailure.SchemeNotOffered,
            $"{WsManException.Endpoint(Host, Port)} does not offer {scheme} authentication (offered: {Schemes(offered)}){why}. " +
            $"Enable it on the host with: winrm set winrm/config/service/auth @{{{(scheme == "NTLM" ? "Negotiate" : scheme)}=\"true\"}}" +
            (offered.Count > 0 ? $", or connect with -Authentication {SuggestedScheme(offered)}." : "."),
            Host, Port, offered);

    /// <summary>A Negotiate, Kerberos or NTLM handshake the server refused with a bare 401.</summary>
    public WsManAuthenticationException HandshakeRefused(string scheme, string package, List<string> offered, string user)
    {
        var message = $"{WsManException.Endpoint(Host, Port)} rejected the credentials for user '{user}' ({scheme}" +
            (package != scheme ? $", {package}" : string.Empty) + ", HTTP 401). Check the user name and password.";
        if (user.Contains('@') && System.Net.IPAddress.TryParse(Endpoint.IdnHost, out _))
        {
            message += $" '{user}' names a Kerberos realm, but Kerberos needs the host's DNS name (its service principal is HTTP/<name>): " +
                "to an IP address Negotiate can only use NTLM, which knows no such account. Connect by name.";
        }
        else if (package == "Kerberos")
        {
            message += " If the password is right, the host's clock may differ from this machine's by more than Kerberos allows (5 minutes): synchronise them.";
        }
        else if (package is "NTLM" or "Negotiate" && LooksLocal(user))
        {
            message += " A local account is written 'HOST\\user' or '.\\user'. A local administrator other than the built-in Administrator " +
                "is refused remotely unless the host sets LocalAccountTokenFilterPolicy (on the host: reg add " +
                "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System /v LocalAccountTokenFilterPolicy /t REG_DWORD /d 1 /f); " +
                "a domain account avoids that.";
        }
        return new WsManAuthenticationException(WsManAuthenticationFailure.BadCredentials, message, Host, Port, offered);
    }

    /// <summary>This machine could not produce the next token.</summary>
    public WsManAuthenticationException HandshakeFailed(WsManAuthenticationFailure reason, string scheme, string detail) =>
        new(reason, $"{scheme} authentication to {WsManException.Endpoint(Host, Port)} failed on this machine: {detail}", Host, Port, Array.Empty<string>());

    /// <summary>Sealing or unsealing failed, or the encrypted body was malformed.</summary>
    public WsManAuthenticationException EncryptionFailed(string detail) =>
        new(WsManAuthenticationFailure.EncryptionFailed,
            $"Message encryption with {WsManException.Endpoint(Host, Port)} failed: {detail}. The connection was dropped; " +
            "run the command again. If it keeps failing, connect over HTTPS (?transport=https) with -MessageEncryption Never.",
            Host, Port, Array.Empty<string>());

    /// <summary>A response arrived in clear on a connection whose messages are encrypted.</summary>
    public WsManAuthenticationException UnencryptedResponse(string? mediaType, int status) =>
        new(WsManAuthenticationFailure.UnencryptedResponse,
            $"{WsManException.Endpoint(Host, Port)} answered an encrypted request in clear (HTTP {status}, {mediaType ?? "no content type"}); " +
            "the response was refused unread. Something between this machine and the host may be rewriting traffic: connect over HTTPS (?transport=https).",
            Host, Port, Array.Empty<string>());

    private static string SuggestedScheme(List<string> offered)
    {
        foreach (var s in new[] { "Negotiate", "Kerberos", "Basic" })
        {
            if (offered.Contains(s, StringComparer.OrdinalIgnoreCase))
            {
                return s;
            }
        }
        return offered[0];
    }

    private static bool LooksLocal(string user) =>
        !user.Contains('@') && (!user.Contains('\\') || user.StartsWith(".\\", StringComparison.Ordinal));
}
