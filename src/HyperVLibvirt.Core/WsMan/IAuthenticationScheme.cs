using System.Net.Http.Headers;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// One HTTP authentication scheme. Basic answers a challenge in one step; a later Negotiate/NTLM
/// implementation would add a multi-leg exchange (and message encryption) behind the same seam.
/// </summary>
internal interface IAuthenticationScheme
{
    /// <summary>The scheme name as it appears in <c>WWW-Authenticate</c>, e.g. "Basic".</summary>
    string SchemeName { get; }

    /// <summary>The user name for messages (never the password).</summary>
    string UserName { get; }

    /// <summary>The Authorization header value to send.</summary>
    AuthenticationHeaderValue CreateAuthorization();
}
