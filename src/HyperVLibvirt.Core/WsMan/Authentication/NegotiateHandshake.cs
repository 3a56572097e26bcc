using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// Runs the Negotiate, Kerberos or NTLM handshake on one connection (RFC 4559; MS-WSMV 3.1.4.1.29): empty-body POSTs
/// carrying the tokens, as pywinrm's and pypsrp's message encryption set-up does, until the host answers 200 (with its
/// final token for Kerberos and SPNEGO, which completes mutual authentication).
/// </summary>
internal sealed class NegotiateHandshake
{
    // NTLM needs two legs, Kerberos one, SPNEGO at most three: more means a host that never settles.
    private const int MaxLegs = 6;

    private readonly WsManFailureMapper _failures;
    private readonly NetworkCredential? _credential;
    private readonly string _servicePrincipalName;

    public NegotiateHandshake(WsManFailureMapper failures, NetworkCredential? credential, string servicePrincipalName)
    {
        _failures = failures;
        _credential = credential;
        _servicePrincipalName = servicePrincipalName;
    }

    /// <summary>
    /// Runs the handshake. <paramref name="optimistic"/> is Default's try: a 200 with no challenge at all on the first leg
    /// then means the host wants no authentication (<see cref="NoAuthenticationSignal"/>), not a host that skipped mutual authentication.
    /// </summary>
    public async Task RunAsync(AuthenticatedConnection connection, string package, bool encrypt, bool optimistic,
        Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        try
        {
            await RunOnceAsync(connection, package, encrypt, optimistic, send, cancellationToken).ConfigureAwait(false);
        }
        catch (LocalHandshakeFailure failure) when (package == "Negotiate" && failure.BeforeFirstToken && _credential is not null)
        {
            // SPNEGO could not even start (typically: Kerberos for a realm that does not exist, with .NET's managed NTLM,
            // which then does not fall back by itself). Negotiate means "Kerberos, else NTLM": do the NTLM part.
            try
            {
                await RunOnceAsync(connection, "NTLM", encrypt, optimistic, send, cancellationToken).ConfigureAwait(false);
            }
            catch (LocalHandshakeFailure)
            {
                throw failure.Mapped;
            }
        }
        catch (LocalHandshakeFailure failure)
        {
            throw failure.Mapped;
        }
    }

    private async Task RunOnceAsync(AuthenticatedConnection connection, string package, bool encrypt, bool optimistic,
        Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        SecurityContext context;
        byte[]? token;
        NegotiateAuthenticationStatusCode status;
        // The first step is where this machine fails (no ticket, no KDC, unknown principal, clock skew): hear GSSAPI's reason.
        using (var capture = GssErrorCapture.Start())
        {
            context = SecurityContext.Create(package, _credential, _servicePrincipalName, encrypt);
            connection.Begin(context);
            token = context.Next(ReadOnlySpan<byte>.Empty, out status);
            if (status is not (NegotiateAuthenticationStatusCode.ContinueNeeded or NegotiateAuthenticationStatusCode.Completed))
            {
                throw LocalFailure(context, status, true, capture?.Message);
            }
        }
        var incoming = Array.Empty<byte>();
        var connectsAtStart = -1;
        for (var leg = 0; leg < MaxLegs; leg++)
        {
            if (leg > 0)
            {
                token = context.Next(incoming, out status);
                if (status is not (NegotiateAuthenticationStatusCode.ContinueNeeded or NegotiateAuthenticationStatusCode.Completed))
                {
                    throw LocalFailure(context, status, false);
                }
            }
            if (token is null || token.Length == 0)
            {
                if (context.IsAuthenticated)
                {
                    connection.Authenticated();
                    return;
                }
                throw LocalFailure(context, status, leg == 0);
            }

            HttpResponseMessage response;
            using (var request = new HttpRequestMessage(HttpMethod.Post, _failures.Endpoint)
            {
                Version = HttpVersion.Version11,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = new ByteArrayContent(Array.Empty<byte>()),
            })
            {
                request.Headers.Authorization = new AuthenticationHeaderValue(context.HttpScheme, Convert.ToBase64String(token));
                response = await send(request, cancellationToken).ConfigureAwait(false);
            }
            using (response)
            {
                if (connectsAtStart < 0)
                {
                    connectsAtStart = connection.Connects;
                }
                else if (connection.Connects != connectsAtStart)
                {
                    throw _failures.HandshakeFailed(WsManAuthenticationFailure.HandshakeFailed, context.HttpScheme,
                        "the host closed the connection in the middle of the handshake. Check that nothing between here and the host " +
                        "(a proxy or load balancer) splits one client's requests over several connections.");
                }
                var answer = TokenFor(response, context.HttpScheme);
                if (response.StatusCode == HttpStatusCode.OK && leg == 0 && optimistic && !response.Headers.Contains("WWW-Authenticate"))
                {
                    throw new NoAuthenticationSignal();
                }
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    if (answer is not null && !context.IsAuthenticated)
                    {
                        var last = context.Next(answer, out var finalStatus);
                        if (finalStatus != NegotiateAuthenticationStatusCode.Completed || (last is { Length: > 0 } && !context.IsAuthenticated))
                        {
                            throw LocalFailure(context, finalStatus, false);
                        }
                    }
                    if (!context.IsAuthenticated)
                    {
                        throw _failures.HandshakeFailed(WsManAuthenticationFailure.HandshakeFailed, context.HttpScheme,
                            "the host accepted the connection without completing mutual authentication, so it was not trusted.");
                    }
                    connection.Authenticated();
                    return;
                }
                if (response.StatusCode != HttpStatusCode.Unauthorized)
                {
                    throw _failures.UnexpectedStatus((int)response.StatusCode, response.ReasonPhrase);
                }
                if (answer is null)
                {
                    var offered = HttpTransport.OfferedSchemes(response);
                    if (!HttpTransport.Offers(offered, context.HttpScheme))
                    {
                        throw new SchemeNotOfferedSignal(context.Package == "NTLM" ? "NTLM" : context.HttpScheme, offered);
                    }
                    throw _failures.HandshakeRefused(context.HttpScheme, context.NegotiatedPackage, offered, UserName);
                }
                incoming = answer;
            }
        }
        throw _failures.HandshakeFailed(WsManAuthenticationFailure.HandshakeFailed, context.HttpScheme,
            $"the host was still asking for tokens after {MaxLegs} legs.");
    }

    private string UserName => _credential is null
        ? Environment.UserName
        : string.IsNullOrEmpty(_credential.Domain) ? _credential.UserName : _credential.Domain + "\\" + _credential.UserName;

    /// <summary>The base64 token of the host's <c>WWW-Authenticate: &lt;scheme&gt; &lt;token&gt;</c>, or null.</summary>
    private static byte[]? TokenFor(HttpResponseMessage response, string scheme)
    {
        foreach (var h in response.Headers.WwwAuthenticate)
        {
            if (string.Equals(h.Scheme, scheme, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(h.Parameter))
            {
                try
                {
                    return Convert.FromBase64String(h.Parameter.Trim());
                }
                catch (FormatException)
                {
                    return null;
                }
            }
        }
        return null;
    }

    private Exception LocalFailure(SecurityContext context, NegotiateAuthenticationStatusCode status, bool beforeFirstToken, string? gssText = null) =>
        new LocalHandshakeFailure(KerberosDiagnosis.Describe(_failures, context, status, _credential is null, UserName, gssText), beforeFirstToken);
}
