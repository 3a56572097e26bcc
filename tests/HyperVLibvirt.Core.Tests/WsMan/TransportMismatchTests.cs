using System.Net;
using HyperVLibvirt.Core.WsMan;
using HyperVLibvirt.Simulator;

namespace HyperVLibvirt.Core.Tests.WsMan;

/// <summary>HTTP sent to the simulator's HTTPS listener and HTTPS sent to its HTTP listener say which transport to try.</summary>
public sealed class TransportMismatchTests
{
    private static async Task<SimulatorServer> StartAsync()
    {
        var options = new SimulatorOptions { HttpPort = 0, HttpsPort = 0 };
        options.Accounts.Add(new SimulatorAccount("admin", "Mismatch-P@ss-2"));
        return await SimulatorServer.StartAsync(options);
    }

    private static WsManClient Client(Uri endpoint) => new(endpoint, new NetworkCredential("admin", "Mismatch-P@ss-2"), new WsManSettings
    {
        Authentication = AuthenticationMechanism.Basic,
        SkipCACheck = true,
        SkipCNCheck = true,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        OperationTimeout = TimeSpan.FromSeconds(10),
    });

    [Fact]
    public async Task Http_to_the_https_port_says_the_transport_probably_does_not_match()
    {
        await using var sim = await StartAsync();
        var wrong = new UriBuilder(sim.HttpsEndpoint!) { Scheme = "http" }.Uri;
        using var client = Client(wrong);
        var ex = await Assert.ThrowsAsync<WsManConnectionException>(() => client.IdentifyAsync(false, null, CancellationToken.None));
        Assert.Equal(WsManConnectionFailure.TransportMismatch, ex.Failure);
        Assert.Contains("?transport=https", ex.Message);
        Assert.Contains("don't match", ex.Message);
    }

    [Fact]
    public async Task Https_to_the_http_port_says_the_transport_probably_does_not_match()
    {
        await using var sim = await StartAsync();
        var wrong = new UriBuilder(sim.HttpEndpoint!) { Scheme = "https" }.Uri;
        using var client = Client(wrong);
        var ex = await Assert.ThrowsAsync<WsManConnectionException>(() => client.IdentifyAsync(false, null, CancellationToken.None));
        Assert.Equal(WsManConnectionFailure.TransportMismatch, ex.Failure);
        Assert.Contains("?transport=http ", ex.Message);
        Assert.Contains("don't match", ex.Message);
    }

    [Fact]
    public async Task A_reset_after_the_host_has_answered_is_a_plain_reset()
    {
        var requests = 0;
        await using var server = new HostileServer(async (req, s, ct) =>
        {
            if (Interlocked.Increment(ref requests) == 1)
            {
                await HostileServer.WriteAsync(s, "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:wsmid=\"http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd\"><s:Body><wsmid:IdentifyResponse/></s:Body></s:Envelope>");
                return;
            }
            s.Close();
        });
        using var client = Client(server.Endpoint);
        await client.IdentifyAsync(false, null, CancellationToken.None);
        var ex = await Assert.ThrowsAsync<WsManConnectionException>(() => client.IdentifyAsync(false, null, CancellationToken.None));
        Assert.Equal(WsManConnectionFailure.Reset, ex.Failure);
    }
}
