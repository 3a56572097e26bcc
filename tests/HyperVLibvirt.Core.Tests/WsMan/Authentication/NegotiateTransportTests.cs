using System.Net;
using System.Security.Cryptography;
using System.Text;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;
using HyperVLibvirt.Simulator;
using Xunit;

namespace HyperVLibvirt.Core.Tests.WsMan.Authentication;

/// <summary>
/// The client against the simulator's "as Windows ships" profile (HTTP only, Basic off, AllowUnencrypted false, Negotiate and
/// Kerberos offered): NTLM through the simulator's gss-ntlmssp acceptor, with WinRM message encryption.
/// </summary>
public sealed class NegotiateTransportTests
{
    private const string User = "tester";
    private const string VmQuery = "SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'";
    private static readonly string Password = "Pw-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(9));

    private static async Task<SimulatorServer> StartShippedAsync(int vms = 8, Action<SimulatorOptions>? configure = null)
    {
        var options = SimulatorOptions.AsWindowsShips();
        options.Host.VmCount = vms;
        options.Accounts.Add(new SimulatorAccount(User, Password));
        configure?.Invoke(options);
        return await SimulatorServer.StartAsync(options);
    }

    private static WsManClient Client(Uri endpoint, AuthenticationMechanism mechanism = AuthenticationMechanism.Default, string? password = null,
        MessageEncryption encryption = MessageEncryption.Auto, int maxElements = 500, string user = User) =>
        new(endpoint, new NetworkCredential(user, password ?? Password), new WsManSettings
        {
            Authentication = mechanism,
            MessageEncryption = encryption,
            MaxElements = maxElements,
            OperationTimeout = TimeSpan.FromSeconds(20),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        });

    private static async Task<List<CimObject>> ListVmsAsync(WsManClient client)
    {
        var list = new List<CimObject>();
        await foreach (var o in client.EnumerateAsync(WmiNamespace.AllClassesUri(WmiNamespace.V2), VmQuery, null, CancellationToken.None))
        {
            list.Add(o);
        }
        return list;
    }

    [NtlmTheory]
    [InlineData(AuthenticationMechanism.Default)]
    [InlineData(AuthenticationMechanism.Negotiate)]
    [InlineData(AuthenticationMechanism.Ntlm)]
    public async Task A_host_as_it_ships_is_listed_over_HTTP_with_NTLM_and_message_encryption(AuthenticationMechanism mechanism)
    {
        await using var sim = await StartShippedAsync(vms: 12);
        using var client = Client(sim.HttpEndpoint!, mechanism);

        var vms = await ListVmsAsync(client);

        Assert.Equal(sim.Host.Inventory.Select(v => v.Name).OrderBy(n => n), vms.Select(v => v.GetString("ElementName")).OrderBy(n => n));
        Assert.Equal("NTLM", client.AuthenticationInUse);
        Assert.True(client.EncryptsMessages);
        Assert.True(sim.Statistics.EncryptedRequestCount >= 1);
    }

    [NtlmFact]
    public async Task A_long_listing_with_pulls_sent_ahead_stays_correct_and_authenticates_at_most_two_connections()
    {
        await using var sim = await StartShippedAsync(vms: 300);
        using var client = Client(sim.HttpEndpoint!, maxElements: 7);

        var vms = await ListVmsAsync(client);
        var again = await ListVmsAsync(client);

        Assert.Equal(300, vms.Count);
        Assert.Equal(300, vms.Select(v => v.GetString("Name")).Distinct().Count());
        Assert.Equal(300, again.Count);
        // The Pull sent ahead needs a second connection, authenticated once; every later page reuses the two.
        Assert.InRange(client.AuthenticatedConnectionCount, 1, 2);
        Assert.InRange(sim.Statistics.ContextLogonCount, 1, 2);
    }

    [NtlmFact]
    public async Task A_wrong_password_is_refused_with_the_local_account_hint_and_no_secret()
    {
        await using var sim = await StartShippedAsync();
        using var client = Client(sim.HttpEndpoint!, AuthenticationMechanism.Ntlm, password: "Wrong-" + Password);

        var ex = await Assert.ThrowsAsync<WsManAuthenticationException>(() => client.IdentifyAsync(false, null, CancellationToken.None));

        Assert.Equal(WsManAuthenticationFailure.BadCredentials, ex.Reason);
        Assert.Contains("LocalAccountTokenFilterPolicy", ex.Message);
        Assert.DoesNotContain(Password, ex.ToString());
    }

    [NtlmFact]
    public async Task Basic_against_a_host_as_it_ships_names_the_winrm_command()
    {
        await using var sim = await StartShippedAsync();
        using var client = Client(sim.HttpEndpoint!, AuthenticationMechanism.Basic);

        var ex = await Assert.ThrowsAsync<WsManAuthenticationException>(() => client.IdentifyAsync(false, null, CancellationToken.None));

        Assert.Equal(WsManAuthenticationFailure.BasicNotOffered, ex.Reason);
        Assert.Contains("Basic=\"true\"", ex.Message);
        Assert.Equal(["Negotiate", "Kerberos"], ex.OfferedSchemes);
    }

