using System.Diagnostics;

namespace HyperVLibvirt.Simulator.Tests.Wire;

/// <summary>A fact skipped, with the reason, when Debian's wsl WS-Man client is not installed.</summary>
public sealed class WslFactAttribute : FactAttribute
{
    /// <summary>Sets Skip when wsl is not on PATH.</summary>
    public WslFactAttribute()
    {
        if (WslClientTests.FindWsl() is null)
        {
            Skip = "Debian's WS-Man client 'wsl' is not installed (apt-get install wsl).";
        }
    }
}

/// <summary>Debian's third-party WS-Man client talks to the simulator.</summary>
public sealed class WslClientTests
{
    internal static string? FindWsl()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, "wsl");
            if (dir.Length > 0 && File.Exists(candidate) && !OperatingSystem.IsWindows())
            {
                return candidate;
            }
        }

        return null;
    }

    private static async Task<(int Exit, string Output, string Response)> RunWsl(string home, SimulatorHarness sim, string[] arguments)
    {
        var start = new ProcessStartInfo(FindWsl()!) { WorkingDirectory = home, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // wsl reads its target from the environment; without uuidgen it sends an empty MessageID,
        // so a shim that prints a random UUID goes first on PATH.
        start.Environment["HOME"] = home;
        start.Environment["PATH"] = Path.Combine(home, "bin") + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        start.Environment["WSENDPOINT"] = "127.0.0.1:" + sim.Endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["WSUSER"] = sim.User;
        start.Environment["WSPASS"] = sim.Password;
        start.Environment["WSNOSSL"] = "1";
        start.Environment["WSAUTOMATED"] = "1";
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var responseFile = Path.Combine(home, "response.xml");
        var response = File.Exists(responseFile) ? await File.ReadAllTextAsync(responseFile) : string.Empty;
        return (process.ExitCode, await stdout + await stderr, response);
    }

    [WslFact]
    public async Task Wsl_identifies_and_enumerates()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var home = Directory.CreateTempSubdirectory("hvsim-wsl-").FullName;
        try
        {
            var bin = Directory.CreateDirectory(Path.Combine(home, "bin")).FullName;
            var shim = Path.Combine(bin, "uuidgen");
            File.WriteAllText(shim, "#!/bin/sh\ncat /proc/sys/kernel/random/uuid\n");
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var identify = await RunWsl(home, sim, ["identify", "check"]);
            Assert.True(identify.Response.Contains("IdentifyResponse", StringComparison.Ordinal) || identify.Output.Contains("IdentifyResponse", StringComparison.Ordinal),
                $"exit {identify.Exit}: {identify.Output}\n{identify.Response}");
            Assert.Contains("Microsoft Corporation", identify.Output + identify.Response);

            File.Delete(Path.Combine(home, "response.xml"));
            var enumerate = await RunWsl(home, sim, ["enum", "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ComputerSystem"]);
            var all = enumerate.Output + enumerate.Response;
            Assert.True(all.Contains("Msvm_ComputerSystem_Type", StringComparison.Ordinal), $"exit {enumerate.Exit}: {all}");
            Assert.Contains(sim.Server.Host.ComputerName, enumerate.Response);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
