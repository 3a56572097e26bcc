namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// Chooses, once per process, whether .NET's NTLM is its managed implementation or the platform's GSSAPI one.
/// </summary>
/// <remarks>
/// On Linux, .NET hands NTLM to GSSAPI, which has it only when the gss-ntlmssp mechanism is installed
/// (registered in <c>/etc/gss/mech</c> or <c>/etc/gss/mech.d/</c>, MIT krb5's mechanism configuration). Without it,
/// NTLM fails with "Unsupported", so the module turns on .NET's managed NTLM (the documented AppContext switch
/// <c>System.Net.Security.UseManagedNtlm</c>). The runtime reads that switch once, when the process first authenticates
/// with Negotiate or NTLM, so it then holds for every NTLM user in the process (HttpClient's own NTLM included).
/// macOS uses managed NTLM already; Windows uses SSPI. A switch set by the user or the host application is left alone.
/// </remarks>
internal static class NtlmSupport
{
    private const string Switch = "System.Net.Security.UseManagedNtlm";
    private static readonly object Gate = new();
    private static bool _configured;

    /// <summary>True when this process's NTLM is .NET's managed one (decided on the first call).</summary>
    public static bool Managed { get; private set; }

    /// <summary>Sets the switch if needed; call before the first NegotiateAuthentication is created.</summary>
    public static void Configure()
    {
        lock (Gate)
        {
            if (_configured)
            {
                return;
            }
            _configured = true;
            if (AppContext.TryGetSwitch(Switch, out var chosen))
            {
                Managed = chosen && !OperatingSystem.IsWindows();
                return;
            }
            if (OperatingSystem.IsMacOS())
            {
                Managed = true;
                return;
            }
            if (OperatingSystem.IsWindows() || HasGssNtlmMechanism())
            {
                return;
            }
            AppContext.SetSwitch(Switch, true);
            Managed = true;
        }
    }

    /// <summary>Whether MIT GSSAPI's mechanism configuration names the gss-ntlmssp mechanism.</summary>
    internal static bool HasGssNtlmMechanism()
    {
        try
        {
            var files = new List<string>();
            // GSS_MECH_CONFIG names another main file (MIT krb5, gssapi mechglue); the .d folder is always read.
            files.Add(Environment.GetEnvironmentVariable("GSS_MECH_CONFIG") is { Length: > 0 } custom ? custom : "/etc/gss/mech");
            if (Directory.Exists("/etc/gss/mech.d"))
            {
                files.AddRange(Directory.EnumerateFiles("/etc/gss/mech.d", "*.conf"));
            }
            foreach (var file in files)
            {
                if (!File.Exists(file))
                {
                    continue;
                }
                foreach (var line in File.ReadLines(file))
                {
                    var text = line.TrimStart();
                    if (text.Length > 0 && text[0] != '#' && text.Contains("ntlmssp", StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable configuration: assume no native NTLM, so the managed one is used.
        }
        return false;
    }
}
