namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// WinRM message encryption (MS-WSMV 2.2.9.1): SOAP bodies sealed with the Negotiate, Kerberos or NTLM session key, which is
/// how a host with <c>AllowUnencrypted=false</c> accepts traffic over plain HTTP.
/// </summary>
public enum MessageEncryption
{
    /// <summary>Encrypt over HTTP when the scheme can (Negotiate, Kerberos, NTLM); not over HTTPS, where TLS protects the traffic.</summary>
    Auto = 0,

    /// <summary>Always encrypt, also over HTTPS; Basic is then refused.</summary>
    Always = 1,

    /// <summary>Never encrypt: plain SOAP, which a host as it ships refuses over HTTP.</summary>
    Never = 2,
}