    [NtlmFact]
    public async Task Kerberos_asked_of_a_host_that_does_not_offer_it_names_the_winrm_command()
    {
        await using var sim = await StartShippedAsync(configure: o => o.KerberosEnabled = false);
        using var client = Client(sim.HttpEndpoint!, AuthenticationMechanism.Kerberos);

        var ex = await Assert.ThrowsAsync<WsManAuthenticationException>(() => client.IdentifyAsync(false, null, CancellationToken.None));

        Assert.Equal(WsManAuthenticationFailure.SchemeNotOffered, ex.Reason);
        Assert.Contains("winrm set winrm/config/service/auth @{Kerberos=\"true\"}", ex.Message);
    }

    [NtlmFact]
    public async Task Plain_SOAP_after_logging_on_is_refused_as_unencrypted_traffic()
    {
        await using var sim = await StartShippedAsync();
        using var client = Client(sim.HttpEndpoint!, AuthenticationMechanism.Ntlm, encryption: MessageEncryption.Never);

        var ex = await Assert.ThrowsAsync<WsManAuthenticationException>(() => client.IdentifyAsync(false, null, CancellationToken.None));

        Assert.Equal(WsManAuthenticationFailure.UnencryptedRefused, ex.Reason);
        Assert.False(client.EncryptsMessages);
    }

    [NtlmFact]
    public async Task Over_HTTPS_NTLM_sends_plain_SOAP_inside_TLS()
    {
        await using var sim = await StartShippedAsync(configure: o =>
        {
            o.HttpPort = null;
            o.HttpsPort = 0;
        });
        using var client = new WsManClient(sim.HttpsEndpoint!, new NetworkCredential(User, Password), new WsManSettings
        {
            Authentication = AuthenticationMechanism.Negotiate,
            SkipCACheck = true,
            SkipCNCheck = true,
        });

        var vms = await ListVmsAsync(client);

        Assert.Equal(8, vms.Count);
        Assert.False(client.EncryptsMessages);
        Assert.Equal(0, sim.Statistics.EncryptedRequestCount);
    }

    [NtlmFact]
    public async Task The_encrypted_wire_shows_neither_the_query_nor_a_VM_name_nor_the_password()
    {
        await using var sim = await StartShippedAsync(vms: 6);
        await using var proxy = new RecordingProxy(new IPEndPoint(IPAddress.Loopback, sim.HttpEndpoint!.Port));
        using var client = Client(new Uri($"http://127.0.0.1:{proxy.Port}/wsman"));

        var vms = await ListVmsAsync(client);
        Assert.Equal(6, vms.Count);
        var wire = proxy.Recorded();

        // The recording is real: the HTTP framing and the encryption header are in it.
        Assert.True(Contains(wire, Encoding.ASCII.GetBytes("multipart/encrypted")));
        Assert.True(Contains(wire, Encoding.ASCII.GetBytes("Authorization: Negotiate")));
        foreach (var secret in new[] { VmQuery, "Msvm_ComputerSystem", Password }.Concat(sim.Host.Inventory.Select(v => v.Name)))
        {
            foreach (var form in new[] { Encoding.UTF8.GetBytes(secret), Encoding.Unicode.GetBytes(secret), Encoding.ASCII.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret))) })
            {
                Assert.False(Contains(wire, form), $"'{secret}' crossed the wire readable");
            }
        }
    }

    [NtlmTheory]
    [InlineData(FaultKind.Tamper, WsManAuthenticationFailure.EncryptionFailed)]
    [InlineData(FaultKind.Cleartext, WsManAuthenticationFailure.UnencryptedResponse)]
    public async Task A_spoiled_or_cleartext_answer_is_refused_and_the_next_call_logs_on_afresh(FaultKind fault, WsManAuthenticationFailure expected)
    {
        await using var sim = await StartShippedAsync(vms: 4);
        using var client = Client(sim.HttpEndpoint!);
        Assert.Equal(4, (await ListVmsAsync(client)).Count);
        sim.Faults.Add(new FaultRule(fault) { Times = 1, Operation = "Enumerate" });

        var ex = await Assert.ThrowsAsync<WsManAuthenticationException>(() => ListVmsAsync(client));

        Assert.Equal(expected, ex.Reason);
        // The connection whose sequence numbers are now unknown was dropped; the next call authenticates a new one.
        var logons = sim.Statistics.ContextLogonCount;
        Assert.Equal(4, (await ListVmsAsync(client)).Count);
        Assert.True(sim.Statistics.ContextLogonCount > logons);
    }

    [Fact]
    public async Task Encryption_always_refuses_a_host_that_offers_only_Basic_instead_of_sending_in_clear()
    {
        var options = new SimulatorOptions { NegotiateEnabled = false };
        options.Accounts.Add(new SimulatorAccount(User, Password));
        await using var sim = await SimulatorServer.StartAsync(options);
        using var client = Client(sim.HttpEndpoint!, encryption: MessageEncryption.Always);

        var ex = await Assert.ThrowsAsync<WsManAuthenticationException>(() => client.IdentifyAsync(false, null, CancellationToken.None));

        Assert.Equal(WsManAuthenticationFailure.SchemeNotOffered, ex.Reason);
        Assert.Contains("-MessageEncryption Always", ex.Message);
        Assert.Equal(0, sim.Statistics.EncryptedRequestCount);
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
