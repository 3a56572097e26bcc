using System.Buffers.Binary;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// Splits a GSS wrap output into WinRM's two pieces, the signature (token header) and the sealed bytes, whose length
/// equals the plaintext's (MS-WSMV 2.2.9.1.2; pywinrm winrm/encryption.py and pypsrp src/pypsrp/encryption.py frame it
/// the same way).
/// </summary>
/// <remarks>
/// NTLM's wrap output is the 16-byte signature followed by the sealed message (MS-NLMP 3.4.3), already in that shape.
/// A Kerberos CFX wrap token (RFC 4121 4.2.6.2, token id 05 04) from MIT's gss_wrap has RRC = 0: header(16), then the
/// ciphertext of confounder + message + header copy, then the checksum. Windows (SSPI EncryptMessage, and gss_wrap_iov
/// in the Python clients) sends the "DCE style" layout instead: the ciphertext rotated right so everything but the
/// message's own bytes sits in the signature, with the rotation count in the header (RFC 4121 4.2.5; RRC is not covered
/// by the checksum, and the receiver's gss_unwrap undoes any rotation). Built to the specification; not yet confirmed
/// against a live Windows host.
/// </remarks>
internal static class SessionWrapLayout
{
    private const int CfxHeaderLength = 16;
    private const int AesConfounderLength = 16;

    /// <summary>Rearranges <paramref name="wrapped"/> (in place) so its first <c>wrapped.Length - plaintextLength</c> bytes are the signature.</summary>
    /// <returns>The signature length.</returns>
    public static int ToWinRmLayout(byte[] wrapped, int plaintextLength)
    {
        var signatureLength = wrapped.Length - plaintextLength;
        if (signatureLength <= 0)
        {
            throw new InvalidOperationException("The security context produced a wrap token shorter than the message.");
        }
        if (IsCfxWithoutRotation(wrapped, signatureLength))
        {
            // Everything after the header and the encrypted confounder moves behind the message: rotate the ciphertext right
            // by the trailer's length (filler + encrypted header copy + checksum).
            var rotation = signatureLength - CfxHeaderLength - AesConfounderLength;
            var cipher = wrapped.AsSpan(CfxHeaderLength);
            var tail = cipher[^rotation..].ToArray();
            cipher[..^rotation].CopyTo(cipher[rotation..]);
            tail.CopyTo(cipher);
            BinaryPrimitives.WriteUInt16BigEndian(wrapped.AsSpan(6, 2), checked((ushort)rotation));
        }
        return signatureLength;
    }

    private static bool IsCfxWithoutRotation(byte[] token, int signatureLength) =>
        token.Length >= CfxHeaderLength
        && token[0] == 0x05 && token[1] == 0x04
        && BinaryPrimitives.ReadUInt16BigEndian(token.AsSpan(6, 2)) == 0
        && signatureLength > CfxHeaderLength + AesConfounderLength;
}
