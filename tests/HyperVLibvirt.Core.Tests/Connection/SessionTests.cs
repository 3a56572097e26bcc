using System.Net;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.Uris;
using HyperVLibvirt.Core.WsMan;
using HyperVLibvirt.Simulator;

namespace HyperVLibvirt.Core.Tests.Connection;

public sealed class SessionTests
{
    private const string User = "admin";
    private const string Password = "Sim-Session-7731!";

    [Fact]
    public void Security_says_http_has_no_tls_and_never_that_it_is_verified()
    {
        var text = new WsManSettings().DescribeSecurity(https: false);
        Assert.Contains("no TLS", text);
        Assert.DoesNotContain("verified", text);
    }

    [Fact]
    public void Security_over_https_says_verified_pinned_or_which_checks_are_skipped()
    {
        Assert.Contains("verified", new WsManSettings().DescribeSecurity(https: true));
        Assert.Contains("pinned to " + new string('A', 40), new WsManSettings { CertificateThumbprint = "aa:" + new string('a', 38) }.DescribeSecurity(https: true));
        Assert.Contains("CA check skipped", new WsManSettings { SkipCACheck = true }.DescribeSecurity(https: true));
        Assert.Contains("name check skipped", new WsManSettings { SkipCNCheck = true }.DescribeSecurity(https: true));
        Assert.Contains("CA and name checks skipped", new WsManSettings { SkipCACheck = true, SkipCNCheck = true }.DescribeSecurity(https: true));
    }

    [Fact]
    public async Task A_closed_session_says_so_and_what_to_do()
    {
        var options = new SimulatorOptions { HttpPort = 0 };
        options.Host.VmCount = 2;
        options.Accounts.Add(new SimulatorAccount(User, Password));
        await using var sim = await SimulatorServer.StartAsync(options);
        var uri = LibvirtUri.Parse($"hyperv://{User}@127.0.0.1:{sim.HttpEndpoint!.Port}/?transport=http");
        var session = await HvConnection.OpenAsync(uri, new NetworkCredential(User, Password), new WsManSettings(), null, CancellationToken.None);
        session.Dispose();

        var listing = new DomainService(session, null).GetDomainsAsync(new DomainFilter(), detailed: false);
        var ex = await Assert.ThrowsAsync<HvConnectionClosedException>(async () =>
        {
            await foreach (var _ in listing)
            {
            }
        });
        Assert.Contains("closed", ex.Message);
        Assert.Contains("Connect-HvLibvirt", ex.Message);
        Assert.Equal(session.Uri, ex.Uri);
        Assert.Throws<HvConnectionClosedException>(() => session.ThrowIfClosed());
    }
}
