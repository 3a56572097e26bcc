using System.Net.Security;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// Turns a handshake step this machine could not take into the error that says what to do. GSSAPI's own text (heard by
/// <see cref="GssErrorCapture"/>; MIT krb5's messages) tells the Kerberos cases apart; without it, the status code decides.
/// </summary>
internal static class KerberosDiagnosis
{
    public static WsManAuthenticationException Describe(WsManFailureMapper failures, SecurityContext context, NegotiateAuthenticationStatusCode status,
        bool fromTicketCache, string user, string? gssText)
    {
        var scheme = context.Package;
        var said = gssText is null ? string.Empty : $" (GSSAPI: {Reason(gssText)})";
        if (gssText is not null)
        {
            if (Has(gssText, "Clock skew too great"))
            {
                return failures.HandshakeFailed(WsManAuthenticationFailure.KerberosClockSkew, scheme,
                    "this machine's clock and the KDC's (or the host's) differ by more than Kerberos allows (5 minutes by default)" + said +
                    ". Synchronise the clocks (NTP, e.g. chrony or systemd-timesyncd, against the domain's time source), then connect again.");
            }
            if (Has(gssText, "Cannot contact any KDC") || Has(gssText, "Cannot find KDC") || Has(gssText, "Cannot resolve network address for KDC"))
            {
                return failures.HandshakeFailed(WsManAuthenticationFailure.KerberosNoKdc, scheme,
                    "no KDC of the user's realm could be reached" + said + ". Check the realm's 'kdc' entries in krb5.conf (KRB5_CONFIG) or DNS SRV " +
                    "records (_kerberos._udp.REALM), that the realm is written in upper case (alice@CONTOSO.COM), and that port 88 is open.");
            }
            if (Has(gssText, "not found in Kerberos database") && gssText.Contains("Server", StringComparison.Ordinal))
            {
                return failures.HandshakeFailed(WsManAuthenticationFailure.KerberosUnknownPrincipal, scheme,
                    "the KDC does not know the host's service principal" + said + ". Connect with the host's DNS name as registered in the domain " +
                    "(not an IP address or an alias), or name the principal with -ServicePrincipalName (setspn -L <host> lists it).");
            }
            if (Has(gssText, "not found in Kerberos database"))
            {
                return failures.HandshakeFailed(WsManAuthenticationFailure.KerberosUnknownPrincipal, scheme,
                    $"the KDC does not know the user '{user}'" + said + ". Check the user name and its realm (user@REALM, realm in upper case).");
            }
            if (Has(gssText, "No Kerberos credentials available") || Has(gssText, "SPNEGO cannot find mechanisms") && fromTicketCache)
            {
                return NoTicket(failures, scheme, said);
            }
            if (Has(gssText, "Preauthentication failed") || Has(gssText, "Decrypt integrity check failed") || Has(gssText, "Password incorrect"))
            {
                return new WsManAuthenticationException(WsManAuthenticationFailure.BadCredentials,
                    $"The KDC refused the password for user '{user}'{said}. Check the password (and that the account is not locked or expired).",
                    failures.Host, failures.Port, Array.Empty<string>());
            }
        }
        return status switch
        {
            NegotiateAuthenticationStatusCode.UnknownCredentials or NegotiateAuthenticationStatusCode.CredentialsExpired when fromTicketCache =>
                NoTicket(failures, scheme, said),
            NegotiateAuthenticationStatusCode.TargetUnknown =>
                failures.HandshakeFailed(WsManAuthenticationFailure.KerberosUnknownPrincipal, scheme,
                    "the KDC does not know the service principal" + said + ". Connect with the host's DNS name as registered in the domain (not an IP address), " +
                    "or name the principal with -ServicePrincipalName."),
            NegotiateAuthenticationStatusCode.Unsupported =>
                failures.HandshakeFailed(WsManAuthenticationFailure.HandshakeFailed, scheme,
                    $"this machine has no {scheme} support{said}. On Linux install the GSSAPI packages (Debian: libgssapi-krb5-2, and gss-ntlmssp for NTLM)."),
            _ => failures.HandshakeFailed(WsManAuthenticationFailure.HandshakeFailed, scheme,
                $"the security package reported {status}{said}. Check the user name and password, and for Kerberos the realm's KDC (krb5.conf) and the clocks."),
        };
    }

    private static WsManAuthenticationException NoTicket(WsManFailureMapper failures, string scheme, string said) =>
        failures.HandshakeFailed(WsManAuthenticationFailure.KerberosNoTicket, scheme,
            "there is no valid Kerberos ticket in the ticket cache" + said + ". Run 'kinit user@REALM' first (klist shows the cache; KRB5CCNAME names it), " +
            "or pass -Credential.");

    private static bool Has(string text, string part) => text.Contains(part, StringComparison.OrdinalIgnoreCase);

    /// <summary>The reason part of .NET's "GSSAPI operation failed with error - major (minor)." text, shown as a single line.</summary>
    private static string Reason(string text)
    {
        // The event may carry the exception's stack after its first line: only the first line is the reason.
        var firstLine = text.ReplaceLineEndings("\n").Split('\n', 2)[0];
        var line = DisplayText.Neutralize(firstLine) ?? string.Empty;
        const string prefix = "GSSAPI operation failed with error - ";
        var at = line.IndexOf(prefix, StringComparison.Ordinal);
        line = at >= 0 ? line[(at + prefix.Length)..] : line;
        return line.TrimEnd('.', ' ');
    }
}
