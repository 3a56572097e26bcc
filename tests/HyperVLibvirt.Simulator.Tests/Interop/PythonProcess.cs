using System.Diagnostics;

namespace HyperVLibvirt.Simulator.Tests.Interop;

/// <summary>Runs Debian's /usr/bin/python3 (where python3-winrm lives) with a bounded wait.</summary>
internal static class PythonProcess
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> Missing = new(FindMissing);

    /// <summary>Why pywinrm tests cannot run here, or null when they can.</summary>
    public static string? WhyUnavailable => Missing.Value;

    /// <summary>Runs a process; secrets go in <paramref name="environment"/>, never in the arguments.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string file, IEnumerable<string> arguments, IDictionary<string, string?> environment, string? standardInput = null, int timeoutSeconds = 120)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A proxy or a CA bundle from the surroundings must not steer a loopback test.
        foreach (var name in new[] { "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["NO_PROXY"] = "127.0.0.1,localhost,::1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteLineAsync(standardInput);
            process.StandardInput.Close();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within {timeoutSeconds} s.");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>An OpenSSL configuration that activates the default and legacy providers (pywinrm's NTLM needs MD4).</summary>
    public static string WriteOpenSslConfig(string directory)
    {
        var path = Path.Combine(directory, "openssl.cnf");
        File.WriteAllText(path, """
            openssl_conf = openssl_init
            [openssl_init]
            providers = provider_sect
            [provider_sect]
            default = default_sect
            legacy = legacy_sect
            [default_sect]
            activate = 1
            [legacy_sect]
            activate = 1

            """);
        return path;
    }

    private static string? FindMissing()
    {
        if (!File.Exists(Python))
        {
            return Python + " is missing";
        }

        try
        {
            var (exit, _, _) = RunAsync(Python, ["-c", "import winrm"], new Dictionary<string, string?>(), timeoutSeconds: 60).GetAwaiter().GetResult();
            return exit == 0 ? null : "the winrm module (python3-winrm) is not installed for " + Python;
        }
        catch (Exception ex) when (ex is TimeoutException or System.ComponentModel.Win32Exception)
        {
            return Python + " could not run: " + ex.Message;
        }
    }
}

/// <summary>What else a pywinrm test needs besides pywinrm.</summary>
public enum PywinrmNeeds
{
    /// <summary>Server-side NTLM (gss-ntlmssp).</summary>
    Ntlm,
    /// <summary>The test Kerberos realm.</summary>
    Realm,
}

/// <summary>A fact that runs pywinrm; skipped with the reason when /usr/bin/python3, its winrm module, or what it needs is missing.</summary>
public sealed class PywinrmFactAttribute : FactAttribute
{
    public PywinrmFactAttribute(PywinrmNeeds needs)
    {
        if (PythonProcess.WhyUnavailable is { } why)
        {
            Skip = why;
        }
        else if (needs == PywinrmNeeds.Ntlm && !HyperVLibvirt.Simulator.Wire.Security.GssNtlmMechanism.IsInstalled)
        {
            Skip = Security.NtlmFactAttribute.SkipReason;
        }
        else if (needs == PywinrmNeeds.Realm && Security.TestRealm.Current is null)
        {
            Skip = "no test realm";
        }
    }
}
