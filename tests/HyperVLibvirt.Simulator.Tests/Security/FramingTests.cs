using System.Buffers.Binary;
using System.Text;
using HyperVLibvirt.Simulator.Wire.Security;

namespace HyperVLibvirt.Simulator.Tests.Security;

/// <summary>The simulator's reading and writing of the encrypted body, against the test client's own framing.</summary>
public sealed class FramingTests
{
    private static readonly byte[] Signature = [.. Enumerable.Range(1, 16).Select(i => (byte)i)];
    private static readonly byte[] Sealed = Encoding.ASCII.GetBytes("0123456789abcdefXYZ");

    [Fact]
    public void Reads_what_pywinrm_writes()
    {
        var body = SessionFraming.Write(SessionFraming.SpnegoProtocol, Signature, Sealed);
        var parts = EncryptedMessage.Parse(body, EncryptedMessage.SpnegoProtocol);
        Assert.Equal(Sealed.Length, parts.Length);
        Assert.Equal(16, parts.SignatureLength);
        Assert.Equal("UTF-8", parts.Charset);
        Assert.Equal([.. Signature, .. Sealed], body.AsSpan(parts.TokenOffset, parts.TokenLength).ToArray());
    }

    [Fact]
    public void Accepts_a_crlf_before_the_closing_boundary()
    {
        var text = Encoding.Latin1.GetString(SessionFraming.Write(SessionFraming.SpnegoProtocol, Signature, Sealed));
        var body = Encoding.Latin1.GetBytes(text.Replace("--Encrypted Boundary--", "\r\n--Encrypted Boundary--", StringComparison.Ordinal));
        Assert.Equal(Sealed.Length, EncryptedMessage.Parse(body, EncryptedMessage.SpnegoProtocol).Length);
    }

    [Fact]
    public void Writes_what_the_test_client_reads()
    {
        var token = Signature.Concat(Sealed).ToArray();
        var body = EncryptedMessage.Build(EncryptedMessage.KerberosProtocol, Sealed.Length, 16, token);
        var (length, signature, sealedBytes) = SessionFraming.Read(body);
        Assert.Equal(Sealed.Length, length);
        Assert.Equal(Signature, signature);
        Assert.Equal(Sealed, sealedBytes);
        Assert.StartsWith("--Encrypted Boundary\r\n\tContent-Type: application/HTTP-Kerberos-session-encrypted\r\n", Encoding.ASCII.GetString(body));
    }

    [Theory]
    [InlineData("multipart/encrypted;protocol=\"application/HTTP-SPNEGO-session-encrypted\";boundary=\"Encrypted Boundary\"", EncryptedMessage.SpnegoProtocol, 0)]
    [InlineData("multipart/encrypted; protocol=\"application/HTTP-Kerberos-session-encrypted\"; boundary=\"Encrypted Boundary\"", EncryptedMessage.KerberosProtocol, 0)]
    [InlineData("multipart/encrypted;protocol=\"application/HTTP-SPNEGO-session-encrypted\";boundary=\"Other\"", null, 400)]
    [InlineData("multipart/encrypted;boundary=\"Encrypted Boundary\"", null, 400)]
    [InlineData("multipart/encrypted;protocol=\"application/HTTP-CredSSP-session-encrypted\";boundary=\"Encrypted Boundary\"", null, 415)]
    [InlineData("multipart/x-multi-encrypted;protocol=\"application/HTTP-CredSSP-session-encrypted\";boundary=\"Encrypted Boundary\"", null, 415)]
    public void Checks_the_content_type(string contentType, string? protocol, int status)
    {
        if (protocol is not null)
        {
            Assert.Equal(protocol, EncryptedMessage.ProtocolOf(contentType));
        }
        else
        {
            Assert.Equal(status, Assert.Throws<EncryptedBodyException>(() => EncryptedMessage.ProtocolOf(contentType)).Status);
        }
    }

    [Theory]
    [InlineData("protocol")]
    [InlineData("length-missing")]
    [InlineData("type")]
    [InlineData("short")]
    [InlineData("zero-signature")]
    [InlineData("no-closing")]
    public void Refuses_malformed_bodies_with_400(string kind)
    {
        var text = Encoding.Latin1.GetString(SessionFraming.Write(SessionFraming.SpnegoProtocol, Signature, Sealed));
        var body = kind switch
        {
            "protocol" => text.Replace("\tContent-Type: application/HTTP-SPNEGO", "\tContent-Type: application/HTTP-Kerberos", StringComparison.Ordinal),
            "length-missing" => text.Replace(";Length=19", "", StringComparison.Ordinal),
            "type" => text.Replace("type=application/soap+xml", "type=text/plain", StringComparison.Ordinal),
            "short" => text[..^40],
            "zero-signature" => Encoding.Latin1.GetString(SessionFraming.Write(SessionFraming.SpnegoProtocol, [], Sealed)),
            _ => text.Replace("--Encrypted Boundary--", "--Encrypted Boundary", StringComparison.Ordinal),
        };
        var ex = Assert.Throws<EncryptedBodyException>(() => EncryptedMessage.Parse(Encoding.Latin1.GetBytes(body), EncryptedMessage.SpnegoProtocol));
        Assert.Equal(400, ex.Status);
    }

    [Fact]
    public void Kerberos_tokens_are_rotated_into_the_windows_layout()
    {
        // A sealed CFX wrap token as MIT writes it: header (05 04, flags 02, filler ff, EC 0, RRC 0, seq),
        // then confounder (16) | data (5) | encrypted header copy (16) | checksum (12).
        var header = new byte[] { 0x05, 0x04, 0x02, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
        var confounder = Enumerable.Repeat((byte)0xC0, 16).ToArray();
        var data = Encoding.ASCII.GetBytes("hello");
        var trailer = Enumerable.Range(0, 28).Select(i => (byte)(0xA0 + i)).ToArray();
        var token = header.Concat(confounder).Concat(data).Concat(trailer).ToArray();
        var signatureLength = token.Length - data.Length;

        KerberosWrapLayout.RotateToWindowsLayout(token, signatureLength);

        Assert.Equal(60, signatureLength);
        Assert.Equal(28, BinaryPrimitives.ReadUInt16BigEndian(token.AsSpan(6)));
        Assert.Equal(trailer, token[16..44]);
        Assert.Equal(confounder, token[44..60]);
        Assert.Equal(data, token[60..]);
    }

    [Fact]
    public void Other_tokens_are_left_as_they_are()
    {
        var ntlm = Enumerable.Range(0, 40).Select(i => (byte)i).ToArray();
        var copy = ntlm.ToArray();
        KerberosWrapLayout.RotateToWindowsLayout(ntlm, 16);
        Assert.Equal(copy, ntlm);
    }
}
