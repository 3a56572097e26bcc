using System.Net;
using System.Net.Security;
using System.Text;
using HyperVLibvirt.Core.WsMan;
using Xunit;

namespace HyperVLibvirt.Core.Tests.WsMan.Authentication;

/// <summary>Hosts that break the Negotiate handshake: each failure is its own typed error, never a hang or a crash.</summary>
public sealed class HostileHandshakeTests
{
    private static WsManClient Client(Uri endpoint) => new(endpoint, new NetworkCredential("tester", "Hostile-Handshake-P@ss-5"), new WsManSettings
    {
        Authentication = AuthenticationMechanism.Ntlm,
        OperationTimeout = TimeSpan.FromSeconds(10),
        ConnectTimeout = TimeSpan.FromSeconds(5),
    });

    private static Task Reply(Stream network, string status, string headers)
    {
        var bytes = Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\n{headers}Content-Length: 0\r\n\r\n");
        return network.WriteAsync(bytes).AsTask();
    }

    [Fact]
    public async Task A_challenge_that_is_no_token_fails_the_handshake_typed()
    {
        await using var server = new HostileServer((req, s, ct) =>
            Reply(s, "401 Unauthorized", "WWW-Authenticate: Negotiate " + Convert.ToBase64String(Encoding.ASCII.GetBytes("not an NTLM challenge at all")) + "\r\n"));
        using var client = Client(server.Endpoint);

        var ex = await Assert.ThrowsAsync<WsManAuthenticationException>(() => client.AuthenticateAsync(CancellationToken.None));

        Assert.Equal(WsManAuthenticationFailure.HandshakeFailed, ex.Reason);
        Assert.InRange(server.Requests, 1, 3);
    }

    [NtlmFact]
    public async Task A_host_that_closes_the_connection_between_legs_is_named()
    {
        // A real NTLM challenge from a server-side context, then "Connection: close": the client's answer would go out on a
        // new connection, which the host would not know.
        NegotiateAuthentication? acceptor = null;
        await using var server = new HostileServer(async (req, s, ct) =>
        {
            var line = req.Headers.Split("\r\n").FirstOrDefault(h => h.StartsWith("Authorization: Negotiate ", StringComparison.OrdinalIgnoreCase));
            if (line is null)
            {
                await Reply(s, "401 Unauthorized", "WWW-Authenticate: Negotiate\r\n");
                return;
            }
            acceptor ??= new NegotiateAuthentication(new NegotiateAuthenticationServerOptions { Package = "NTLM" });
            var challenge = acceptor.GetOutgoingBlob(Convert.FromBase64String(line["Authorization: Negotiate ".Length..].Trim()), out _);
            await Reply(s, "401 Unauthorized", $"WWW-Authenticate: Negotiate {Convert.ToBase64String(challenge ?? [])}\r\nConnection: close\r\n");
            throw new IOException("closing, as the Connection header said");
        });
        using var client = Client(server.Endpoint);

        var ex = await Assert.ThrowsAsync<WsManAuthenticationException>(() => client.AuthenticateAsync(CancellationToken.None));

        Assert.Equal(WsManAuthenticationFailure.HandshakeFailed, ex.Reason);
        Assert.Contains("closed the connection in the middle of the handshake", ex.Message);
        acceptor?.Dispose();
    }

    [Fact]
    public async Task A_host_that_lets_anyone_in_without_completing_the_handshake_is_not_trusted()
    {
        await using var server = new HostileServer((req, s, ct) => Reply(s, "200 OK", string.Empty));
        using var client = Client(server.Endpoint);

        var ex = await Assert.ThrowsAsync<WsManAuthenticationException>(() => client.AuthenticateAsync(CancellationToken.None));

        Assert.Equal(WsManAuthenticationFailure.HandshakeFailed, ex.Reason);
        Assert.Contains("without completing", ex.Message);
    }

    [Fact]
    public async Task The_default_scheme_talks_plainly_to_a_host_that_asks_for_no_authentication()
    {
        var requests = new List<HostileRequest>();
        await using var server = new HostileServer((req, s, ct) =>
        {
            lock (requests)
            {
                requests.Add(req);
            }
            return req.Body.Length == 0
                ? Reply(s, "200 OK", string.Empty)
                : HostileServer.WriteAsync(s, HostileServer.Envelope + "<s:Header/><s:Body><wsmid:IdentifyResponse xmlns:wsmid=\"http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd\">" +
                    "<wsmid:ProtocolVersion>http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd</wsmid:ProtocolVersion><wsmid:ProductVendor>Test</wsmid:ProductVendor>" +
                    "<wsmid:ProductVersion>1</wsmid:ProductVersion></wsmid:IdentifyResponse></s:Body></s:Envelope>");
        });
        using var client = new WsManClient(server.Endpoint, new NetworkCredential("tester", "No-Auth-P@ss-6"), new WsManSettings { ConnectTimeout = TimeSpan.FromSeconds(5) });

        Assert.False(await client.AuthenticateAsync(CancellationToken.None));
        var identity = await client.IdentifyAsync(false, null, CancellationToken.None);

        Assert.Equal("Test", identity.ProductVendor);
        // The first leg went out as an empty POST; then the envelope, plainly, without credentials being asked for.
        Assert.Equal(string.Empty, requests[0].Body);
        Assert.Contains("Authorization: Negotiate", requests[0].Headers, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Identify", requests[^1].Body, StringComparison.Ordinal);
    }
}
