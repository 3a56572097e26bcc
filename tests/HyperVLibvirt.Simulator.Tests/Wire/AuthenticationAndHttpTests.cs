using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Xml.Linq;
using HyperVLibvirt.Simulator.Wire.Security;

namespace HyperVLibvirt.Simulator.Tests.Wire;

public sealed class AuthenticationAndHttpTests
{
    private static readonly XNamespace Wsmid = "http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd";

    [Fact]
    public async Task No_credentials_get_winrm_challenge()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        using var anonymous = sim.CreateClient(sim.Endpoint, null, null);
        var response = await sim.PostAsync(WsManRequest.Identify(), anonymous);
        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Empty(response.Body);
        // The stock profile offers Negotiate whenever it can serve NTLM (gss-ntlmssp), as a libvirt-configured host does.
        string[] expected = GssNtlmMechanism.IsInstalled ? ["Negotiate", "Basic realm=\"WSMAN\""] : ["Basic realm=\"WSMAN\""];
        Assert.Equal(expected, response.Headers.WwwAuthenticate.Select(h => h.ToString()).ToArray());
        Assert.Equal("Microsoft-HTTPAPI/2.0", string.Join(" ", response.Headers.Server.Select(s => s.ToString())));
    }

    [Fact]
    public async Task Wrong_password_gets_401_and_a_negotiate_first_token_gets_the_ntlm_challenge()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        using var wrong = sim.CreateClient(sim.Endpoint, sim.User, sim.Password + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await sim.PostAsync(WsManRequest.Identify(), wrong)).Status);
        var negotiate = await sim.PostAsync(WsManRequest.Identify(), adjust: r => r.Headers.Authorization = new("Negotiate", "TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAGAbEdAAAADw=="));
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.Status);
        var challenge = Assert.Single(negotiate.Headers.WwwAuthenticate);
        if (GssNtlmMechanism.IsInstalled)
        {
            // A raw NTLMSSP NEGOTIATE_MESSAGE under the Negotiate word: the answer is the CHALLENGE_MESSAGE (type 2).
            Assert.Equal("Negotiate", challenge.Scheme);
            var token = Convert.FromBase64String(challenge.Parameter!);
            Assert.Equal("NTLMSSP\0"u8.ToArray(), token[..8]);
            Assert.Equal(2, token[8]);
        }
        else
        {
            Assert.Equal("Basic", challenge.Scheme);
        }

        using var upper = sim.CreateClient(sim.Endpoint, sim.User.ToUpperInvariant(), sim.Password);
        Assert.Equal(HttpStatusCode.OK, (await sim.PostAsync(WsManRequest.Identify(), upper)).Status);
        using var localForm = sim.CreateClient(sim.Endpoint, ".\\" + sim.User, sim.Password);
        Assert.Equal(HttpStatusCode.OK, (await sim.PostAsync(WsManRequest.Identify(), localForm)).Status);
    }

    [Fact]
    public async Task Domain_form_account_names_work()
    {
        var password = SimulatorHarness.RandomPassword();
        await using var sim = await SimulatorHarness.StartAsync(o => o.Accounts.Add(new SimulatorAccount("LAB\\operator", password)));
        using var client = sim.CreateClient(sim.Endpoint, "lab\\OPERATOR", password);
        Assert.Equal(HttpStatusCode.OK, (await sim.PostAsync(WsManRequest.Identify(), client)).Status);
        using var bare = sim.CreateClient(sim.Endpoint, "operator", password);
        Assert.Equal(HttpStatusCode.Unauthorized, (await sim.PostAsync(WsManRequest.Identify(), bare)).Status);
    }

    [Fact]
    public async Task Basic_disabled_lists_only_negotiate_and_refuses_good_credentials()
    {
        await using var sim = await SimulatorHarness.StartAsync(o =>
        {
            o.BasicEnabled = false;
            o.NtlmAvailableOverride = true;
        });
        var response = await sim.PostAsync(WsManRequest.Identify());
        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(["Negotiate"], response.Headers.WwwAuthenticate.Select(h => h.ToString()).ToArray());
    }

    [Theory]
    [InlineData(UnencryptedRefusal.Status401, HttpStatusCode.Unauthorized)]
    [InlineData(UnencryptedRefusal.Status500, HttpStatusCode.InternalServerError)]
    public async Task Unencrypted_http_is_refused_while_https_works(UnencryptedRefusal refusal, HttpStatusCode expected)
    {
        var certPath = Path.Combine(Path.GetTempPath(), "hvsim-" + Guid.NewGuid().ToString("N") + ".pem");
        try
        {
            await using var sim = await SimulatorHarness.StartAsync(o =>
            {
                o.AllowUnencrypted = false;
                o.UnencryptedRefusal = refusal;
                o.HttpsPort = 0;
                o.CertificatePath = certPath;
            });
            Assert.Equal("127.0.0.1", sim.Server.HttpEndpoint!.Host);
            Assert.Equal("https", sim.Server.HttpsEndpoint!.Scheme);
            var http = await sim.PostAsync(WsManRequest.Identify());
            Assert.Equal(expected, http.Status);
            Assert.Empty(http.Body);

            using var https = sim.CreateClient(sim.Server.HttpsEndpoint!, sim.User, sim.Password);
            var secure = await SimulatorHarness.PostAsync(https, sim.Server.HttpsEndpoint!, WsManRequest.Identify());
            Assert.Equal(HttpStatusCode.OK, secure.Status);
            var profiles = secure.Xml.Descendants(Wsmid + "SecurityProfileName").Select(e => e.Value).ToList();
            Assert.Contains("http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/https/basic", profiles);

            Assert.StartsWith("-----BEGIN CERTIFICATE-----", File.ReadAllText(certPath));
            Assert.Equal(sim.Server.Certificate!.Thumbprint, System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(certPath)).Thumbprint);
            Assert.False(sim.Server.Certificate.HasPrivateKey);
        }
        finally
        {
            File.Delete(certPath);
        }
    }

    [Fact]
    public async Task Unauthenticated_identify_needs_no_credentials_and_hides_the_version()
    {
        // Kerberos on: spnego-kerberos is listed whether or not this machine can serve NTLM.
        await using var sim = await SimulatorHarness.StartAsync(o => o.KerberosEnabled = true);
        using var anonymous = sim.CreateClient(sim.Endpoint, null, null);
        var response = await sim.PostAsync(WsManRequest.Identify(), anonymous, r => r.Headers.Add("WSMANIDENTIFY", "unauthenticated"));
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("OS: 0.0.0 SP: 0.0 Stack: 3.0", response.Xml.Descendants(Wsmid + "ProductVersion").Single().Value);
        Assert.Empty(response.Xml.Descendants(Wsmid + "SecurityProfiles"));
        Assert.Null(response.Xml.Attribute(XNamespace.Xml + "lang"));

        var authenticated = await sim.PostAsync(WsManRequest.Identify());
        Assert.Equal($"OS: {sim.Server.Host.OsVersion} SP: 0.0 Stack: 3.0", authenticated.Xml.Descendants(Wsmid + "ProductVersion").Single().Value);
        Assert.Equal(
            ["http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/http/basic", "http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/http/spnego-kerberos"],
            authenticated.Xml.Descendants(Wsmid + "SecurityProfileName").Select(e => e.Value).ToArray());
        Assert.Equal("application/soap+xml; charset=UTF-8", authenticated.ContentHeaders.ContentType!.ToString().Replace(";charset", "; charset"));
        Assert.False(authenticated.Body.AsSpan().StartsWith("\uFEFF"u8));
    }

    [Fact]
    public async Task Http_level_rules()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.MaxEnvelopeSizeKb = 32);
        var get = await sim.Client.GetAsync(sim.Endpoint);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Contains("POST", get.Content.Headers.Allow);

        var wrongPath = await SimulatorHarness.PostAsync(sim.Client, new Uri(sim.Endpoint, "/wsmanx"), WsManRequest.Identify());
        Assert.Equal(HttpStatusCode.NotFound, wrongPath.Status);

        var big = WsManRequest.Identify().Replace("<s:Header/>", "<s:Header><x>" + new string('a', 33 * 1024) + "</x></s:Header>");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await sim.PostAsync(big)).Status);

        var text = await sim.PostAsync(WsManRequest.Identify(), adjust: r => r.Content!.Headers.ContentType = new("text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.Status);

        var malformed = await sim.PostAsync("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>");
        Assert.Equal(HttpStatusCode.InternalServerError, malformed.Status);
        Assert.Equal("w:SchemaValidationError", malformed.FaultSubcode);

        var dtd = await sim.PostAsync("<!DOCTYPE x [<!ENTITY e \"boom\">]>" + WsManRequest.Identify());
        Assert.Equal("w:SchemaValidationError", dtd.FaultSubcode);
    }

    [Fact]
    public async Task Keep_alive_serves_many_requests_on_one_connection()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var connections = 0;
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            ConnectCallback = async (context, token) =>
            {
                Interlocked.Increment(ref connections);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, token);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        using var client = new HttpClient(handler);
        client.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(sim.User + ":" + sim.Password)));
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SimulatorHarness.PostAsync(client, sim.Endpoint, WsManRequest.Identify())).Status);
        }

        Assert.Equal(1, connections);
        Assert.True(sim.Server.Statistics.RequestCount >= 50);
        Assert.True(sim.Server.Statistics.TotalServingTime > TimeSpan.Zero);
    }
}
