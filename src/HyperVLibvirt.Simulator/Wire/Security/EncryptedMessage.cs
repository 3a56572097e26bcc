using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace HyperVLibvirt.Simulator.Wire.Security;

/// <summary>The parts of a parsed encrypted body.</summary>
/// <param name="Protocol">The protocol string of the first part (the session-encrypted type).</param>
/// <param name="Charset">The charset of the original content (e.g. UTF-8).</param>
/// <param name="Length">The plaintext length OriginalContent announces.</param>
/// <param name="SignatureLength">The length prefix: bytes of signature before the sealed data.</param>
/// <param name="TokenOffset">Where signature and sealed data (contiguous) start in the body.</param>
internal readonly record struct EncryptedParts(string Protocol, string? Charset, int Length, int SignatureLength, int TokenOffset)
{
    /// <summary>Signature plus sealed bytes: what Unwrap takes.</summary>
    public int TokenLength => SignatureLength + Length;
}

/// <summary>
/// WinRM's HTTP message encryption framing ([MS-WSMV] 2.2.9.1.1-2; as pywinrm winrm/encryption.py and
/// pypsrp src/pypsrp/encryption.py write it): a <c>multipart/encrypted</c> body of two parts,
/// part headers starting with a TAB, the second part a little-endian uint32 signature length, the
/// signature and the sealed bytes, then the closing boundary without a CRLF before it.
/// </summary>
internal static class EncryptedMessage
{
    /// <summary>The only boundary WinRM uses.</summary>
    public const string Boundary = "Encrypted Boundary";

    /// <summary>Negotiate (SPNEGO, NTLM) session encryption; pywinrm sends it for Kerberos too.</summary>
    public const string SpnegoProtocol = "application/HTTP-SPNEGO-session-encrypted";

    /// <summary>Kerberos session encryption.</summary>
    public const string KerberosProtocol = "application/HTTP-Kerberos-session-encrypted";

    /// <summary>Bytes of framing allowed on top of MaxEnvelopeSizekb for an encrypted body.</summary>
    public const int FramingAllowance = 1024;

    /// <summary>Longest signature accepted (NTLM 16, Kerberos AES 60).</summary>
    private const int MaxSignatureLength = 1024;

    private const int MaxHeaderLine = 256;

    /// <summary>Whether the request's Content-Type is one of the encrypted multipart types.</summary>
    public static bool IsEncrypted(string? contentType) =>
        contentType is not null && (contentType.TrimStart().StartsWith("multipart/encrypted", StringComparison.OrdinalIgnoreCase)
            || contentType.TrimStart().StartsWith("multipart/x-multi-encrypted", StringComparison.OrdinalIgnoreCase));

    /// <summary>The Content-Type of an encrypted body with this protocol.</summary>
    public static string ContentType(string protocol) => $"multipart/encrypted;protocol=\"{protocol}\";boundary=\"{Boundary}\"";

    /// <summary>
    /// Checks the HTTP Content-Type: <c>multipart/encrypted</c>, a protocol we speak, the WinRM
    /// boundary. Returns the protocol; throws 415 for another protocol or type, 400 when malformed.
    /// </summary>
    public static string ProtocolOf(string contentType)
    {
        var parts = contentType.Split(';');
        if (!parts[0].Trim().Equals("multipart/encrypted", StringComparison.OrdinalIgnoreCase))
        {
            // multipart/x-multi-encrypted is CredSSP's chunked form: CredSSP is not served.
            throw new EncryptedBodyException(415, "Only multipart/encrypted is served.");
        }

        string? protocol = null, boundary = null;
        foreach (var parameter in parts.Skip(1))
        {
            var equals = parameter.IndexOf('=');
            if (equals < 0)
            {
                continue;
            }

            var name = parameter[..equals].Trim();
            var value = parameter[(equals + 1)..].Trim().Trim('"');
            if (name.Equals("protocol", StringComparison.OrdinalIgnoreCase))
            {
                protocol = value;
            }
            else if (name.Equals("boundary", StringComparison.OrdinalIgnoreCase))
            {
                boundary = value;
            }
        }

        if (protocol is null || boundary is null || boundary != Boundary)
        {
            throw new EncryptedBodyException(400, "The multipart/encrypted Content-Type lacks the protocol or the WinRM boundary.");
        }

        if (!protocol.Equals(SpnegoProtocol, StringComparison.OrdinalIgnoreCase) && !protocol.Equals(KerberosProtocol, StringComparison.OrdinalIgnoreCase))
        {
            throw new EncryptedBodyException(415, "Unsupported session encryption protocol.");
        }

        return protocol;
    }

