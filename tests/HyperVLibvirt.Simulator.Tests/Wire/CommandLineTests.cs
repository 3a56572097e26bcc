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
            "--fault", "method:AddResourceSettings=32768@2", "--enumeration-timeout-ms", "1000", "--max-operations-per-user", "15", "--no-negotiate"], _ => null);
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
        Assert.Equal(3, o.Faults.Rules.Count);
        Assert.Equal(FaultKind.MethodReturnCode, o.Faults.Rules[2].Kind);
        Assert.Equal("AddResourceSettings", o.Faults.Rules[2].Method);
        Assert.Equal(15, o.MaxConcurrentOperationsPerUser);
        Assert.Equal(new SimulatorAccount("admin", password), Assert.Single(o.Accounts));
        Assert.DoesNotContain(password, o.Accounts[0].ToString());
    }

    [Fact]
    public void As_shipped_applies_the_windows_defaults_first_and_other_options_change_them()
    {
        var shipped = CommandLine.Parse(["--as-shipped", "--user", "admin"], name => name == "HVSIM_PASSWORD" ? "from-env" : null).Options;
        Assert.Equal(0, shipped.HttpPort);
        Assert.Null(shipped.HttpsPort);
        Assert.False(shipped.BasicEnabled);
        Assert.False(shipped.AllowUnencrypted);
        Assert.Equal(UnencryptedRefusal.AsWindows, shipped.UnencryptedRefusal);
        Assert.True(shipped.NegotiateEnabled);
        Assert.True(shipped.KerberosEnabled);

        // Given before --as-shipped, --basic still wins; the preset does not need an account (Kerberos alone can log on).
        var changed = CommandLine.Parse(["--basic", "--no-kerberos", "--unencrypted-refusal", "401", "--as-shipped", "--user", "admin", "--password", "pw"], _ => null).Options;
        Assert.True(changed.BasicEnabled);
        Assert.False(changed.KerberosEnabled);
        Assert.Equal(UnencryptedRefusal.Status401, changed.UnencryptedRefusal);
        Assert.Empty(CommandLine.Parse(["--as-shipped"], _ => null).Options.Accounts);

        var stock = CommandLine.Parse(["--user", "admin", "--password", "pw"], _ => null).Options;
        Assert.True(stock.BasicEnabled);
        Assert.True(stock.AllowUnencrypted);
        Assert.Null(stock.NegotiateEnabled);
        Assert.False(stock.KerberosEnabled);
        Assert.True(CommandLine.Parse(["--kerberos", "--user", "a", "--password", "pw"], _ => null).Options.KerberosEnabled);
        Assert.Equal(UnencryptedRefusal.AsWindows, CommandLine.Parse(["--unencrypted-refusal", "windows", "--no-basic"], _ => null).Options.UnencryptedRefusal);
        Assert.Throws<FormatException>(() => CommandLine.Parse(["--unencrypted-refusal", "403", "--no-basic"], _ => null));
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
        foreach (var option in new[] { "--http-port", "--https-port", "--profile", "--vms", "--all-states", "--seed", "--inventory", "--computer-name", "--user", "--password", "HVSIM_PASSWORD", "--language", "--latency-ms", "--job-ms", "--no-basic", "--no-unencrypted", "--max-envelope-kb", "--cert-out", "--fault", "--ipv6", "--help",
            "--as-shipped", "--basic", "--no-negotiate", "--kerberos", "--no-kerberos", "--unencrypted-refusal", "windows", "KRB5_KTNAME", "encryptedRequests", "openSecurityContexts" })
        {
            Assert.Contains(option, CommandLine.HelpText);
        }

        Assert.True(CommandLine.Parse(["--help"], _ => null).ShowHelp);
    }
}

public sealed class ProgramStartupTests
{
    [HyperVLibvirt.Simulator.Tests.Security.NtlmFact]
    public async Task The_program_as_shipped_serves_an_ntlm_logon_and_encrypted_messages()
    {
        var program = Path.Combine(AppContext.BaseDirectory, "HyperVLibvirt.Simulator.dll");
        var password = SimulatorHarness.RandomPassword();
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { program, "--as-shipped", "--user", "tester", "--vms", "2" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HVSIM_PASSWORD"] = password;
        using var process = System.Diagnostics.Process.Start(start)!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            Assert.StartsWith("listening: http://127.0.0.1:", line);
            var endpoint = new Uri(line!["listening: ".Length..]);

            // In its own process the simulator must point gss-ntlmssp at its accounts by itself (libc setenv).
            using var session = new HyperVLibvirt.Simulator.Tests.Security.SessionClient(endpoint);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await session.AuthenticateAsync("Negotiate", "NTLM", new System.Net.NetworkCredential("tester", password))).Status);
            var identify = await session.PostEncryptedAsync(WsManRequest.Identify());
            Assert.Equal(System.Net.HttpStatusCode.OK, identify.Status);
            Assert.True(identify.WasEncrypted);
            Assert.Equal(System.Net.HttpStatusCode.InternalServerError, (await session.PostPlainAsync(WsManRequest.Identify())).Status);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(exit.Token);
        }
    }

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
