using System.Buffers.Binary;
using System.Net;
using HyperVLibvirt.Simulator.Tests.Wire;

namespace HyperVLibvirt.Simulator.Tests.Security;

/// <summary>Kerberos (the raw scheme and inside SPNEGO) against the test realm's keytab, with message encryption.</summary>
public sealed class KerberosTests
{
    private static NetworkCredential RealmCredential()
    {
        var realm = TestRealm.Current!;
        var at = realm.User.IndexOf('@');
        return at < 0 ? new NetworkCredential(realm.User, realm.Password, realm.Realm) : new NetworkCredential(realm.User[..at], realm.Password, realm.User[(at + 1)..]);
    }

    [RealmFact]
    public async Task Kerberos_logon_in_one_leg_then_encrypted_enumeration_in_the_windows_layout()
    {
        await using var sim = await ShippedHost.StartAsync();
        using var session = new SessionClient(sim.Endpoint);
        var logon = await session.AuthenticateAsync("Kerberos", "Kerberos", RealmCredential());
        Assert.Equal(HttpStatusCode.OK, logon.Status);
        Assert.Equal([HttpStatusCode.OK], session.Legs);
        // A final token (AP-REP) comes only when the client asked for mutual authentication; .NET's client does not.
        Assert.All(logon.Challenges, c => Assert.StartsWith("Kerberos ", c));
        Assert.Equal("Kerberos", session.Context!.Package);

        var names = await ShippedHost.EnumerateVmNamesAsync(session, SessionFraming.KerberosProtocol);
        Assert.Equal(sim.Server.Host.Inventory.Select(v => v.Name).Order(), names.Order());

        var reply = await session.PostEncryptedAsync(WsManRequest.Identify(), SessionFraming.KerberosProtocol);
        Assert.Contains("protocol=\"application/HTTP-Kerberos-session-encrypted\"", reply.ContentType);
        AssertWindowsLayout(reply);
    }

    [RealmFact]
    public async Task Spnego_with_a_realm_credential_negotiates_kerberos()
    {
        await using var sim = await ShippedHost.StartAsync();
        using var session = new SessionClient(sim.Endpoint);
        var logon = await session.AuthenticateAsync("Negotiate", "Negotiate", RealmCredential());
        Assert.Equal(HttpStatusCode.OK, logon.Status);
        Assert.Equal([HttpStatusCode.OK], session.Legs);
        Assert.Equal("Kerberos", session.Context!.Package);
        var reply = await session.PostEncryptedAsync(WsManRequest.Identify());
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Contains("protocol=\"application/HTTP-SPNEGO-session-encrypted\"", reply.ContentType);
        AssertWindowsLayout(reply);
        Assert.Equal(1, sim.Server.Statistics.ContextLogonCount);
    }

    [Fact]
    public async Task The_stock_profile_does_not_offer_or_take_the_kerberos_scheme()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        using var session = new SessionClient(sim.Endpoint);
        var reply = await session.SendAsync([], "application/soap+xml;charset=UTF-8", "Kerberos " + Convert.ToBase64String([0x60, 0x01, 0x00]));
        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.DoesNotContain(reply.Challenges, c => c.StartsWith("Kerberos", StringComparison.Ordinal));
        Assert.Contains("Basic realm=\"WSMAN\"", reply.Challenges);
        Assert.Equal(0, sim.Server.Statistics.OpenSecurityContexts);
    }

    /// <summary>RFC 4121 wrap token rotated as Windows sends it: RRC = signature - header - confounder, sealed part as long as the message.</summary>
    private static void AssertWindowsLayout(SessionReply reply)
    {
        Assert.True(reply.WasEncrypted);
        Assert.Equal(0x05, reply.Signature[0]);
        Assert.Equal(0x04, reply.Signature[1]);
        Assert.Equal(reply.Signature.Length - 32, BinaryPrimitives.ReadUInt16BigEndian(reply.Signature.AsSpan(6)));
        Assert.Equal(60, reply.Signature.Length);
    }
}
