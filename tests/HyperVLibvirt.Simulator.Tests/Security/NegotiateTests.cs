using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using HyperVLibvirt.Simulator.Tests.Wire;

namespace HyperVLibvirt.Simulator.Tests.Security;

/// <summary>The as-shipped profile: Negotiate (raw NTLM and SPNEGO) per connection and message encryption over HTTP.</summary>
public sealed class NegotiateTests
{
    private static readonly XNamespace Wsmid = "http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd";

    [NtlmFact]
    public async Task Ntlm_logon_then_encrypted_enumerate_and_pull_return_every_vm()
    {
        await using var sim = await ShippedHost.StartAsync();
        using var session = new SessionClient(sim.Endpoint);
        var logon = await session.AuthenticateAsync("Negotiate", "NTLM", ShippedHost.Credential(sim));
        Assert.Equal(HttpStatusCode.OK, logon.Status);
        Assert.Empty(logon.Body);
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.OK], session.Legs);

        var names = await ShippedHost.EnumerateVmNamesAsync(session);
        Assert.Equal(sim.Server.Host.Inventory.Select(v => v.Name).Order(), names.Order());
        Assert.Equal(1, session.Connections);
        Assert.True(sim.Server.Statistics.EncryptedRequestCount >= 3, $"{sim.Server.Statistics.EncryptedRequestCount} encrypted requests");
        Assert.Equal(1, sim.Server.Statistics.ContextLogonCount);
    }

    [NtlmFact]
    public async Task Encrypted_answers_use_the_winrm_framing_with_the_ntlm_signature()
    {
        await using var sim = await ShippedHost.StartAsync();
        using var session = new SessionClient(sim.Endpoint);
        Assert.Equal(HttpStatusCode.OK, (await session.AuthenticateAsync("Negotiate", "NTLM", ShippedHost.Credential(sim))).Status);
        var reply = await session.PostEncryptedAsync(WsManRequest.Identify());
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("multipart/encrypted; protocol=\"application/HTTP-SPNEGO-session-encrypted\"; boundary=\"Encrypted Boundary\"", reply.ContentType);
        Assert.Equal(16, reply.Signature.Length);
        var head = "--Encrypted Boundary\r\n\tContent-Type: application/HTTP-SPNEGO-session-encrypted\r\n\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=" + reply.Body.Length + "\r\n--Encrypted Boundary\r\n\tContent-Type: application/octet-stream\r\n";
        Assert.Equal(head, Encoding.ASCII.GetString(reply.RawBody, 0, head.Length));
        Assert.Equal([16, 0, 0, 0], reply.RawBody[head.Length..(head.Length + 4)]);
        Assert.EndsWith("--Encrypted Boundary--\r\n", Encoding.ASCII.GetString(reply.RawBody));
        Assert.Equal($"OS: {sim.Server.Host.OsVersion} SP: 0.0 Stack: 3.0", reply.Xml.Descendants(Wsmid + "ProductVersion").Single().Value);
        Assert.Equal(["http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/http/spnego-kerberos"], reply.Xml.Descendants(Wsmid + "SecurityProfileName").Select(e => e.Value).ToArray());
    }

    [NtlmFact]
    public async Task Spnego_logon_ends_with_the_servers_final_token_and_serves_encrypted()
    {
        await using var sim = await ShippedHost.StartAsync();
        using var session = new SessionClient(sim.Endpoint);
        var logon = await session.AuthenticateAsync("Negotiate", "Negotiate", ShippedHost.Credential(sim));
        Assert.Equal(HttpStatusCode.OK, logon.Status);
        Assert.StartsWith("Negotiate ", Assert.Single(logon.Challenges));
        Assert.True(session.Context!.IsAuthenticated);
        var reply = await session.PostEncryptedAsync(WsManRequest.Identify());
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.True(reply.WasEncrypted);
    }

    [NtlmFact]
    public async Task Wrong_password_gets_401_with_the_challenge_list_and_no_token()
    {
        await using var sim = await ShippedHost.StartAsync();
        using var session = new SessionClient(sim.Endpoint);
        var logon = await session.AuthenticateAsync("Negotiate", "NTLM", new NetworkCredential(sim.User, sim.Password + "x"));
        Assert.Equal(HttpStatusCode.Unauthorized, logon.Status);
        Assert.Equal(["Negotiate", "Kerberos"], logon.Challenges);
        Assert.Empty(logon.Body);
        Assert.Equal(0, sim.Server.Statistics.ContextLogonCount);

        var after = await session.PostEncryptedAsync(WsManRequest.Identify());
        Assert.Equal(HttpStatusCode.Unauthorized, after.Status);
    }

    [NtlmFact]
    public async Task Plaintext_soap_after_logon_gets_500_with_an_empty_body_and_basic_gets_401()
    {
        await using var sim = await ShippedHost.StartAsync(o => o.BasicEnabled = true);
        using var session = new SessionClient(sim.Endpoint);
        Assert.Equal(HttpStatusCode.OK, (await session.AuthenticateAsync("Negotiate", "NTLM", ShippedHost.Credential(sim))).Status);
        var plain = await session.PostPlainAsync(WsManRequest.Identify());
        Assert.Equal(HttpStatusCode.InternalServerError, plain.Status);
        Assert.Empty(plain.RawBody);

        // The connection is still good for encrypted messages.
        Assert.Equal(HttpStatusCode.OK, (await session.PostEncryptedAsync(WsManRequest.Identify())).Status);

        var basic = await sim.PostAsync(WsManRequest.Identify());
        Assert.Equal(HttpStatusCode.Unauthorized, basic.Status);
        Assert.Equal(["Negotiate", "Kerberos", "Basic realm=\"WSMAN\""], basic.Headers.WwwAuthenticate.Select(h => h.ToString()).ToArray());
    }

    [NtlmFact]
    public async Task Ntlm_under_the_kerberos_word_does_not_log_on()
    {
        await using var sim = await ShippedHost.StartAsync();
        using var session = new SessionClient(sim.Endpoint);
        var logon = await session.AuthenticateAsync("Kerberos", "NTLM", ShippedHost.Credential(sim));
        Assert.Equal(HttpStatusCode.Unauthorized, logon.Status);
        Assert.Equal(["Negotiate", "Kerberos"], logon.Challenges);
        Assert.Equal(0, sim.Server.Statistics.ContextLogonCount);
    }

    [NtlmFact]
    public async Task Encrypted_message_on_a_connection_that_never_logged_on_gets_401()
    {
        await using var sim = await ShippedHost.StartAsync();
        using var loggedOn = new SessionClient(sim.Endpoint);
        Assert.Equal(HttpStatusCode.OK, (await loggedOn.AuthenticateAsync("Negotiate", "NTLM", ShippedHost.Credential(sim))).Status);
        var (signature, sealedBytes) = loggedOn.Seal(Encoding.UTF8.GetBytes(WsManRequest.Identify()));

        // The same sealed message on another connection: that connection has no context, so no key.
        using var stranger = new SessionClient(sim.Endpoint);
        var reply = await stranger.SendAsync(SessionFraming.Write(SessionFraming.SpnegoProtocol, signature, sealedBytes), SessionFraming.ContentType(SessionFraming.SpnegoProtocol), null);
        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal(["Negotiate", "Kerberos"], reply.Challenges);
        Assert.Equal(0, sim.Server.Statistics.EncryptedRequestCount);
    }

    [NtlmFact]
    public async Task Https_serves_plaintext_and_encrypted_messages_after_logon()
    {
        await using var sim = await ShippedHost.StartAsync(o => o.HttpsPort = 0);
        using var session = new SessionClient(sim.Server.HttpsEndpoint!, sim.Server.Certificate);
        Assert.Equal(HttpStatusCode.OK, (await session.AuthenticateAsync("Negotiate", "NTLM", ShippedHost.Credential(sim))).Status);
        var plain = await session.PostPlainAsync(WsManRequest.Identify());
        Assert.Equal(HttpStatusCode.OK, plain.Status);
        Assert.False(plain.WasEncrypted);
        Assert.Contains("https/spnego-kerberos", plain.Text);

        // pywinrm's message_encryption='always' seals over HTTPS too: served, and answered sealed.
        var sealedReply = await session.PostEncryptedAsync(WsManRequest.Identify());
        Assert.Equal(HttpStatusCode.OK, sealedReply.Status);
        Assert.True(sealedReply.WasEncrypted);
    }

    [NtlmFact]
    public async Task Stock_profile_serves_ntlm_with_plaintext_or_encrypted_messages()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        using var anonymous = sim.CreateClient(sim.Endpoint, null, null);
        var challenge = await sim.PostAsync(WsManRequest.Identify(), anonymous);
        Assert.Equal(["Negotiate", "Basic realm=\"WSMAN\""], challenge.Headers.WwwAuthenticate.Select(h => h.ToString()).ToArray());

        using var session = new SessionClient(sim.Endpoint);
        Assert.Equal(HttpStatusCode.OK, (await session.AuthenticateAsync("Negotiate", "NTLM", ShippedHost.Credential(sim))).Status);
        var plain = await session.PostPlainAsync(WsManRequest.EnumerateWql(WsManRequest.V2, ShippedHost.VmQuery));
        Assert.Equal(HttpStatusCode.OK, plain.Status);
        Assert.False(plain.WasEncrypted);
        Assert.Equal(sim.Server.Host.Inventory.Count, (await ShippedHost.EnumerateVmNamesAsync(session)).Count);

        // The plaintext Enumerate's context is still open; the sealed enumeration ran to its end.
        Assert.Equal(1, sim.Server.Statistics.OpenEnumerations);
    }

    [NtlmFact]
    public async Task Faults_on_an_encrypted_connection_come_back_sealed()
    {
        await using var sim = await ShippedHost.StartAsync();
        sim.Server.Faults.Add("wsman:TimedOut/Enumerate");
        using var session = new SessionClient(sim.Endpoint);
        Assert.Equal(HttpStatusCode.OK, (await session.AuthenticateAsync("Negotiate", "NTLM", ShippedHost.Credential(sim))).Status);
        var fault = await session.PostEncryptedAsync(WsManRequest.EnumerateWql(WsManRequest.V2, ShippedHost.VmQuery));
        Assert.Equal(HttpStatusCode.InternalServerError, fault.Status);
        Assert.True(fault.WasEncrypted);
        Assert.Contains("w:TimedOut", fault.Text);
        Assert.Equal(HttpStatusCode.OK, (await session.PostEncryptedAsync(WsManRequest.Identify())).Status);
    }

    [NtlmFact]
    public async Task The_security_context_goes_when_its_connection_closes()
    {
        await using var sim = await ShippedHost.StartAsync();
        var session = new SessionClient(sim.Endpoint);
        Assert.Equal(HttpStatusCode.OK, (await session.AuthenticateAsync("Negotiate", "NTLM", ShippedHost.Credential(sim))).Status);
        Assert.Equal(1, sim.Server.Statistics.OpenSecurityContexts);
        session.Dispose();

        // Bounded wait for the server to see the close; the assertion is on the counter.
        for (var i = 0; i < 400 && sim.Server.Statistics.OpenSecurityContexts != 0; i++)
        {
            await Task.Delay(25);
        }

        Assert.Equal(0, sim.Server.Statistics.OpenSecurityContexts);
        using var stats = new HttpClient();
        using var json = JsonDocument.Parse(await stats.GetStringAsync(new Uri(sim.Endpoint, "/simulator/stats")));
        Assert.Equal(0, json.RootElement.GetProperty("openSecurityContexts").GetInt64());
        Assert.Equal(1, json.RootElement.GetProperty("contextLogons").GetInt64());
        Assert.True(json.RootElement.TryGetProperty("encryptedRequests", out _));
    }

    [NtlmFact]
    public async Task Failed_handshakes_are_bounded_per_connection()
    {
        await using var sim = await ShippedHost.StartAsync();
        using var session = new SessionClient(sim.Endpoint);
        // An NTLM AUTHENTICATE_MESSAGE (type 3) that belongs to no handshake.
        var stray = "Negotiate " + Convert.ToBase64String([.. "NTLMSSP\0"u8, 3, 0, 0, 0, .. new byte[64]]);
        var replies = new List<SessionReply>();
        for (var i = 0; i < 8; i++)
        {
            replies.Add(await session.SendAsync([], "application/soap+xml;charset=UTF-8", stray));
        }

        Assert.All(replies, r => Assert.Equal(HttpStatusCode.Unauthorized, r.Status));
        Assert.All(replies[..7], r => Assert.False(r.ConnectionClose));
        Assert.True(replies[7].ConnectionClose);
        await session.SendAsync([], "application/soap+xml;charset=UTF-8", stray);
        Assert.Equal(2, session.Connections);
        Assert.Equal(0, sim.Server.Statistics.OpenSecurityContexts);
    }

    [NtlmFact]
    public async Task A_negotiate_token_over_http2_is_refused_with_http_1_1_required()
    {
        await using var sim = await ShippedHost.StartAsync(o => o.HttpsPort = 0);
        using var handler = new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, c, _, _) => c?.GetCertHashString() == sim.Server.Certificate!.GetCertHashString() },
        };
        using var client = new HttpClient(handler);
        using var plain = new HttpRequestMessage(HttpMethod.Post, sim.Server.HttpsEndpoint) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact, Content = new ByteArrayContent([]) };
        using var unauthenticated = await client.SendAsync(plain);
        Assert.Equal(HttpVersion.Version20, unauthenticated.Version);

        // A connection-bound scheme cannot live on HTTP/2's shared streams: the stream is reset with HTTP_1_1_REQUIRED (RFC 9113 section 7).
        const string firstToken = "Negotiate TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAGAbEdAAAADw==";
        using var request = new HttpRequestMessage(HttpMethod.Post, sim.Server.HttpsEndpoint) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact, Content = new ByteArrayContent([]) };
        request.Headers.TryAddWithoutValidation("Authorization", firstToken);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(request));
        Assert.Equal(0xd, Assert.IsType<HttpProtocolException>(refused.InnerException).ErrorCode);

        using var again = new HttpRequestMessage(HttpMethod.Post, sim.Server.HttpsEndpoint) { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact, Content = new ByteArrayContent([]) };
        again.Headers.TryAddWithoutValidation("Authorization", firstToken);
        using var response = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Negotiate T", Assert.Single(response.Headers.WwwAuthenticate).ToString());
        Assert.Equal(0, sim.Server.Statistics.ContextLogonCount);
    }

    [Fact]
    public async Task As_shipped_challenge_offers_negotiate_and_kerberos_only()
    {
        await using var sim = await ShippedHost.StartAsync(o => o.NtlmAvailableOverride = true);
        using var anonymous = sim.CreateClient(sim.Endpoint, null, null);
        var response = await sim.PostAsync(WsManRequest.Identify(), anonymous);
        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Empty(response.Body);
        Assert.Equal(["Negotiate", "Kerberos"], response.Headers.WwwAuthenticate.Select(h => h.ToString()).ToArray());
        Assert.Equal("Microsoft-HTTPAPI/2.0", string.Join(" ", response.Headers.Server.Select(s => s.ToString())));
        Assert.Null(sim.Server.HttpsEndpoint);

        // Basic is off: good Basic credentials get the same 401.
        Assert.Equal(HttpStatusCode.Unauthorized, (await sim.PostAsync(WsManRequest.Identify())).Status);
    }

    [Fact]
    public async Task Negotiate_needs_gss_ntlmssp_to_start_and_is_not_offered_without_it()
    {
        var options = SimulatorOptions.AsWindowsShips();
        options.NtlmAvailableOverride = false;
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => SimulatorServer.StartAsync(options));
        Assert.Contains("gss-ntlmssp", ex.Message);

        await using var stock = await SimulatorHarness.StartAsync(o => o.NtlmAvailableOverride = false);
        using var anonymous = stock.CreateClient(stock.Endpoint, null, null);
        var response = await stock.PostAsync(WsManRequest.Identify(), anonymous);
        Assert.Equal(["Basic realm=\"WSMAN\""], response.Headers.WwwAuthenticate.Select(h => h.ToString()).ToArray());
        var identify = await stock.PostAsync(WsManRequest.Identify());
        Assert.DoesNotContain("spnego-kerberos", identify.Text);
    }
}
