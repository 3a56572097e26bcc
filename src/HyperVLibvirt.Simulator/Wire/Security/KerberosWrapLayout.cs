using System.Buffers.Binary;

namespace HyperVLibvirt.Simulator.Wire.Security;

/// <summary>
/// Turns MIT's Kerberos wrap token into the layout Windows sends. An RFC 4121 4.2.6.2 wrap token
/// with confidentiality is <c>header(16) || C</c>, C = E(confounder | data | filler | header) ||
/// checksum. MIT's gss_wrap writes RRC = 0; Windows (SSPI EncryptMessage, and pywinrm / pypsrp with
/// gss_wrap_iov) rotates C right so that everything but the data comes first ("DCE style"), RRC =
/// filler + 16 + checksum length (28 with AES and HMAC-SHA1-96), so the signature WinRM frames is
/// header + rotated trailer + confounder (60 bytes with AES) and the rest is as long as the data.
/// RFC 4121 4.2.5: RRC is not covered by the checksum, so the token stays valid.
/// Built to the specification; not yet confirmed against a live Windows host.
/// </summary>
internal static class KerberosWrapLayout
{
    private const int HeaderLength = 16;
    private const int ConfounderLength = 16; // the AES block size

    /// <summary>Rotates <paramref name="token"/> in place; leaves anything that is not an unrotated sealed CFX token alone.</summary>
    public static void RotateToWindowsLayout(byte[] token, int signatureLength)
    {
        // TOK_ID 05 04, Flags bit 1 = Sealed, RRC (bytes 6..7) still 0.
        if (token.Length < HeaderLength || token[0] != 0x05 || token[1] != 0x04 || (token[2] & 0x02) == 0 || token[6] != 0 || token[7] != 0)
        {
            return;
        }

        var rotation = signatureLength - HeaderLength - ConfounderLength;
        var cipher = token.AsSpan(HeaderLength);
        if (rotation <= 0 || rotation > cipher.Length || rotation > ushort.MaxValue)
        {
            return;
        }

        var trailer = cipher[^rotation..].ToArray();
        cipher[..^rotation].CopyTo(cipher[rotation..]);
        trailer.CopyTo(cipher);
        BinaryPrimitives.WriteUInt16BigEndian(token.AsSpan(6), (ushort)rotation);
    }
}
