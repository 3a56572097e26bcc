using System.Net;
using System.Text;
using HyperVLibvirt.Simulator.Tests.Wire;

namespace HyperVLibvirt.Simulator.Tests.Security;

/// <summary>Encrypted bodies that are malformed, forged or too large: refused with a status, the connection closed, the simulator unharmed.</summary>
public sealed class EncryptedBodyTests
{
    [NtlmTheory]
    [InlineData("garbage", HttpStatusCode.BadRequest)]
    [InlineData("no-tab", HttpStatusCode.BadRequest)]
    [InlineData("signature-length-too-big", HttpStatusCode.BadRequest)]
    [InlineData("length-lies", HttpStatusCode.BadRequest)]
    [InlineData("tampered", HttpStatusCode.BadRequest)]
    [InlineData("trailing-bytes", HttpStatusCode.BadRequest)]
    [InlineData("credssp", HttpStatusCode.UnsupportedMediaType)]
    public async Task A_bad_encrypted_body_is_refused_and_ends_the_session(string kind, HttpStatusCode expected)
    {
        await using var sim = await ShippedHost.StartAsync();
        using var session = new SessionClient(sim.Endpoint);
        Assert.Equal(HttpStatusCode.OK, (await session.AuthenticateAsync("Negotiate", "NTLM", ShippedHost.Credential(sim))).Status);
        var plaintext = Encoding.UTF8.GetBytes(WsManRequest.Identify());
        var (signature, sealedBytes) = session.Seal(plaintext);
        var protocol = SessionFraming.SpnegoProtocol;
        var body = SessionFraming.Write(protocol, signature, sealedBytes);
        switch (kind)
        {
            case "garbage":
                body = Encoding.ASCII.GetBytes("this is not a multipart body");
                break;
            case "no-tab":
                body = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(body).Replace("\tContent-Type: application/octet", "Content-Type: application/octet", StringComparison.Ordinal));
                break;
            case "signature-length-too-big":
                body = SessionFraming.Write(protocol, [.. signature, .. new byte[2000]], sealedBytes);
                break;
            case "length-lies":
                body = SessionFraming.Write(protocol, signature, sealedBytes, originalLength: sealedBytes.Length - 1);
                break;
            case "tampered":
                sealedBytes[5] ^= 0x40;
                body = SessionFraming.Write(protocol, signature, sealedBytes);
                break;
            case "trailing-bytes":
                body = [.. body, .. "junk"u8];
                break;
            case "credssp":
                protocol = "application/HTTP-CredSSP-session-encrypted";
                body = SessionFraming.Write(protocol, signature, sealedBytes);
                break;
        }

        var reply = await session.SendAsync(body, SessionFraming.ContentType(protocol), null);
        Assert.Equal(expected, reply.Status);
        Assert.Empty(reply.RawBody);
        Assert.True(reply.ConnectionClose);

        // The sealing state is gone with the connection: the next message needs a new logon, which works.
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.PostPlainAsync(WsManRequest.Identify())).Status);
        Assert.Equal(2, session.Connections);
        Assert.Equal(HttpStatusCode.OK, (await session.AuthenticateAsync("Negotiate", "NTLM", ShippedHost.Credential(sim))).Status);
        Assert.Equal(HttpStatusCode.OK, (await session.PostEncryptedAsync(WsManRequest.Identify())).Status);
    }

    [NtlmFact]
    public async Task MaxEnvelopeSizekb_holds_for_the_decrypted_message()
    {
        await using var sim = await ShippedHost.StartAsync(o => o.MaxEnvelopeSizeKb = 8);
        using var session = new SessionClient(sim.Endpoint);
        Assert.Equal(HttpStatusCode.OK, (await session.AuthenticateAsync("Negotiate", "NTLM", ShippedHost.Credential(sim))).Status);

        // Within the limit: served.
        var fits = WsManRequest.Identify().Replace("<s:Header/>", "<s:Header><!--" + new string('a', 7000) + "--></s:Header>", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await session.PostEncryptedAsync(fits)).Status);

        // 8 KB + 100 bytes of SOAP: the wire body is within the framing allowance, the message is not.
        var plaintext = WsManRequest.Identify().Replace("<s:Header/>", "<s:Header><!--" + new string('a', 8 * 1024) + "--></s:Header>", StringComparison.Ordinal);
        Assert.InRange(Encoding.UTF8.GetByteCount(plaintext), 8 * 1024 + 1, 9 * 1024 - 400);
        var tooBig = await session.PostEncryptedAsync(plaintext);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.Status);
        Assert.True(tooBig.ConnectionClose);

        // Far over: refused from Content-Length alone.
        Assert.Equal(HttpStatusCode.OK, (await session.AuthenticateAsync("Negotiate", "NTLM", ShippedHost.Credential(sim))).Status);
        var huge = WsManRequest.Identify().Replace("<s:Header/>", "<s:Header><!--" + new string('a', 20 * 1024) + "--></s:Header>", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await session.PostEncryptedAsync(huge)).Status);
        Assert.Equal(1, sim.Server.Statistics.EncryptedRequestCount);
    }
}
