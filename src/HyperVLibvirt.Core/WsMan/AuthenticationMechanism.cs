namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// How the client authenticates to WinRM. The names follow CimSession's <c>PasswordAuthenticationMechanism</c> where they fit
/// (<c>NtlmDomain</c> is accepted as another name for <see cref="Ntlm"/>).
/// </summary>
public enum AuthenticationMechanism
{
    /// <summary>The strongest scheme the host offers in its 401: Negotiate, then Kerberos, and Basic only when it is the only one.</summary>
    Default = 0,

    /// <summary>HTTP Basic (RFC 7617): local accounts only; the password is readable on the wire unless HTTPS protects it.</summary>
    Basic = 1,

    /// <summary>SPNEGO (RFC 4178): Kerberos when the host has a service principal and the user a realm, otherwise NTLM.</summary>
    Negotiate = 2,

    /// <summary>Kerberos only (RFC 4120/4121), from a password or the user's ticket cache.</summary>
    Kerberos = 3,

    /// <summary>NTLM only (MS-NLMP), sent under WinRM's Negotiate scheme as Windows clients do.</summary>
    Ntlm = 4,

    /// <summary>CimSession's name for NTLM.</summary>
    NtlmDomain = Ntlm,
}
