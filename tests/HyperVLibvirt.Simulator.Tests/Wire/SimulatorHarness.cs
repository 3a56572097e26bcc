using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace HyperVLibvirt.Simulator.Tests.Wire;

/// <summary>A response as a test sees it.</summary>
internal sealed record WsManResponse(HttpStatusCode Status, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public XElement Xml => XDocument.Parse(Text).Root!;

    public static readonly XNamespace S = "http://www.w3.org/2003/05/soap-envelope";
    public static readonly XNamespace A = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    public static readonly XNamespace W = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    public static readonly XNamespace N = "http://schemas.xmlsoap.org/ws/2004/09/enumeration";
    public static readonly XNamespace F = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault";

    /// <summary>The enumeration context of an Enumerate/Pull response (null when absent, "" when empty).</summary>
    public string? Context => Xml.Descendants(N + "EnumerationContext").FirstOrDefault()?.Value;

    /// <summary>The items of a PullResponse / optimised EnumerateResponse.</summary>
    public List<XElement> Items => (Xml.Descendants(N + "Items").FirstOrDefault() ?? Xml.Descendants(W + "Items").FirstOrDefault())?.Elements().ToList() ?? [];

    /// <summary>Whether EndOfSequence (n: or w:) is present.</summary>
    public bool EndOfSequence => Xml.Descendants(N + "EndOfSequence").Any() || Xml.Descendants(W + "EndOfSequence").Any();

    /// <summary>The fault subcode text (e.g. <c>w:InvalidSelectors</c>).</summary>
    public string? FaultSubcode => Xml.Descendants(S + "Subcode").FirstOrDefault()?.Element(S + "Value")?.Value;

    /// <summary>The outer f:WSManFault Code.</summary>
    public string? FaultCode => (string?)Xml.Descendants(F + "WSManFault").FirstOrDefault()?.Attribute("Code");
}

/// <summary>An in-process simulator with an authenticated HttpClient, for one test.</summary>
internal sealed class SimulatorHarness : IAsyncDisposable
{
    private SimulatorHarness(SimulatorServer server, SimulatorOptions options, string user, string password)
    {
        Server = server;
        Options = options;
        User = user;
        Password = password;
        Client = CreateClient(server.HttpEndpoint ?? server.HttpsEndpoint!, user, password);
    }

    public SimulatorServer Server { get; }

    public SimulatorOptions Options { get; }

    public string User { get; }

    public string Password { get; }

    public HttpClient Client { get; }

    public Uri Endpoint => Server.HttpEndpoint ?? Server.HttpsEndpoint!;

    /// <summary>A random password so no secret lives in the repository.</summary>
    public static string RandomPassword() => "Pw-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));

    /// <summary>Starts a simulator with a random test account; <paramref name="configure"/> adjusts the options first.</summary>
    public static async Task<SimulatorHarness> StartAsync(Action<SimulatorOptions>? configure = null)
    {
        var password = RandomPassword();
        var options = new SimulatorOptions { HttpPort = 0 };
        options.Host.VmCount = 4;
        options.Accounts.Add(new SimulatorAccount("tester", password));
        configure?.Invoke(options);
        var server = await SimulatorServer.StartAsync(options);
        return new SimulatorHarness(server, options, "tester", password);
    }

    /// <summary>An HttpClient that sends Basic credentials on every request (trusting only the simulator's certificate).</summary>
    public HttpClient CreateClient(Uri endpoint, string? user, string? password)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && Server.Certificate is not null && certificate.GetCertHashString() == Server.Certificate.GetCertHashString() },
        };
        var client = new HttpClient(handler) { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(60) };
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
        }

        return client;
    }

    /// <summary>POSTs an envelope and reads the whole response.</summary>
    public Task<WsManResponse> PostAsync(string envelope, HttpClient? client = null, Action<HttpRequestMessage>? adjust = null) =>
        PostAsync(client ?? Client, Endpoint, envelope, adjust);

    /// <summary>POSTs an envelope with any client.</summary>
    public static async Task<WsManResponse> PostAsync(HttpClient client, Uri endpoint, string envelope, Action<HttpRequestMessage>? adjust = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(envelope)),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/soap+xml;charset=UTF-8");
        adjust?.Invoke(request);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        return new WsManResponse(response.StatusCode, response.Headers, response.Content.Headers, body);
    }

    /// <summary>Enumerates with WQL and pulls everything (bounded), returning all items.</summary>
    public async Task<List<XElement>> QueryAllAsync(string namespaceUri, string wql, int? maxElements = 100)
    {
        var enumerate = await PostAsync(WsManRequest.EnumerateWql(namespaceUri, wql));
        Assert.Equal(HttpStatusCode.OK, enumerate.Status);
        var context = enumerate.Context!;
        var items = new List<XElement>();
        for (var page = 0; page < 100_000; page++)
        {
            var pull = await PostAsync(WsManRequest.Pull(namespaceUri + "Dummy", context, maxElements));
            Assert.True(pull.Status == HttpStatusCode.OK, pull.Text);
            items.AddRange(pull.Items);
            if (pull.EndOfSequence)
            {
                return items;
            }

            context = pull.Context!;
        }

        throw new InvalidOperationException("The enumeration did not end.");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
