using System.Net;
using HyperVLibvirt.Simulator.Tests.Security;
using HyperVLibvirt.Simulator.Tests.Wire;

namespace HyperVLibvirt.Simulator.Tests.Interop;

/// <summary>
/// pywinrm 0.3 (Debian's python3-winrm), the public reference for WinRM's message encryption,
/// against the as-shipped simulator: if it can read the simulator's sealed answers and the
/// simulator can read its sealed requests, the framing is the real one.
/// </summary>
public sealed class PywinrmInteropTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hvsim-pywinrm-").FullName;

    [PywinrmFact(PywinrmNeeds.Ntlm)]
    public async Task Pywinrm_lists_the_vms_over_http_with_ntlm_message_encryption()
    {
        await using var sim = await ShippedHost.StartAsync(o => o.Host.VmCount = 5);
        var (exit, output, error) = await RunScriptAsync(sim.Endpoint, "ntlm", "always", sim.User, sim.Password);
        Assert.True(exit == 0, "pywinrm failed: " + error);
        Assert.Equal(sim.Server.Host.Inventory.Select(v => v.Name).Order(), VmNames(output).Order());
        Assert.Contains("DONE 5", output);

        // Enumerate and three Pulls, all sealed; one NTLM logon.
        Assert.True(sim.Server.Statistics.EncryptedRequestCount >= 4, $"{sim.Server.Statistics.EncryptedRequestCount} encrypted requests");
        Assert.Equal(1, sim.Server.Statistics.ContextLogonCount);
        Assert.DoesNotContain(sim.Password, output + error);
    }

    [PywinrmFact(PywinrmNeeds.Ntlm)]
    public async Task Pywinrm_with_a_wrong_password_is_refused()
    {
        await using var sim = await ShippedHost.StartAsync();
        var (exit, _, error) = await RunScriptAsync(sim.Endpoint, "ntlm", "always", sim.User, sim.Password + "x");
        Assert.NotEqual(0, exit);
        Assert.Contains("401", error);
        Assert.Equal(0, sim.Server.Statistics.EncryptedRequestCount);
    }

    [PywinrmFact(PywinrmNeeds.Realm)]
    public async Task Pywinrm_lists_the_vms_over_https_with_kerberos()
    {
        var realm = TestRealm.Current!;

        await using var sim = await ShippedHost.StartAsync(o =>
        {
            o.HttpsPort = 0;
            o.Host.VmCount = 3;
        });

        // requests-kerberos takes its ticket from a cache: fill a private one (password on stdin, never argv).
        var cache = "FILE:" + Path.Combine(_directory, "ccache");
        var (kinit, _, kinitError) = await PythonProcess.RunAsync("kinit", [realm.User], new Dictionary<string, string?> { ["KRB5CCNAME"] = cache }, standardInput: realm.Password);
        Assert.True(kinit == 0, "kinit failed: " + kinitError);

        var (exit, output, error) = await RunScriptAsync(sim.Server.HttpsEndpoint!, "kerberos", "never", realm.User, null, cache, "localhost");
        Assert.True(exit == 0, "pywinrm failed: " + error);
        Assert.Equal(sim.Server.Host.Inventory.Select(v => v.Name).Order(), VmNames(output).Order());

        // Kerberos over HTTPS: no message encryption; requests-kerberos requires (and so checked) the AP-REP.
        Assert.Equal(0, sim.Server.Statistics.EncryptedRequestCount);
        Assert.Equal(1, sim.Server.Statistics.ContextLogonCount);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static List<string> VmNames(string output) =>
        output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("VM: ", StringComparison.Ordinal)).Select(l => l["VM: ".Length..]).ToList();

    private async Task<(int ExitCode, string Output, string Error)> RunScriptAsync(Uri endpoint, string transport, string encryption, string user, string? password, string? ticketCache = null, string? hostnameOverride = null)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Interop", "pywinrm_enumerate.py");
        var environment = new Dictionary<string, string?>
        {
            ["HVSIM_USER"] = user,
            ["HVSIM_PASSWORD"] = password,
            ["OPENSSL_CONF"] = PythonProcess.WriteOpenSslConfig(_directory),
            ["PYTHONWARNINGS"] = "ignore",
        };
        if (ticketCache is not null)
        {
            environment["KRB5CCNAME"] = ticketCache;
        }

        List<string> arguments = [script, endpoint.ToString(), transport, encryption];
        if (hostnameOverride is not null)
        {
            arguments.Add(hostnameOverride);
        }

        return await PythonProcess.RunAsync(PythonProcess.Python, arguments, environment);
    }
}
