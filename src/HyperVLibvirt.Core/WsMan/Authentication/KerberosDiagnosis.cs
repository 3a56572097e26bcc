using System.Net.Security;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>Turns a local handshake failure into the error that says what to do.</summary>
internal static class KerberosDiagnosis
{
    public static WsManAuthenticationException Describe(WsManFailureMapper failures, SecurityContext context, NegotiateAuthenticationStatusCode status,
        bool fromTicketCache)
    {
        var scheme = context.Package;
        return status switch
        {
            NegotiateAuthenticationStatusCode.UnknownCredentials or NegotiateAuthenticationStatusCode.CredentialsExpired when fromTicketCache =>
                failures.HandshakeFailed(WsManAuthenticationFailure.KerberosNoTicket, scheme,
                    "there is no valid Kerberos ticket in the ticket cache. Run 'kinit user@REALM' first (klist shows the cache), or pass -Credential."),
            NegotiateAuthenticationStatusCode.TargetUnknown =>
                failures.HandshakeFailed(WsManAuthenticationFailure.KerberosUnknownPrincipal, scheme,
                    "the KDC does not know the service principal. Connect with the host's DNS name as registered in the domain (not an IP address), " +
                    "or name the principal with -ServicePrincipalName."),
            NegotiateAuthenticationStatusCode.Unsupported =>
                failures.HandshakeFailed(WsManAuthenticationFailure.HandshakeFailed, scheme,
                    $"this machine has no {scheme} support. On Linux install the GSSAPI packages (Debian: libgssapi-krb5-2, and gss-ntlmssp for NTLM)."),
            _ => failures.HandshakeFailed(WsManAuthenticationFailure.HandshakeFailed, scheme,
                $"the security package reported {status}. Check the user name and password, and for Kerberos the realm's KDC (krb5.conf) and the clocks."),
        };
    }
}