    /// <summary>Parses a body strictly; throws <see cref="EncryptedBodyException"/> (400) on any deviation.</summary>
    public static EncryptedParts Parse(ReadOnlySpan<byte> body, string protocol)
    {
        var at = 0;
        Expect(body, ref at, "--" + Boundary + "\r\n");
        var typeLine = Line(body, ref at);
        if (!typeLine.StartsWith("\tContent-Type: ", StringComparison.Ordinal)
            || !typeLine["\tContent-Type: ".Length..].Equals(protocol, StringComparison.OrdinalIgnoreCase))
        {
            throw Malformed("the first part's Content-Type does not repeat the protocol");
        }

        var originalLine = Line(body, ref at);
        if (!originalLine.StartsWith("\tOriginalContent: ", StringComparison.Ordinal))
        {
            throw Malformed("OriginalContent is missing");
        }

        var (charset, length) = ParseOriginalContent(originalLine["\tOriginalContent: ".Length..]);
        Expect(body, ref at, "--" + Boundary + "\r\n");
        Expect(body, ref at, "\tContent-Type: application/octet-stream\r\n");
        if (body.Length - at < 4)
        {
            throw Malformed("the signature length is missing");
        }

        var signatureLength = BinaryPrimitives.ReadUInt32LittleEndian(body[at..]);
        at += 4;
        if (signatureLength is 0 or > MaxSignatureLength)
        {
            throw Malformed("the signature length is out of range");
        }

        var tokenOffset = at;
        var tokenLength = (long)signatureLength + length;
        if (body.Length - at < tokenLength)
        {
            throw Malformed("the body is shorter than signature and Length");
        }

        at += (int)tokenLength;
        var rest = body[at..];
        if (rest.StartsWith("\r\n"u8))
        {
            rest = rest[2..];
        }

        var closing = Encoding.ASCII.GetBytes("--" + Boundary + "--");
        if (!rest.StartsWith(closing))
        {
            throw Malformed("the closing boundary is missing or the lengths do not add up");
        }

        rest = rest[closing.Length..];
        if (!rest.IsEmpty && !rest.SequenceEqual("\r\n"u8))
        {
            throw Malformed("bytes after the closing boundary");
        }

        return new EncryptedParts(protocol, charset, length, (int)signatureLength, tokenOffset);
    }

    /// <summary>Writes a body: the sealed token is signature followed by sealed bytes (<paramref name="plaintextLength"/> of them).</summary>
    public static byte[] Build(string protocol, int plaintextLength, int signatureLength, ReadOnlySpan<byte> token)
    {
        var head = Encoding.ASCII.GetBytes(
            "--" + Boundary + "\r\n" +
            "\tContent-Type: " + protocol + "\r\n" +
            "\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=" + plaintextLength.ToString(CultureInfo.InvariantCulture) + "\r\n" +
            "--" + Boundary + "\r\n" +
            "\tContent-Type: application/octet-stream\r\n");
        var tail = Encoding.ASCII.GetBytes("--" + Boundary + "--\r\n");
        var body = new byte[head.Length + 4 + token.Length + tail.Length];
        head.CopyTo(body, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(head.Length), (uint)signatureLength);
        token.CopyTo(body.AsSpan(head.Length + 4));
        tail.CopyTo(body, head.Length + 4 + token.Length);
        return body;
    }

    private static (string? Charset, int Length) ParseOriginalContent(string value)
    {
        string? type = null, charset = null;
        int? length = null;
        foreach (var parameter in value.Split(';'))
        {
            var equals = parameter.IndexOf('=');
            if (equals <= 0)
            {
                throw Malformed("an OriginalContent parameter without a value");
            }

            var name = parameter[..equals].Trim();
            var text = parameter[(equals + 1)..].Trim();
            if (name.Equals("type", StringComparison.OrdinalIgnoreCase))
            {
                type = text;
            }
            else if (name.Equals("charset", StringComparison.OrdinalIgnoreCase))
            {
                charset = text.Trim('"');
            }
            else if (name.Equals("Length", StringComparison.OrdinalIgnoreCase))
            {
                if (text.Length is 0 or > 9 || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    throw Malformed("OriginalContent's Length is not a number");
                }

                length = n;
            }
        }

        if (!string.Equals(type, "application/soap+xml", StringComparison.OrdinalIgnoreCase) || length is null)
        {
            throw Malformed("OriginalContent must give type=application/soap+xml and a Length");
        }

        return (charset, length.Value);
    }

    private static void Expect(ReadOnlySpan<byte> body, ref int at, string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        if (!body[at..].StartsWith(bytes))
        {
            throw Malformed("expected " + text.Replace("\r\n", "\\r\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal));
        }

        at += bytes.Length;
    }

    private static string Line(ReadOnlySpan<byte> body, ref int at)
    {
        var rest = body[at..];
        var end = rest[..Math.Min(rest.Length, MaxHeaderLine)].IndexOf("\r\n"u8);
        if (end < 0)
        {
            throw Malformed("a part header line is missing its CRLF or too long");
        }

        var line = rest[..end];
        foreach (var b in line)
        {
            if (b > 0x7E || (b < 0x20 && b != (byte)'\t'))
            {
                throw Malformed("a part header line has a byte that is not printable ASCII");
            }
        }

        at += end + 2;
        return Encoding.ASCII.GetString(line);
    }

    private static EncryptedBodyException Malformed(string why) => new(400, "Malformed encrypted body: " + why + ".");
}
