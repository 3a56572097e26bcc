using System.Globalization;
using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator.Wire;

/// <summary>The simulator's command line: parsing into <see cref="SimulatorOptions"/> and the help text.</summary>
internal sealed class CommandLine
{
    /// <summary>The options to start with.</summary>
    public SimulatorOptions Options { get; } = new();

    /// <summary>--help was given.</summary>
    public bool ShowHelp { get; private set; }

    /// <summary>The help text, documenting every option.</summary>
    public const string HelpText = """
        HyperVLibvirt.Simulator - a simulated Windows Hyper-V host speaking WS-Management (WinRM).

        Usage: dotnet run --project src/HyperVLibvirt.Simulator -- [options]

        Listeners (loopback only):
          --http-port N          HTTP listener port (0 = a free port). Default: 0 when no port is given.
          --https-port N         HTTPS listener port with a generated self-signed certificate (0 = a free port).
          --ipv6                 Bind to ::1 instead of 127.0.0.1.
          --cert-out PATH        Write the HTTPS certificate (PEM; DER when PATH ends in .cer or .der).
          On start one line per listener is printed: "listening: http://127.0.0.1:PORT/wsman".

        Host:
          --profile NAME         ws2008, ws2008r2, ws2012, ws2012r2, ws2016, ws2019 (default), ws2022, ws2025.
          --vms N                Number of generated VMs (default 8): running, off, saved or paused,
                                 as a host at rest shows them.
          --all-states           Begin the generated VMs with one in every EnabledState a host can show
                                 (Starting, Snapshotting, Migrating, ...), held there, for testing clients.
          --seed N               Seed of the generated inventory (default 1).
          --inventory FILE       Load the inventory from a JSON file instead of generating it.
          --computer-name NAME   The host's computer name (default HV-SIM01).
          --language TAG         UI language of the host: en-US (default) or ja-JP.
          --job-ms N             How long a state-change job runs (default 500).
          --guest-boot-ms H[,A]  After a VM starts, its guest answers the heartbeat after H ms and reports
                                 IP addresses after A ms (default 3000,8000; 0 = at once; A defaults to H).

        Authentication:
          --user NAME            The local account (required while Basic is on): Basic, and NTLM through
                                 Negotiate, accept NAME, .\NAME and COMPUTER\NAME; NAME may be DOMAIN\user.
          --password PW          Its password; if absent, read from the HVSIM_PASSWORD environment variable.
          --as-shipped           A host as Windows ships WinRM: HTTP only, Basic off, AllowUnencrypted off
                                 (plaintext SOAP after logon gets 500), the 401 offers Negotiate and Kerberos,
                                 messages are encrypted with the Negotiate/Kerberos session. Applied first;
                                 the other options change it (e.g. --basic, --https-port).
          --no-basic / --basic   Disable / enable Basic.
          --no-negotiate         Do not offer or accept Negotiate (SPNEGO, NTLM). Without this, Negotiate is
                                 offered when gss-ntlmssp is installed (with --as-shipped it is required).
          --kerberos / --no-kerberos   Offer and accept the raw Kerberos scheme (off unless --as-shipped); the
                                 service key comes from the keytab KRB5_KTNAME names.
          --no-unencrypted       Refuse plaintext HTTP like AllowUnencrypted=false (HTTPS still works;
                                 encrypted Negotiate/Kerberos messages are served).
          --unencrypted-refusal 401|500|windows   How plaintext HTTP is refused with --no-unencrypted:
                                 always 401 (default), always 500, or as Windows does (Basic 401, plaintext
                                 SOAP after a Negotiate/Kerberos logon 500; the --as-shipped default).

        WinRM limits:
          --max-envelope-kb N    MaxEnvelopeSizekb (default 500): caps responses; larger requests get 413.
          --enumeration-timeout-ms N   Idle lifetime of an enumeration context (default 240000).
          --max-operations-per-user N  Open enumerations per user (default 1500).

        Faults and timing:
          --latency-ms N         Add N ms to every request.
          --fault SPEC           Inject a fault; repeatable. SPEC = KIND[:ARG[:ARG2]][@N[+]][xK][/OPERATION]
              KIND: latency:MS | http500 | http503 | wsman:NAME | wmierror | reset | truncate |
                    invalidxml | drip[:CHUNK_BYTES[:PAUSE_MS]] | contenttype | oversize[:KB] |
            tamper (one byte of the sealed message flipped) | cleartext (an encrypted request answered in clear)
              wsman NAMEs: TimedOut, InternalError, Quota, InvalidEnumerationContext,
                    DestinationUnreachable, InvalidSelectors, InvalidParameter, EncodingLimit,
                    CannotProcessFilter, ActionNotSupported, WmiError, AccessDenied
              @N     only the Nth matching request;  @N+  from the Nth on;  xK  at most K times;
              neither: every request.  /OPERATION limits it to Identify, Enumerate, Pull, Release,
              Get or Invoke. Requests are counted per rule, after authentication.
              Examples: --fault http500@3   --fault reset@2x1   --fault drip
                        --fault latency:200/Pull   --fault wsman:TimedOut@2+x3/Enumerate
              Per WMI method (counts only Invokes of that method; the host changes nothing):
                method:NAME=CODE  answers ReturnValue CODE, e.g. --fault method:AddResourceSettings=32768@2
                job:NAME          answers 4096 with a job that fails (JobState 10), e.g. --fault job:DefineSystem@1

          --help                 Show this text.

        Diagnostics (not part of WinRM): GET /simulator/stats on any listener returns JSON counters:
        requests, faults, servingMs, openEnumerations (contexts neither finished nor released),
        encryptedRequests, contextLogons (Negotiate/Kerberos handshakes completed) and
        openSecurityContexts. GET /simulator/keyboard returns what each VM's keyboard received (by VM GUID).

        The password is never printed. Stop with Ctrl+C or SIGTERM.
        """;

