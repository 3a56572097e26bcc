using System.Net;
using System.Net.Security;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// One client security context (Negotiate, Kerberos or NTLM) on one TCP connection, on .NET's NegotiateAuthentication
/// (SSPI on Windows, GSSAPI or the managed NTLM elsewhere): the handshake's tokens, then Wrap/Unwrap for message encryption.
/// Not thread-safe: a connection carries one request at a time.
/// </summary>
internal sealed class SecurityContext : IDisposable
{
    private readonly NegotiateAuthentication _auth;

    private SecurityContext(NegotiateAuthentication auth, string httpScheme, string package, bool encrypt)
    {
        _auth = auth;
        HttpScheme = httpScheme;
        Package = package;
        Encrypts = encrypt;
    }

    /// <summary>The word in the Authorization header: <c>Negotiate</c> (also for NTLM, as Windows clients send it) or <c>Kerberos</c>.</summary>
    public string HttpScheme { get; }

    /// <summary>The package asked for: Negotiate, Kerberos or NTLM.</summary>
    public string Package { get; }

    /// <summary>Whether messages are sealed with this context.</summary>
    public bool Encrypts { get; }

    /// <summary>True once the handshake completed.</summary>
    public bool IsAuthenticated => _auth.IsAuthenticated;

    /// <summary>The package in use once authenticated (Kerberos or NTLM under Negotiate).</summary>
    public string NegotiatedPackage => _auth.IsAuthenticated ? _auth.Package : Package;

    /// <summary>The multipart/encrypted protocol for this scheme (MS-WSMV 2.2.9.1.1).</summary>
    public string EncryptionProtocol => HttpScheme == "Kerberos" ? EncryptedBody.KerberosProtocol : EncryptedBody.SpnegoProtocol;

    /// <summary>Creates a context. A null <paramref name="credential"/> uses the user's own (the Kerberos ticket cache).</summary>
    public static SecurityContext Create(string package, NetworkCredential? credential, string servicePrincipalName, bool encrypt)
    {
        NtlmSupport.Configure();
        var options = new NegotiateAuthenticationClientOptions
        {
            Package = package,
            Credential = credential ?? CredentialCache.DefaultNetworkCredentials,
            TargetName = servicePrincipalName,
            RequiredProtectionLevel = encrypt ? ProtectionLevel.EncryptAndSign : ProtectionLevel.None,
            // WinRM answers Kerberos's one leg with the AP-REP: insist on it. (Not for Negotiate: NTLM, its fallback, has none.)
            RequireMutualAuthentication = package == "Kerberos",
        };
        var httpScheme = package == "Kerberos" ? "Kerberos" : "Negotiate";
        return new SecurityContext(new NegotiateAuthentication(options), httpScheme, package, encrypt);
    }

    /// <summary>The next token to send, given the server's (empty on the first leg); null when there is nothing to send.</summary>
    public byte[]? Next(ReadOnlySpan<byte> incoming, out NegotiateAuthenticationStatusCode status) => _auth.GetOutgoingBlob(incoming, out status);

    /// <summary>Seals <paramref name="plaintext"/> and frames it as WinRM's multipart/encrypted body.</summary>
    public byte[] Seal(ReadOnlySpan<byte> plaintext)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(plaintext.Length + 128);
        var status = _auth.Wrap(plaintext, buffer, requestEncryption: true, out var encrypted);
        if (status != NegotiateAuthenticationStatusCode.Completed || !encrypted)
        {
            throw new SessionCryptoException($"sealing a message failed ({status})");
        }
        var wrapped = buffer.WrittenSpan.ToArray();
        var signatureLength = SessionWrapLayout.ToWinRmLayout(wrapped, plaintext.Length);
        return EncryptedBody.Write(EncryptionProtocol, wrapped, signatureLength, plaintext.Length);
    }

    /// <summary>Unframes and unseals a multipart/encrypted body; returns the SOAP bytes and their charset.</summary>
    public byte[] Unseal(ReadOnlySpan<byte> body, out string? charset)
    {
        byte[] token;
        int length;
        try
        {
            token = EncryptedBody.Read(body, out length, out charset, out _);
        }
        catch (FormatException e)
        {
            throw new SessionCryptoException("the encrypted body is malformed: " + e.Message);
        }
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(Math.Max(length, 1));
        var status = _auth.Unwrap(token, buffer, out var encrypted);
        if (status != NegotiateAuthenticationStatusCode.Completed)
        {
            throw new SessionCryptoException($"unsealing the response failed ({status})");
        }
        if (!encrypted)
        {
            throw new SessionCryptoException("the response was signed but not encrypted");
        }
        if (buffer.WrittenCount != length)
        {
            throw new SessionCryptoException($"the response announced {length} bytes and unsealed to {buffer.WrittenCount}");
        }
        return buffer.WrittenSpan.ToArray();
    }

    public void Dispose() => _auth.Dispose();
}

