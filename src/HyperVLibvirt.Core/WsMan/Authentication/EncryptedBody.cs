using System.Buffers.Binary;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// WinRM's <c>multipart/encrypted</c> body (MS-WSMV 2.2.9.1.1–2): a header part naming the original content and its length,
/// then an octet-stream part of <c>uint32 LE signature length | signature | sealed SOAP</c>. The part headers start with a
/// TAB, as Windows and the public clients (pywinrm winrm/encryption.py, pypsrp) write them.
/// </summary>
internal static class EncryptedBody
{
    public const string Boundary = "Encrypted Boundary";
    public const string SpnegoProtocol = "application/HTTP-SPNEGO-session-encrypted";
    public const string KerberosProtocol = "application/HTTP-Kerberos-session-encrypted";
    private const string SoapType = "application/soap+xml;charset=UTF-8";
    private const int MaxHeaderPartBytes = 1024;

    private static readonly byte[] BoundaryLine = Encoding.ASCII.GetBytes("--" + Boundary + "\r\n");
    private static readonly byte[] ClosingBoundary = Encoding.ASCII.GetBytes("--" + Boundary + "--\r\n");
    private static readonly byte[] OctetStreamLine = Encoding.ASCII.GetBytes("\tContent-Type: application/octet-stream\r\n");

    /// <summary>The request's Content-Type header value for <paramref name="protocol"/>.</summary>
    public static MediaTypeHeaderValue ContentType(string protocol)
    {
        var value = new MediaTypeHeaderValue("multipart/encrypted");
        value.Parameters.Add(new NameValueHeaderValue("protocol", "\"" + protocol + "\""));
        value.Parameters.Add(new NameValueHeaderValue("boundary", "\"" + Boundary + "\""));
        return value;
    }

    /// <summary>Frames a wrapped message: <paramref name="wrapped"/> holds the signature first (see <see cref="SessionWrapLayout"/>).</summary>
    public static byte[] Write(string protocol, ReadOnlySpan<byte> wrapped, int signatureLength, int plaintextLength)
    {
        var header = Encoding.ASCII.GetBytes(
            "\tContent-Type: " + protocol + "\r\n" +
            "\tOriginalContent: type=" + SoapType + ";Length=" + plaintextLength.ToString(CultureInfo.InvariantCulture) + "\r\n");
        var body = new byte[BoundaryLine.Length + header.Length + BoundaryLine.Length + OctetStreamLine.Length + 4 + wrapped.Length + ClosingBoundary.Length];
        var span = body.AsSpan();
        var at = 0;
        Put(span, ref at, BoundaryLine);
        Put(span, ref at, header);
        Put(span, ref at, BoundaryLine);
        Put(span, ref at, OctetStreamLine);
        BinaryPrimitives.WriteUInt32LittleEndian(span.Slice(at, 4), checked((uint)signatureLength));
        at += 4;
        Put(span, ref at, wrapped);
        Put(span, ref at, ClosingBoundary);
        return body;
    }

    /// <summary>
    /// Reads an encrypted response body. Returns the signature and sealed bytes joined (what Unwrap takes), and the plaintext
    /// length and charset the header part announces. Anything not shaped as WinRM frames it throws <see cref="FormatException"/>.
    /// </summary>
    public static byte[] Read(ReadOnlySpan<byte> body, out int plaintextLength, out string? charset, out string protocol)
    {
        var at = 0;
        Expect(body, ref at, BoundaryLine, "the opening boundary");
        var headerEnd = body[at..].IndexOf(BoundaryLine);
        if (headerEnd < 0 || headerEnd > MaxHeaderPartBytes)
        {
            throw new FormatException("the header part has no end");
        }
        var headers = Encoding.ASCII.GetString(body.Slice(at, headerEnd));
        at += headerEnd + BoundaryLine.Length;
        protocol = HeaderValue(headers, "Content-Type") ?? throw new FormatException("the header part has no Content-Type");
        if (!protocol.Equals(SpnegoProtocol, StringComparison.OrdinalIgnoreCase) && !protocol.Equals(KerberosProtocol, StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException("the header part names an unknown protocol");
        }
        var original = HeaderValue(headers, "OriginalContent") ?? throw new FormatException("the header part has no OriginalContent");
        plaintextLength = -1;
        charset = null;
        foreach (var item in original.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (item.StartsWith("Length=", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(item.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                plaintextLength = n;
            }
            else if (item.StartsWith("charset=", StringComparison.OrdinalIgnoreCase))
            {
                charset = item[8..];
            }
        }
        if (plaintextLength < 0)
        {
            throw new FormatException("OriginalContent has no Length");
        }

        // The data part: its one header line, then the length-prefixed token and the sealed bytes.
        var lineEnd = body[at..].IndexOf("\r\n"u8);
        if (lineEnd < 0 || lineEnd > MaxHeaderPartBytes
            || !Encoding.ASCII.GetString(body.Slice(at, lineEnd)).Trim().Equals("Content-Type: application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException("the data part is not application/octet-stream");
        }
        at += lineEnd + 2;
        if (body.Length - at < 4)
        {
            throw new FormatException("the data part is truncated");
        }
        var signatureLength = BinaryPrimitives.ReadUInt32LittleEndian(body.Slice(at, 4));
        at += 4;
        var remaining = body.Length - at;
        if (signatureLength > (uint)remaining || (long)signatureLength + plaintextLength > remaining)
        {
            throw new FormatException("the data part is shorter than its lengths say");
        }
        var tokenLength = (int)signatureLength + plaintextLength;
        var token = body.Slice(at, tokenLength).ToArray();
        at += tokenLength;
        // pywinrm writes the closing boundary right after the sealed bytes; allow a CRLF before it and after it.
        var rest = body[at..];
        if (rest.StartsWith("\r\n"u8))
        {
            rest = rest[2..];
        }
        if (!rest.StartsWith(ClosingBoundary.AsSpan(0, ClosingBoundary.Length - 2)) || !IsBlank(rest[(ClosingBoundary.Length - 2)..]))
        {
            throw new FormatException("the closing boundary is missing");
        }
        return token;
    }

    private static bool IsBlank(ReadOnlySpan<byte> rest)
    {
        foreach (var b in rest)
        {
            if (b is not ((byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t'))
            {
                return false;
            }
        }
        return true;
    }

    private static string? HeaderValue(string headers, string name)
    {
        foreach (var line in headers.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var text = line.Trim();
            if (text.Length > name.Length && text.StartsWith(name, StringComparison.OrdinalIgnoreCase) && text[name.Length] == ':')
            {
                return text[(name.Length + 1)..].Trim();
            }
        }
        return null;
    }

    private static void Expect(ReadOnlySpan<byte> body, ref int at, byte[] expected, string what)
    {
        if (!body[at..].StartsWith(expected))
        {
            throw new FormatException("the body does not begin with " + what);
        }
        at += expected.Length;
    }

    private static void Put(Span<byte> target, ref int at, ReadOnlySpan<byte> source)
    {
        source.CopyTo(target[at..]);
        at += source.Length;
    }
}
