using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// HTTP Basic as WinRM expects it (MS-WSMV 3.1.4.1.28–29; RFC 7617): <c>user:password</c> in UTF-8, base64. The user name may be
/// <c>DOMAIN\user</c>, or the credential's Domain is prefixed that way.
/// </summary>
internal sealed class BasicAuthentication : IAuthenticationScheme
{
    private readonly NetworkCredential _credential;

    public BasicAuthentication(NetworkCredential credential)
    {
        _credential = credential;
        UserName = string.IsNullOrEmpty(credential.Domain) ? credential.UserName : credential.Domain + "\\" + credential.UserName;
    }

    public string SchemeName => "Basic";

    public string UserName { get; }

    public AuthenticationHeaderValue CreateAuthorization()
    {
        // Built per request so the password is not kept in another long-lived string.
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes(UserName + ":" + _credential.Password));
        return new AuthenticationHeaderValue("Basic", token);
    }
}
