namespace HyperVLibvirt.Simulator.Wire.Security;

/// <summary>
/// Whether this machine's GSSAPI can accept NTLM: on Linux, .NET's server-side
/// NegotiateAuthentication goes through MIT GSSAPI, which has NTLM only when the gss-ntlmssp
/// plugin is registered in its mechanism configuration (<c>/etc/gss/mech.d/*.conf</c> or
/// <c>/etc/gss/mech</c>, or the file <c>GSS_MECH_CONFIG</c> names; MIT krb5 gssapi/mechglue/g_initialize.c).
/// </summary>
internal static class GssNtlmMechanism
{
    /// <summary>The OID gss-ntlmssp registers: NTLMSSP, [MS-NLMP] 1.9.</summary>
    private const string NtlmSspOid = "1.3.6.1.4.1.311.2.2.10";

    private static readonly Lazy<bool> Installed = new(() => IsRegistered("/etc/gss", Environment.GetEnvironmentVariable("GSS_MECH_CONFIG")));

    /// <summary>Whether gss-ntlmssp is registered on this machine (checked once per process).</summary>
    public static bool IsInstalled => Installed.Value;

    /// <summary>Why Negotiate cannot be served, for the start-up error.</summary>
    public const string MissingMessage =
        "Negotiate/NTLM cannot be served: GSSAPI has no NTLM mechanism here (install the gss-ntlmssp package, which registers " +
        "/etc/gss/mech.d/mech.ntlmssp.conf; Linux only), or turn Negotiate off (--no-negotiate / NegotiateEnabled = false).";

    /// <summary>Looks for a mechanism line with the NTLMSSP OID under <paramref name="gssDirectory"/> (and an extra file).</summary>
    internal static bool IsRegistered(string gssDirectory, string? extraConfigFile)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        var files = new List<string>();
        if (!string.IsNullOrEmpty(extraConfigFile))
        {
            files.Add(extraConfigFile);
        }

        files.Add(Path.Combine(gssDirectory, "mech"));
        var mechD = Path.Combine(gssDirectory, "mech.d");
        if (Directory.Exists(mechD))
        {
            files.AddRange(Directory.EnumerateFiles(mechD, "*.conf").Take(64));
        }

        foreach (var file in files)
        {
            try
            {
                if (!File.Exists(file))
                {
                    continue;
                }

                foreach (var line in File.ReadLines(file).Take(1000))
                {
                    var text = line.TrimStart();
                    if (text.Length > 0 && text[0] != '#' && text.Contains(NtlmSspOid, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // An unreadable file registers nothing for us either.
            }
        }

        return false;
    }
}
