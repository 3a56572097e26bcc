using System.Buffers;
using System.Net.Security;

namespace HyperVLibvirt.Simulator.Wire.Security;

/// <summary>A decrypted request body.</summary>
/// <param name="Plaintext">The SOAP bytes.</param>
/// <param name="Charset">Their charset, from OriginalContent.</param>
/// <param name="Protocol">The session-encrypted protocol the client used (the answer uses the same).</param>
internal sealed record OpenedMessage(byte[] Plaintext, string? Charset, string Protocol);

/// <summary>
/// Decrypts requests and encrypts responses with a connection's security context, in WinRM's
/// layout ([MS-WSMV] 2.2.9.1): the signature, then exactly as many sealed bytes as the plaintext.
/// </summary>
internal static class MessageSealing
{
    /// <summary>Parses and decrypts an encrypted body; throws <see cref="EncryptedBodyException"/> (400, 413, 415).</summary>
    public static OpenedMessage Open(ConnectionSecurity connection, string contentType, ReadOnlySpan<byte> body, int maxPlaintextBytes)
    {
        var protocol = EncryptedMessage.ProtocolOf(contentType);
        var parts = EncryptedMessage.Parse(body, protocol);
        if (parts.Length > maxPlaintextBytes)
        {
            // MaxEnvelopeSizekb holds for what the message really is, not for its wrapping.
            throw new EncryptedBodyException(413, "The decrypted envelope would exceed MaxEnvelopeSizekb.");
        }

        var plaintext = new ArrayBufferWriter<byte>(Math.Max(parts.Length, 1));
        lock (connection.Gate)
        {
            var context = connection.Context ?? throw new EncryptedBodyException(400, "The connection has no security context.");
            NegotiateAuthenticationStatusCode status;
            bool wasEncrypted;
            try
            {
                // Signature and sealed bytes are contiguous in the body: together they are the wrap token.
                // MIT's gss_unwrap takes a Kerberos token with any RRC, so Windows' rotated layout needs no undoing.
                status = context.Unwrap(body.Slice(parts.TokenOffset, parts.TokenLength), plaintext, out wasEncrypted);
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
            {
                throw new EncryptedBodyException(400, "The encrypted body could not be unwrapped: " + ex.GetType().Name + ".");
            }

            if (status != NegotiateAuthenticationStatusCode.Completed || !wasEncrypted)
            {
                throw new EncryptedBodyException(400, $"The encrypted body could not be unwrapped ({status}, encrypted: {wasEncrypted}).");
            }
        }

        if (plaintext.WrittenCount != parts.Length)
        {
            throw new EncryptedBodyException(400, "The decrypted length differs from OriginalContent's Length.");
        }

        return new OpenedMessage(plaintext.WrittenSpan.ToArray(), parts.Charset, protocol);
    }

    /// <summary>Encrypts a response body; returns the multipart body.</summary>
    public static byte[] Seal(ConnectionSecurity connection, string protocol, ReadOnlySpan<byte> plaintext)
    {
        var wrapped = new ArrayBufferWriter<byte>(plaintext.Length + 128);
        bool isKerberos;
        lock (connection.Gate)
        {
            var context = connection.Context ?? throw new InvalidOperationException("The connection lost its security context.");
            var status = context.Wrap(plaintext, wrapped, requestEncryption: true, out var isEncrypted);
            if (status != NegotiateAuthenticationStatusCode.Completed || !isEncrypted)
            {
                throw new InvalidOperationException($"The response could not be sealed ({status}).");
            }

            isKerberos = string.Equals(context.Package, "Kerberos", StringComparison.OrdinalIgnoreCase);
        }

        var token = wrapped.WrittenSpan.ToArray();
        var signatureLength = token.Length - plaintext.Length;
        if (isKerberos)
        {
            KerberosWrapLayout.RotateToWindowsLayout(token, signatureLength);
        }

        return EncryptedMessage.Build(protocol, plaintext.Length, signatureLength, token);
    }
}