    /// <summary>Parses the arguments; throws <see cref="FormatException"/> with a message for the user.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var line = new CommandLine();
        var options = line.Options;
        string? user = null;
        string? password = null;
        if (args.Contains("--as-shipped"))
        {
            // The preset first, so that every other option given changes it.
            options.UseWindowsDefaults();
        }

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value()
            {
                if (i + 1 >= args.Count)
                {
                    throw new FormatException($"{arg} needs a value.");
                }

                return args[++i];
            }

            int Number(int min = 0)
            {
                var text = Value();
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min)
                {
                    throw new FormatException($"{arg} needs a whole number >= {min}, not '{text}'.");
                }

                return n;
            }

            switch (arg)
            {
                case "--help" or "-h" or "-?":
                    line.ShowHelp = true;
                    break;
                case "--http-port":
                    options.HttpPort = Port(Number(), arg);
                    break;
                case "--https-port":
                    options.HttpsPort = Port(Number(), arg);
                    if (!args.Contains("--http-port"))
                    {
                        options.HttpPort = null;
                    }

                    break;
                case "--ipv6":
                    options.UseIPv6 = true;
                    break;
                case "--cert-out":
                    options.CertificatePath = Value();
                    break;
                case "--profile":
                    options.Host.Profile = Value().ToLowerInvariant();
                    break;
                case "--vms":
                    options.Host.VmCount = Number();
                    break;
                case "--all-states":
                    options.Host.AllStates = true;
                    break;
                case "--seed":
                    options.Host.Seed = Number();
                    break;
                case "--inventory":
                    options.Host.InventoryPath = Value();
                    break;
                case "--computer-name":
                    options.Host.ComputerName = Value();
                    break;
                case "--language":
                    options.Host.Language = Value();
                    break;
                case "--job-ms":
                    options.Host.JobDuration = TimeSpan.FromMilliseconds(Number());
                    break;
                case "--guest-boot-ms":
                    options.Host.GuestBoot = GuestBoot(Value(), arg);
                    break;
                case "--latency-ms":
                    options.LatencyMs = Number();
                    break;
                case "--user":
                    user = Value();
                    break;
                case "--password":
                    password = Value();
                    break;
                case "--as-shipped":
                    break;
                case "--no-basic":
                    options.BasicEnabled = false;
                    break;
                case "--basic":
                    options.BasicEnabled = true;
                    break;
                case "--no-negotiate":
                    options.NegotiateEnabled = false;
                    break;
                case "--kerberos":
                    options.KerberosEnabled = true;
                    break;
                case "--no-kerberos":
                    options.KerberosEnabled = false;
                    break;
                case "--no-unencrypted":
                    options.AllowUnencrypted = false;
                    break;
                case "--unencrypted-refusal":
                    options.UnencryptedRefusal = Value() switch
                    {
                        "401" => UnencryptedRefusal.Status401,
                        "500" => UnencryptedRefusal.Status500,
                        "windows" => UnencryptedRefusal.AsWindows,
                        var other => throw new FormatException($"--unencrypted-refusal takes 401, 500 or windows, not '{other}'."),
                    };
                    break;
                case "--max-envelope-kb":
                    options.MaxEnvelopeSizeKb = Number(min: 8);
                    break;
                case "--enumeration-timeout-ms":
                    options.EnumerationTimeout = TimeSpan.FromMilliseconds(Number(min: 1));
                    break;
                case "--max-operations-per-user":
                    options.MaxConcurrentOperationsPerUser = Number(min: 1);
                    break;
                case "--fault":
                    options.Faults.Add(FaultRule.Parse(Value()));
                    break;
                default:
                    throw new FormatException($"Unknown option '{arg}'. Use --help for the list.");
            }
        }

        if (line.ShowHelp)
        {
            return line;
        }

        password ??= environment("HVSIM_PASSWORD");
        if (user is null && options.BasicEnabled)
        {
            throw new FormatException("An account is required: give --user NAME and --password PW (or set HVSIM_PASSWORD). Without one every authenticated request would fail with 401.");
        }

        if (user is not null)
        {
            if (string.IsNullOrEmpty(password))
            {
                throw new FormatException("--user needs a password: give --password PW or set the HVSIM_PASSWORD environment variable.");
            }

            options.Accounts.Add(new SimulatorAccount(user, password));
        }

        return line;
    }

    private static GuestBootTiming GuestBoot(string text, string option)
    {
        var parts = text.Split(',');
        var delays = new int[parts.Length];
        for (var p = 0; p < parts.Length; p++)
        {
            if (parts.Length > 2 || !int.TryParse(parts[p], NumberStyles.None, CultureInfo.InvariantCulture, out delays[p]))
            {
                throw new FormatException($"{option} needs HEARTBEAT_MS or HEARTBEAT_MS,ADDRESS_MS (whole numbers), not '{text}'.");
            }
        }

        var heartbeat = TimeSpan.FromMilliseconds(delays[0]);
        return new GuestBootTiming(heartbeat, delays.Length > 1 ? TimeSpan.FromMilliseconds(delays[1]) : heartbeat);
    }

    private static int Port(int value, string option) =>
        value <= 65535 ? value : throw new FormatException($"{option} must be between 0 and 65535.");
}
