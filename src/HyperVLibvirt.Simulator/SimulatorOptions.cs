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

    /// <summary>Accounts accepted with Basic authentication.</summary>
    public IList<SimulatorAccount> Accounts { get; } = new List<SimulatorAccount>();

    /// <summary>Whether Basic is enabled (listed in the 401 challenge and accepted).</summary>
    public bool BasicEnabled { get; set; } = true;

    /// <summary>Whether <c>WWW-Authenticate: Negotiate</c> is listed (Negotiate itself is not implemented; an attempt gets 401).</summary>
    public bool NegotiateAdvertised { get; set; } = true;

    /// <summary>false = plaintext HTTP requests are refused as WinRM does with AllowUnencrypted=false; HTTPS still works.</summary>
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
}
