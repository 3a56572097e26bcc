namespace HyperVLibvirt.Simulator.Wire.Security;

/// <summary>What the first bytes of an HTTP Negotiate/Kerberos token say about it.</summary>
internal static class SecurityTokens
{
    /// <summary>The NTLMSSP signature every NTLM message starts with ([MS-NLMP] 2.2.1).</summary>
    private static ReadOnlySpan<byte> NtlmSignature => "NTLMSSP\0"u8;

    /// <summary>
    /// The NegotiateAuthentication package for a token under an HTTP scheme word: <c>Kerberos</c> is
    /// raw RFC 4121; under <c>Negotiate</c>, Windows' HTTP.sys also takes a bare NTLMSSP token (as
    /// pywinrm / requests-ntlm send it), otherwise it is SPNEGO (RFC 4178, RFC 4559).
    /// </summary>
    public static string PackageFor(string scheme, ReadOnlySpan<byte> token) =>
        scheme.Equals("Kerberos", StringComparison.OrdinalIgnoreCase) ? "Kerberos"
        : IsNtlm(token) ? "NTLM"
        : "Negotiate";

    /// <summary>Whether the token is an NTLM message.</summary>
    public static bool IsNtlm(ReadOnlySpan<byte> token) => token.StartsWith(NtlmSignature);

    /// <summary>
    /// Whether the token starts a handshake rather than continuing one: an NTLM NEGOTIATE_MESSAGE
    /// (type 1), or a GSS InitialContextToken (tag 0x60, RFC 2743 3.1), which both a SPNEGO
    /// NegTokenInit and a Kerberos AP-REQ are.
    /// </summary>
    public static bool IsInitial(ReadOnlySpan<byte> token) =>
        IsNtlm(token) ? token.Length >= 12 && token[8] == 1 && token[9] == 0 && token[10] == 0 && token[11] == 0
        : token.Length > 0 && token[0] == 0x60;
}
