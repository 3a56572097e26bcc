using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace HyperVLibvirt.Simulator.Tests.Security;

/// <summary>
/// The test client's own writing and reading of WinRM's encrypted body (MS-WSMV 2.2.9.1.1; the
/// layout pywinrm's winrm/encryption.py writes), kept apart from the simulator's parser so a test
/// compares two independent readings of the format.
/// </summary>
internal static class SessionFraming
{
    public const string SpnegoProtocol = "application/HTTP-SPNEGO-session-encrypted";
    public const string KerberosProtocol = "application/HTTP-Kerberos-session-encrypted";

    public static string ContentType(string protocol) => $"multipart/encrypted;protocol=\"{protocol}\";boundary=\"Encrypted Boundary\"";

    /// <summary>The body for a signature and sealed bytes; <paramref name="originalLength"/> may lie, for negative tests.</summary>
    public static byte[] Write(string protocol, byte[] signature, byte[] sealedBytes, int? originalLength = null)
    {
        var body = new MemoryStream();
        void Ascii(string text) => body.Write(Encoding.ASCII.GetBytes(text));
        Ascii("--Encrypted Boundary\r\n");
        Ascii("\tContent-Type: " + protocol + "\r\n");
        Ascii("\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=" + (originalLength ?? sealedBytes.Length).ToString(CultureInfo.InvariantCulture) + "\r\n");
        Ascii("--Encrypted Boundary\r\n");
        Ascii("\tContent-Type: application/octet-stream\r\n");
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, signature.Length);
        body.Write(length);
        body.Write(signature);
        body.Write(sealedBytes);
        Ascii("--Encrypted Boundary--\r\n");
        return body.ToArray();
    }

    /// <summary>Reads a response body: OriginalContent's Length, the signature and the sealed bytes.</summary>
    public static (int Length, byte[] Signature, byte[] Sealed) Read(byte[] body)
    {
        var octet = Encoding.ASCII.GetBytes("\tContent-Type: application/octet-stream\r\n");
        var at = body.AsSpan().IndexOf(octet);
        if (at < 0)
        {
            throw new FormatException("No octet-stream part.");
        }

        var head = Encoding.ASCII.GetString(body, 0, at);
        var lengthAt = head.IndexOf("Length=", StringComparison.Ordinal);
        var lengthEnd = head.IndexOf("\r\n", lengthAt, StringComparison.Ordinal);
        var length = int.Parse(head[(lengthAt + "Length=".Length)..lengthEnd], CultureInfo.InvariantCulture);
        var data = at + octet.Length;
        var signatureLength = BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(data));
        var signature = body.AsSpan(data + 4, signatureLength).ToArray();
        var sealedBytes = body.AsSpan(data + 4 + signatureLength, length).ToArray();
        var tail = Encoding.ASCII.GetString(body, data + 4 + signatureLength + length, body.Length - (data + 4 + signatureLength + length));
        if (tail != "--Encrypted Boundary--\r\n")
        {
            throw new FormatException("Unexpected bytes after the sealed data: " + tail.Length);
        }

        return (length, signature, sealedBytes);
    }
}
