using HyperVLibvirt.Simulator.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace HyperVLibvirt.Simulator.Wire.Security;

/// <summary>
/// WinRM's HTTP authentication: the 401 challenge with one <c>WWW-Authenticate</c> per enabled
/// scheme (Negotiate, Kerberos, Basic; MS-WSMV 2.2.9.1), Basic per request, Negotiate and Kerberos
/// per connection (RFC 4559), and AllowUnencrypted for Basic over HTTP.
/// </summary>
internal sealed class RequestAuthenticator
{
    /// <summary>Longest token taken from an Authorization header (Kerberos tickets with a PAC stay far below).</summary>
    private const int MaxTokenBytes = 48 * 1024;

    /// <summary>HTTP/2's HTTP_1_1_REQUIRED error code (RFC 9113 section 7), what HTTP.sys answers a connection-bound scheme with.</summary>
    private const int Http11Required = 0xd;

    private readonly SimulatorOptions _options;
    private readonly BasicAuthenticator _basic;
    private readonly ContextAcceptor _acceptor;
    private readonly bool _servesNtlm;

    /// <summary>Creates the authenticator; <paramref name="servesNtlm"/> says whether gss-ntlmssp and the user file are ready.</summary>
    public RequestAuthenticator(SimulatorOptions options, SimulatedHost host, SimulatorStatistics statistics, bool servesNtlm)
    {
        _options = options;
        _servesNtlm = servesNtlm;
        _basic = new BasicAuthenticator(() => options.Accounts, () => options.BasicEnabled, () => host.ComputerName);
        _acceptor = new ContextAcceptor(() => options.Accounts, () => host.ComputerName, servesNtlm, statistics);
    }

    /// <summary>Whether Negotiate is offered and accepted: as configured, or (unset) whenever NTLM can be served.</summary>
    public bool NegotiateEnabled => _options.NegotiateEnabled ?? _servesNtlm;

    /// <summary>Whether the raw Kerberos scheme is offered and accepted.</summary>
    public bool KerberosEnabled => _options.KerberosEnabled;

    /// <summary>Authenticates a request, or sets up the answer that refuses it or continues a handshake.</summary>
    public AuthenticationResult Authenticate(HttpContext context, ConnectionSecurity? connection)
    {
        var request = context.Request;
        var response = context.Response;
        var header = request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            if (connection is { IsAuthenticated: true })
            {
                return new AuthenticationResult(false, connection.User, ByContext: true);
            }

            Challenge(response);
            return AuthenticationResult.Done();
        }

        var space = header.IndexOf(' ');
        var scheme = space < 0 ? header : header[..space];
        var word = ContextSchemeWord(scheme);
        if (word is not null)
        {
            return Handshake(context, connection, word, space < 0 ? string.Empty : header[(space + 1)..].Trim());
        }

        if (scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && _options.BasicEnabled)
        {
            if (!request.IsHttps && !_options.AllowUnencrypted)
            {
                // Basic over HTTP is plaintext: refused before the credentials are looked at.
                RefuseUnencrypted(response, byContext: false);
                return AuthenticationResult.Done();
            }

            if (_basic.Authenticate(header, out var user) == AuthenticationOutcome.Accepted)
            {
                return new AuthenticationResult(false, user);
            }
        }

        Challenge(response);
        return AuthenticationResult.Done();
    }

    /// <summary>401 with the challenge list and an empty body, as WinRM answers.</summary>
    public void Challenge(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status401Unauthorized;
        var schemes = new List<string>(3);
        if (NegotiateEnabled)
        {
            schemes.Add("Negotiate");
        }

        if (KerberosEnabled)
        {
            schemes.Add("Kerberos");
        }

        if (_options.BasicEnabled)
        {
            schemes.Add("Basic realm=\"WSMAN\"");
        }

        if (schemes.Count > 0)
        {
            response.Headers.WWWAuthenticate = new StringValues([.. schemes]);
        }

        response.ContentLength = 0;
    }

    /// <summary>
    /// Refuses a plaintext message over HTTP while AllowUnencrypted is false, as configured;
    /// <paramref name="byContext"/>: the connection is authenticated by Negotiate/Kerberos (else Basic).
    /// </summary>
    public void RefuseUnencrypted(HttpResponse response, bool byContext)
    {
        if (_options.UnencryptedRefusal == UnencryptedRefusal.Status500 || (byContext && _options.UnencryptedRefusal == UnencryptedRefusal.AsWindows))
        {
            response.StatusCode = StatusCodes.Status500InternalServerError;
            response.ContentLength = 0;
        }
        else
        {
            Challenge(response);
        }
    }

    private string? ContextSchemeWord(string scheme)
    {
        if (scheme.Equals("Negotiate", StringComparison.OrdinalIgnoreCase) && NegotiateEnabled)
        {
            return "Negotiate";
        }

        if (scheme.Equals("Kerberos", StringComparison.OrdinalIgnoreCase) && KerberosEnabled)
        {
            return "Kerberos";
        }

        return null;
    }

    private AuthenticationResult Handshake(HttpContext context, ConnectionSecurity? connection, string word, string encodedToken)
    {
        var response = context.Response;
        if (!HttpProtocol.IsHttp11(context.Request.Protocol) && !HttpProtocol.IsHttp10(context.Request.Protocol))
        {
            // A context bound to the connection cannot work over HTTP/2's shared streams.
            context.Features.Get<IHttpResetFeature>()?.Reset(Http11Required);
            return AuthenticationResult.Done();
        }

        byte[]? token = null;
        if (encodedToken.Length is > 0 and <= MaxTokenBytes * 4 / 3 + 4)
        {
            var buffer = new byte[encodedToken.Length];
            if (Convert.TryFromBase64String(encodedToken, buffer, out var written) && written > 0)
            {
                token = buffer[..written];
            }
        }

        if (connection is null || token is null)
        {
            Challenge(response);
            return AuthenticationResult.Done();
        }

        var step = _acceptor.Step(connection, word, token);
        switch (step.Outcome)
        {
            case HandshakeOutcome.Continue:
                response.StatusCode = StatusCodes.Status401Unauthorized;
                response.Headers.WWWAuthenticate = word + " " + Convert.ToBase64String(step.Token!);
                response.ContentLength = 0;
                return AuthenticationResult.Done(isFault: false);
            case HandshakeOutcome.Completed:
                var final = step.Token is null ? null : word + " " + Convert.ToBase64String(step.Token);
                return new AuthenticationResult(false, step.User, ByContext: true, FinalToken: final);
            default:
                Challenge(response);
                if (step.CloseConnection)
                {
                    response.Headers.Connection = "close";
                }

                return AuthenticationResult.Done();
        }
    }
}
