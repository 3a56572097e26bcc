using System.Buffers.Binary;
using HyperVLibvirt.Core.WsMan;
using Xunit;

namespace HyperVLibvirt.Core.Tests.WsMan.Authentication;

/// <summary>The wrap output's split into WinRM's signature and sealed part (RFC 4121 4.2.5 rotation for Kerberos CFX tokens).</summary>
public sealed class SessionWrapLayoutTests
{
    [Fact]
    public void NTLM_wrap_output_is_already_signature_then_sealed_bytes()
    {
        var wrapped = Enumerable.Range(0, 16 + 40).Select(i => (byte)i).ToArray();
        var copy = wrapped.ToArray();
        Assert.Equal(16, SessionWrapLayout.ToWinRmLayout(wrapped, 40));
        Assert.Equal(copy, wrapped);
    }

    [Fact]
    public void A_Kerberos_CFX_token_without_rotation_is_rotated_as_Windows_sends_it()
    {
        const int message = 100;
        // header(16) | ciphertext: confounder(16) + message + header copy(16) | checksum(12): AES with HMAC-SHA1-96.
        var token = new byte[16 + 16 + message + 16 + 12];
        token[0] = 0x05;
        token[1] = 0x04;
        token[2] = 0x06; // flags: sealed, acceptor subkey
        token[3] = 0xFF;
        for (var i = 16; i < token.Length; i++)
        {
            token[i] = (byte)(i * 7);
        }
        var cipher = token[16..];

        var signature = SessionWrapLayout.ToWinRmLayout(token, message);

        Assert.Equal(60, signature);
        Assert.Equal(28, BinaryPrimitives.ReadUInt16BigEndian(token.AsSpan(6, 2)));
        // Rotated right by 28: the last 28 ciphertext bytes come first, the rest follows unchanged.
        Assert.Equal(cipher[^28..], token[16..44]);
        Assert.Equal(cipher[..^28], token[44..]);
        Assert.Equal(message, token.Length - signature);
    }

    [Fact]
    public void A_token_already_rotated_is_left_alone()
    {
        var token = new byte[16 + 60];
        token[0] = 0x05;
        token[1] = 0x04;
        token[7] = 28;
        var copy = token.ToArray();
        Assert.Equal(60, SessionWrapLayout.ToWinRmLayout(token, 16));
        Assert.Equal(copy, token);
    }
}
