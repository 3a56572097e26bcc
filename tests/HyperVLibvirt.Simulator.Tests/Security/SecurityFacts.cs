using HyperVLibvirt.Simulator.Wire.Security;

namespace HyperVLibvirt.Simulator.Tests.Security;

/// <summary>A fact that needs server-side NTLM (gss-ntlmssp); skipped with the reason without it.</summary>
public sealed class NtlmFactAttribute : FactAttribute
{
    public const string SkipReason = "gss-ntlmssp is not installed (no NTLMSSP mechanism in /etc/gss/mech.d): the simulator cannot serve NTLM here";

    public NtlmFactAttribute()
    {
        if (!GssNtlmMechanism.IsInstalled)
        {
            Skip = SkipReason;
        }
    }
}

/// <summary>A theory that needs server-side NTLM (gss-ntlmssp); skipped with the reason without it.</summary>
public sealed class NtlmTheoryAttribute : TheoryAttribute
{
    public NtlmTheoryAttribute()
    {
        if (!GssNtlmMechanism.IsInstalled)
        {
            Skip = NtlmFactAttribute.SkipReason;
        }
    }
}

/// <summary>A fact that needs the test Kerberos realm (tests/Realm sets the variables before the run); skipped without it.</summary>
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

/// <summary>The test realm the environment describes (KRB5_CONFIG, KRB5_KTNAME, HVL_KRB_USER, HVL_KRB_PASSWORD, HVL_REALM).</summary>
internal sealed record TestRealm(string Realm, string User, string Password)
{
    public static TestRealm? Current { get; } = Read();

    private static TestRealm? Read()
    {
        string? Get(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
        var config = Get("KRB5_CONFIG");
        var keytab = Get("KRB5_KTNAME");
        var realm = Get("HVL_REALM");
        var user = Get("HVL_KRB_USER");
        var password = Get("HVL_KRB_PASSWORD");
        if (config is null || keytab is null || realm is null || user is null || password is null || !File.Exists(config))
        {
            return null;
        }

        return new TestRealm(realm, user, password);
    }
}
