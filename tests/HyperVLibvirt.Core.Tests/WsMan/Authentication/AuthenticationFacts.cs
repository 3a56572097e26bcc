using HyperVLibvirt.Core.WsMan;
using Xunit;

namespace HyperVLibvirt.Core.Tests.WsMan.Authentication;

/// <summary>Whether the simulator can serve NTLM here: its acceptor is GSSAPI's gss-ntlmssp mechanism.</summary>
internal static class GssNtlm
{
    public const string SkipReason = "gss-ntlmssp is not installed (no NTLMSSP mechanism in /etc/gss/mech.d): the simulator cannot serve NTLM here";

    public static bool Installed { get; } = !OperatingSystem.IsWindows() && NtlmSupport.HasGssNtlmMechanism();
}

/// <summary>A fact that needs server-side NTLM; skipped with the reason without it.</summary>
public sealed class NtlmFactAttribute : FactAttribute
{
    public NtlmFactAttribute()
    {
        if (!GssNtlm.Installed)
        {
            Skip = GssNtlm.SkipReason;
        }
    }
}

/// <summary>A theory that needs server-side NTLM; skipped with the reason without it.</summary>
public sealed class NtlmTheoryAttribute : TheoryAttribute
{
    public NtlmTheoryAttribute()
    {
        if (!GssNtlm.Installed)
        {
            Skip = GssNtlm.SkipReason;
        }
    }
}

/// <summary>A fact that needs the test Kerberos realm (build.ps1 starts it and exports its variables before the run).</summary>
public sealed class RealmFactAttribute : FactAttribute
{
    public RealmFactAttribute()
    {
        if (TestRealm.Current is null)
        {
            Skip = "no test realm";
        }
    }
}

/// <summary>The realm tests/Realm/TestRealm.psm1 started: its user, password and ticket cache, from the environment.</summary>
internal sealed record TestRealm(string Realm, string User, string Password, string? TicketCache)
{
    public static TestRealm? Current { get; } = Read();

    private static TestRealm? Read()
    {
        static string? Get(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
        var config = Get("KRB5_CONFIG");
        var realm = Get("HVL_REALM");
        var user = Get("HVL_KRB_USER");
        var password = Get("HVL_KRB_PASSWORD");
        if (config is null || Get("KRB5_KTNAME") is null || realm is null || user is null || password is null || !File.Exists(config))
        {
            return null;
        }
        return new TestRealm(realm, user, password, Get("KRB5CCNAME"));
    }
}
