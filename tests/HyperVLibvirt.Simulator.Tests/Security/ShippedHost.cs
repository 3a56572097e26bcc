using System.Net;
using System.Security.Cryptography;
using HyperVLibvirt.Simulator.Tests.Wire;

namespace HyperVLibvirt.Simulator.Tests.Security;

/// <summary>Starts simulators for the security tests and drives a session through a whole enumeration.</summary>
internal static class ShippedHost
{
    public const string VmQuery = "SELECT * FROM Msvm_ComputerSystem WHERE Description = 'Microsoft Virtual Machine'";

    /// <summary>A simulator as Windows ships (HTTP only, Basic off, AllowUnencrypted off) with a random test account.</summary>
    public static Task<SimulatorHarness> StartAsync(Action<SimulatorOptions>? configure = null) =>
        SimulatorHarness.StartAsync(o =>
        {
            o.UseWindowsDefaults();
            configure?.Invoke(o);
        });

    /// <summary>A random user name, so accounts of concurrent tests never look alike.</summary>
    public static string RandomUser() => "u" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();

    /// <summary>The simulator's own account as a credential.</summary>
    public static NetworkCredential Credential(SimulatorHarness sim, string? domain = null) => new(sim.User, sim.Password, domain ?? string.Empty);

    /// <summary>Enumerates the VMs with sealed requests (Enumerate, then Pull until the end), returning their ElementNames.</summary>
    public static async Task<List<string>> EnumerateVmNamesAsync(SessionClient session, string protocol = SessionFraming.SpnegoProtocol)
    {
        var enumerate = await session.PostEncryptedAsync(WsManRequest.EnumerateWql(WsManRequest.V2, VmQuery), protocol);
        Assert.Equal(HttpStatusCode.OK, enumerate.Status);
        Assert.True(enumerate.WasEncrypted);
        var context = enumerate.Context!;
        var names = new List<string>();
        for (var page = 0; page < 1000; page++)
        {
            var pull = await session.PostEncryptedAsync(WsManRequest.Pull(WsManRequest.V2 + "Msvm_ComputerSystem", context, 2), protocol);
            Assert.Equal(HttpStatusCode.OK, pull.Status);
            Assert.True(pull.WasEncrypted);
            names.AddRange(pull.Items.Select(i => i.Elements().First(e => e.Name.LocalName == "ElementName").Value));
            if (pull.EndOfSequence)
            {
                return names;
            }

            context = pull.Context!;
        }

        throw new InvalidOperationException("The enumeration did not end.");
    }
}
