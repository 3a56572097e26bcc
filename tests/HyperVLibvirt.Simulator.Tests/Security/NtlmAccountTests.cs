using System.Net;
using HyperVLibvirt.Simulator.Tests.Wire;
using HyperVLibvirt.Simulator.Wire.Security;

namespace HyperVLibvirt.Simulator.Tests.Security;

/// <summary>Which account names NTLM logs on with (gss-ntlmssp and the simulator's user file), and how simulators in one process keep their accounts apart.</summary>
public sealed class NtlmAccountTests
{
    [NtlmTheory]
    [InlineData("", HttpStatusCode.OK)]
    [InlineData(".", HttpStatusCode.OK)]
    [InlineData("HV-SIM01", HttpStatusCode.OK)]
    [InlineData("OTHER", HttpStatusCode.Unauthorized)]
    // gss-ntlmssp computes the NTLMv2 key with the file's spelling of the domain, so the computer name must be written as configured.
    [InlineData("hv-sim01", HttpStatusCode.Unauthorized)]
    public async Task A_local_account_logs_on_as_user_dot_user_and_host_user(string domain, HttpStatusCode expected)
    {
        await using var sim = await ShippedHost.StartAsync(o => o.Host.ComputerName = "HV-SIM01");
        using var session = new SessionClient(sim.Endpoint);
        var logon = await session.AuthenticateAsync("Negotiate", "NTLM", new NetworkCredential(sim.User.ToUpperInvariant(), sim.Password, domain));
        Assert.Equal(expected, logon.Status);
        Assert.Equal(expected == HttpStatusCode.OK ? 1 : 0, sim.Server.Statistics.ContextLogonCount);
    }

    [NtlmFact]
    public async Task A_domain_account_logs_on_only_with_its_domain()
    {
        var password = SimulatorHarness.RandomPassword();
        var user = ShippedHost.RandomUser();
        await using var sim = await ShippedHost.StartAsync(o => o.Accounts.Add(new SimulatorAccount("LAB\\" + user, password)));
        using var withDomain = new SessionClient(sim.Endpoint);
        Assert.Equal(HttpStatusCode.OK, (await withDomain.AuthenticateAsync("Negotiate", "NTLM", new NetworkCredential(user.ToUpperInvariant(), password, "LAB"))).Status);

        // As for the computer name, the domain must be spelt as configured (gss-ntlmssp keys NTLMv2 with the file's spelling).
        using var otherCase = new SessionClient(sim.Endpoint);
        Assert.Equal(HttpStatusCode.Unauthorized, (await otherCase.AuthenticateAsync("Negotiate", "NTLM", new NetworkCredential(user, password, "lab"))).Status);

        // gss-ntlmssp itself would take the bare name (no domain matches any line); the simulator holds it to Basic's rule.
        using var bare = new SessionClient(sim.Endpoint);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bare.AuthenticateAsync("Negotiate", "NTLM", new NetworkCredential(user, password))).Status);
    }

    [NtlmFact]
    public async Task Simulators_in_one_process_keep_their_own_passwords_for_one_user_name()
    {
        // The harness gives both the user "tester", each with its own random password.
        await using var first = await ShippedHost.StartAsync();
        await using var second = await ShippedHost.StartAsync();
        Assert.Equal(first.User, second.User);
        Assert.NotEqual(first.Password, second.Password);

        foreach (var (sim, other) in new[] { (first, second), (second, first) })
        {
            using var own = new SessionClient(sim.Endpoint);
            Assert.Equal(HttpStatusCode.OK, (await own.AuthenticateAsync("Negotiate", "NTLM", ShippedHost.Credential(sim))).Status);
            using var foreign = new SessionClient(sim.Endpoint);
            Assert.Equal(HttpStatusCode.Unauthorized, (await foreign.AuthenticateAsync("Negotiate", "NTLM", ShippedHost.Credential(other))).Status);
        }
    }

    [NtlmFact]
    public async Task The_user_file_is_named_in_the_native_environment_and_gone_after_the_logon()
    {
        await using var sim = await ShippedHost.StartAsync();
        using var session = new SessionClient(sim.Endpoint);
        Assert.Equal(HttpStatusCode.OK, (await session.AuthenticateAsync("Negotiate", "NTLM", ShippedHost.Credential(sim))).Status);
        var path = NtlmUserFile.CurrentPath!;
        Assert.Equal(path, Environment.GetEnvironmentVariable(NtlmUserFile.VariableName));
        Assert.StartsWith(Path.GetTempPath(), path);

        // The passwords are on disk only while an accept step runs.
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void The_file_writes_a_local_account_under_the_computer_name_and_dot()
    {
        var text = NtlmUserFile.Render(
            [new SimulatorAccount("alice", "p:w"), new SimulatorAccount("LAB\\bob", "x"), new SimulatorAccount("bad:name", "y"), new SimulatorAccount("carol", "line\nbreak")],
            "HV-SIM01");
        Assert.Equal("HV-SIM01:alice:p:w\n.:alice:p:w\nLAB:bob:x\n", text);
    }
}
