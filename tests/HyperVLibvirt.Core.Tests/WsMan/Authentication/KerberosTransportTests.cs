using System.Net;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;
using HyperVLibvirt.Simulator;
using Xunit;

namespace HyperVLibvirt.Core.Tests.WsMan.Authentication;

/// <summary>
/// Kerberos against a real MIT KDC on loopback (tests/Realm, started by the test command), the simulator holding the
/// HTTP/localhost key from the realm's keytab: from a password, from the ticket cache, under SPNEGO, and its local failures.
/// </summary>
public sealed class KerberosTransportTests
{
    private const string Service = "HTTP/localhost";

    private static async Task<SimulatorServer> StartShippedAsync()
    {
        var options = SimulatorOptions.AsWindowsShips();
        options.Host.VmCount = 5;
        return await SimulatorServer.StartAsync(options);
    }

    private static WsManClient Client(Uri endpoint, AuthenticationMechanism mechanism, NetworkCredential? credential, string spn = Service) =>
        new(endpoint, credential, new WsManSettings
        {
            Authentication = mechanism,
            ServicePrincipalName = spn,
            OperationTimeout = TimeSpan.FromSeconds(20),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        });

    private static async Task<int> CountVmsAsync(WsManClient client)
    {
        var n = 0;
        await foreach (var _ in client.EnumerateAsync(WmiNamespace.AllClassesUri(WmiNamespace.V2),
            "SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'", null, CancellationToken.None))
        {
            n++;
        }
        return n;
    }

    private static NetworkCredential Password() => new(TestRealm.Current!.User, TestRealm.Current.Password);

    [RealmFact]
    public async Task Kerberos_from_a_password_lists_the_host_with_message_encryption()
    {
        await using var sim = await StartShippedAsync();
        using var client = Client(sim.HttpEndpoint!, AuthenticationMechanism.Kerberos, Password());

        Assert.Equal(5, await CountVmsAsync(client));
        Assert.Equal("Kerberos", client.AuthenticationInUse);
        Assert.True(client.EncryptsMessages);
        Assert.True(sim.Statistics.EncryptedRequestCount >= 1);
    }

    [RealmFact]
    public async Task Kerberos_from_the_ticket_cache_needs_no_credential()
    {
        Assert.NotNull(TestRealm.Current!.TicketCache);
        await using var sim = await StartShippedAsync();
        using var client = Client(sim.HttpEndpoint!, AuthenticationMechanism.Kerberos, credential: null);

        Assert.Equal(5, await CountVmsAsync(client));
        Assert.Equal("Kerberos", client.AuthenticationInUse);
    }

    [RealmFact]
    public async Task Negotiate_picks_Kerberos_when_the_user_has_a_realm_and_the_host_a_principal()
    {
        await using var sim = await StartShippedAsync();
        using var client = Client(sim.HttpEndpoint!, AuthenticationMechanism.Default, Password());

        Assert.Equal(5, await CountVmsAsync(client));
        Assert.Equal("Kerberos", client.AuthenticationInUse);
        Assert.True(client.EncryptsMessages);
    }

    [RealmFact]
    public async Task An_unknown_service_principal_is_named_with_what_to_do()
    {
        await using var sim = await StartShippedAsync();
        using var client = Client(sim.HttpEndpoint!, AuthenticationMechanism.Kerberos, Password(), spn: "HTTP/no-such-host.invalid");

        var ex = await Assert.ThrowsAsync<WsManAuthenticationException>(() => client.AuthenticateAsync(CancellationToken.None));

        Assert.Equal(WsManAuthenticationFailure.KerberosUnknownPrincipal, ex.Reason);
        Assert.Contains("-ServicePrincipalName", ex.Message);
        Assert.DoesNotContain(TestRealm.Current!.Password, ex.ToString());
    }

    [RealmFact]
    public async Task An_unknown_user_is_named()
    {
        await using var sim = await StartShippedAsync();
        using var client = Client(sim.HttpEndpoint!, AuthenticationMechanism.Kerberos, new NetworkCredential("nobody-" + Guid.NewGuid().ToString("n")[..8], "Pw-unused-1"));

        var ex = await Assert.ThrowsAsync<WsManAuthenticationException>(() => client.AuthenticateAsync(CancellationToken.None));

        Assert.Equal(WsManAuthenticationFailure.KerberosUnknownPrincipal, ex.Reason);
        Assert.Contains("does not know the user", ex.Message);
    }

    [RealmFact]
    public async Task A_wrong_password_is_refused_by_the_KDC()
    {
        await using var sim = await StartShippedAsync();
        using var client = Client(sim.HttpEndpoint!, AuthenticationMechanism.Kerberos, new NetworkCredential(TestRealm.Current!.User, "Wrong-" + TestRealm.Current.Password));

        var ex = await Assert.ThrowsAsync<WsManAuthenticationException>(() => client.AuthenticateAsync(CancellationToken.None));

        Assert.Equal(WsManAuthenticationFailure.BadCredentials, ex.Reason);
        Assert.DoesNotContain(TestRealm.Current.Password, ex.ToString());
    }
}
