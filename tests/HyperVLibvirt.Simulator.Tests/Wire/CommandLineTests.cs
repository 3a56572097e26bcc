using HyperVLibvirt.Simulator.Wire;

namespace HyperVLibvirt.Simulator.Tests.Wire;

public sealed class CommandLineTests
{
    [Fact]
    public void Parses_every_option()
    {
        var password = SimulatorHarness.RandomPassword();
        var line = CommandLine.Parse([
            "--http-port", "0", "--https-port", "0", "--profile", "WS2012R2", "--vms", "12", "--seed", "7", "--all-states",
            "--computer-name", "HOSTX", "--user", "admin", "--password", password, "--language", "ja-JP",
            "--latency-ms", "5", "--job-ms", "50", "--no-unencrypted", "--unencrypted-refusal", "500",
            "--max-envelope-kb", "150", "--cert-out", "x.pem", "--fault", "http500@3", "--fault", "reset@2x1",
            "--enumeration-timeout-ms", "1000", "--max-operations-per-user", "15", "--no-negotiate"], _ => null);
        var o = line.Options;
        Assert.Equal(0, o.HttpPort);
        Assert.Equal(0, o.HttpsPort);
        Assert.Equal("ws2012r2", o.Host.Profile);
        Assert.Equal(12, o.Host.VmCount);
        Assert.Equal(7, o.Host.Seed);
        Assert.True(o.Host.AllStates);
        Assert.False(CommandLine.Parse(["--user", "admin", "--password", password], _ => null).Options.Host.AllStates);
        Assert.Equal("HOSTX", o.Host.ComputerName);
        Assert.Equal("ja-JP", o.Host.Language);
        Assert.Equal(TimeSpan.FromMilliseconds(50), o.Host.JobDuration);
        Assert.Equal(5, o.LatencyMs);
        Assert.False(o.AllowUnencrypted);
        Assert.False(o.NegotiateEnabled);
        Assert.Equal(UnencryptedRefusal.Status500, o.UnencryptedRefusal);
        Assert.Equal(150, o.MaxEnvelopeSizeKb);
        Assert.Equal("x.pem", o.CertificatePath);
        Assert.Equal(2, o.Faults.Rules.Count);
        Assert.Equal(15, o.MaxConcurrentOperationsPerUser);
        Assert.Equal(new SimulatorAccount("admin", password), Assert.Single(o.Accounts));
        Assert.DoesNotContain(password, o.Accounts[0].ToString());
    }

    [Fact]
    public void Https_alone_disables_the_default_http_listener()
    {
        var line = CommandLine.Parse(["--https-port", "0", "--user", "u"], name => name == "HVSIM_PASSWORD" ? "from-env" : null);
        Assert.Null(line.Options.HttpPort);
        Assert.Equal("from-env", line.Options.Accounts[0].Password);
    }

    [Fact]
    public void An_account_is_required()
    {
        var ex = Assert.Throws<FormatException>(() => CommandLine.Parse(["--http-port", "0"], _ => null));
        Assert.Contains("--user", ex.Message);
        Assert.Throws<FormatException>(() => CommandLine.Parse(["--user", "u"], _ => null));
        Assert.Throws<FormatException>(() => CommandLine.Parse(["--bogus"], _ => null));
        Assert.Empty(CommandLine.Parse(["--no-basic"], _ => null).Options.Accounts);
    }

    [Fact]
    public void Help_documents_every_option()
    {
        foreach (var option in new[] { "--http-port", "--https-port", "--profile", "--vms", "--all-states", "--seed", "--inventory", "--computer-name", "--user", "--password", "HVSIM_PASSWORD", "--language", "--latency-ms", "--job-ms", "--no-basic", "--no-unencrypted", "--max-envelope-kb", "--cert-out", "--fault", "--ipv6", "--help" })
        {
            Assert.Contains(option, CommandLine.HelpText);
        }

        Assert.True(CommandLine.Parse(["--help"], _ => null).ShowHelp);
    }
}

public sealed class ProgramStartupTests
{
    [Fact]
    public async Task A_bad_inventory_file_is_a_clear_error_and_exit_code_1_not_a_crash()
    {
        var inventory = Path.Combine(Path.GetTempPath(), "hvsim-bad-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(inventory, "{\"vms\": [{\"name\": \"a\", \"state\": \"bogus\"}]}");
        try
        {
            var program = Path.Combine(AppContext.BaseDirectory, "HyperVLibvirt.Simulator.dll");
            var start = new System.Diagnostics.ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { program, "--user", "tester", "--inventory", inventory })
            {
                start.ArgumentList.Add(argument);
            }
            start.Environment["HVSIM_PASSWORD"] = SimulatorHarness.RandomPassword();
            using var process = System.Diagnostics.Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            Assert.Equal(1, process.ExitCode);
            var message = await stderr;
            Assert.Contains("cannot start the simulator", message);
            Assert.Contains("\"state\" must be one of", message);
            Assert.DoesNotContain("Unhandled exception", message);
        }
        finally
        {
            File.Delete(inventory);
        }
    }
}
