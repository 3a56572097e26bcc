using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator;

/// <summary>How a simulator instance listens, authenticates and behaves like WinRM.</summary>
public sealed class SimulatorOptions
{
    /// <summary>HTTP port on loopback: null = no HTTP listener, 0 = pick a free port.</summary>
    public int? HttpPort { get; set; } = 0;

    /// <summary>HTTPS port on loopback: null = no HTTPS listener, 0 = pick a free port.</summary>
    public int? HttpsPort { get; set; }

    /// <summary>Bind to ::1 instead of 127.0.0.1.</summary>
    public bool UseIPv6 { get; set; }

    /// <summary>What the simulated host is (profile, language, inventory, timing).</summary>
    public HostSettings Host { get; set; } = new();

    /// <summary>
    /// Local accounts, accepted with Basic and with NTLM (through Negotiate). NTLM reads them from a
    /// private file the simulator writes for gss-ntlmssp (see the README).
    /// </summary>
    public IList<SimulatorAccount> Accounts { get; } = new List<SimulatorAccount>();

    /// <summary>Whether Basic is enabled (listed in the 401 challenge and accepted).</summary>
    public bool BasicEnabled { get; set; } = true;

    /// <summary>
    /// Whether Negotiate (SPNEGO, or raw NTLM under the Negotiate word) is offered in the 401 and
    /// accepted. null (the default): on whenever this machine can serve NTLM (gss-ntlmssp installed),
    /// so a client that picks Negotiate when offered can always log on with the accounts. true: on,
    /// and the simulator refuses to start without gss-ntlmssp. false: off.
    /// </summary>
    public bool? NegotiateEnabled { get; set; }

    /// <summary>
    /// Whether the raw <c>Kerberos</c> scheme is offered and accepted (its key comes from the keytab
    /// KRB5_KTNAME names when the process starts). Off by default; on in <see cref="AsWindowsShips"/>.
    /// </summary>
    public bool KerberosEnabled { get; set; }

    /// <summary>
    /// false = over HTTP only encrypted messages are served, as WinRM with AllowUnencrypted=false:
    /// Basic and plaintext SOAP on a Negotiate/Kerberos connection are refused (<see cref="UnencryptedRefusal"/>);
    /// HTTPS still works.
    /// </summary>
    public bool AllowUnencrypted { get; set; } = true;

    /// <summary>How plaintext HTTP is refused when <see cref="AllowUnencrypted"/> is false.</summary>
    public UnencryptedRefusal UnencryptedRefusal { get; set; } = UnencryptedRefusal.Status401;

    /// <summary>WinRM's MaxEnvelopeSizekb: caps responses; larger requests get HTTP 413.</summary>
    public int MaxEnvelopeSizeKb { get; set; } = 500;

    /// <summary>Idle lifetime of an enumeration context (WinRM's EnumerationTimeoutms).</summary>
    public TimeSpan EnumerationTimeout { get; set; } = TimeSpan.FromSeconds(240);

    /// <summary>Open enumeration contexts allowed per user (WinRM's MaxConcurrentOperationsPerUser).</summary>
    public int MaxConcurrentOperationsPerUser { get; set; } = 1500;

    /// <summary>Latency added to every request, in addition to fault rules (milliseconds).</summary>
    public int LatencyMs { get; set; }

    /// <summary>Where to write the generated HTTPS certificate (PEM, or DER when the name ends in .cer/.der); optional.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Fault-injection rules.</summary>
    public FaultPlan Faults { get; } = new();

    /// <summary>Test seam: whether NTLM can be served here (null = ask GSSAPI's mechanism configuration).</summary>
    internal bool? NtlmAvailableOverride { get; set; }

    /// <summary>
    /// Options for a Windows host as WinRM ships (winrm quickconfig; MS-WSMV 2.2.4.34): HTTP only,
    /// Basic off, AllowUnencrypted off (plaintext SOAP after Negotiate gets 500, Basic if turned on
    /// gets 401), the 401 offering Negotiate and Kerberos. Add an account for NTLM logons.
    /// </summary>
    public static SimulatorOptions AsWindowsShips() => new SimulatorOptions().UseWindowsDefaults();

    /// <summary>Applies the <see cref="AsWindowsShips"/> settings to these options; returns them.</summary>
    public SimulatorOptions UseWindowsDefaults()
    {
        HttpPort ??= 0;
        HttpsPort = null;
        BasicEnabled = false;
        AllowUnencrypted = false;
        UnencryptedRefusal = UnencryptedRefusal.AsWindows;
        NegotiateEnabled = true;
        KerberosEnabled = true;
        return this;
    }
}
