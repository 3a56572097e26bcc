using System.Buffers.Binary;
using System.Text;
using HyperVLibvirt.Core.WsMan;
using Xunit;

namespace HyperVLibvirt.Core.Tests.WsMan.Authentication;

/// <summary>WinRM's multipart/encrypted framing (MS-WSMV 2.2.9.1), byte for byte, and its strict reading.</summary>
public sealed class EncryptedBodyTests
{
    private static readonly byte[] Signature = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
    private static readonly byte[] Sealed = Encoding.ASCII.GetBytes("sealed-bytes-0123456789");

    private static byte[] Frame() => EncryptedBody.Write(EncryptedBody.SpnegoProtocol, Signature.Concat(Sealed).ToArray(), Signature.Length, Sealed.Length);

    [Fact]
    public void Writes_the_layout_Windows_and_pywinrm_use()
    {
        var body = Frame();
        var text = Encoding.Latin1.GetString(body);
        var expectedHead =
            "--Encrypted Boundary\r\n" +
            "\tContent-Type: application/HTTP-SPNEGO-session-encrypted\r\n" +
            $"\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length={Sealed.Length}\r\n" +
            "--Encrypted Boundary\r\n" +
            "\tContent-Type: application/octet-stream\r\n";
        Assert.StartsWith(expectedHead, text, StringComparison.Ordinal);
        var at = expectedHead.Length;
        Assert.Equal(16u, BinaryPrimitives.ReadUInt32LittleEndian(body.AsSpan(at, 4)));
        Assert.Equal(Signature, body.AsSpan(at + 4, 16).ToArray());
        Assert.Equal(Sealed, body.AsSpan(at + 20, Sealed.Length).ToArray());
        Assert.EndsWith("--Encrypted Boundary--\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_back_what_it_writes()
    {
        var token = EncryptedBody.Read(Frame(), out var length, out var charset, out var protocol);
        Assert.Equal(Signature.Concat(Sealed).ToArray(), token);
        Assert.Equal(Sealed.Length, length);
        Assert.Equal("UTF-8", charset);
        Assert.Equal(EncryptedBody.SpnegoProtocol, protocol);
    }

    [Fact]
    public void Accepts_a_CRLF_before_the_closing_boundary_and_the_Kerberos_protocol()
    {
        var text = Encoding.Latin1.GetString(Frame())
            .Replace("--Encrypted Boundary--", "\r\n--Encrypted Boundary--", StringComparison.Ordinal)
            .Replace("HTTP-SPNEGO-session-encrypted", "HTTP-Kerberos-session-encrypted", StringComparison.Ordinal);
        var token = EncryptedBody.Read(Encoding.Latin1.GetBytes(text), out _, out _, out var protocol);
        Assert.Equal(EncryptedBody.KerberosProtocol, protocol);
        Assert.Equal(Signature.Length + Sealed.Length, token.Length);
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "--Other Boundary", "--Encrypted Boundary" },
        { "HTTP-SPNEGO-session-encrypted\r\n", "HTTP-CredSSP-session-encrypted\r\n" },
        { "Length=", "Lenght=" },
        { "application/octet-stream", "text/plain" },
        { "--Encrypted Boundary--\r\n", "--Wrong--\r\n" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Refuses_anything_not_shaped_as_WinRM_frames_it(string replace, string with)
    {
        var text = Encoding.Latin1.GetString(Frame());
        var index = replace == "--Other Boundary" ? 0 : text.IndexOf(replace, StringComparison.Ordinal);
        var broken = replace == "--Other Boundary" ? "--Other Boundary" + text["--Encrypted Boundary".Length..] : text[..index] + with + text[(index + replace.Length)..];
        Assert.Throws<FormatException>(() => EncryptedBody.Read(Encoding.Latin1.GetBytes(broken), out _, out _, out _));
    }

    [Theory]
    [InlineData(1000u)]
    [InlineData(uint.MaxValue)]
    public void Refuses_lengths_longer_than_the_body(uint signatureLength)
    {
        var body = Frame();
        var at = Encoding.Latin1.GetString(body).IndexOf("octet-stream\r\n", StringComparison.Ordinal) + "octet-stream\r\n".Length;
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(at, 4), signatureLength);
        Assert.Throws<FormatException>(() => EncryptedBody.Read(body, out _, out _, out _));
    }

    [Fact]
    public void Refuses_a_truncated_body()
    {
        var body = Frame();
        Assert.Throws<FormatException>(() => EncryptedBody.Read(body.AsSpan(0, body.Length - 40), out _, out _, out _));
    }
}
