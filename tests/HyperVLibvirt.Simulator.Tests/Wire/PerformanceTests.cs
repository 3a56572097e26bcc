using System.Diagnostics;
using System.Net;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace HyperVLibvirt.Simulator.Tests.Wire;

/// <summary>Speed is recorded, not asserted (the machine may be busy); correctness is asserted.</summary>
public sealed class PerformanceTests(ITestOutputHelper output)
{
    private static readonly string CsUri = WsManRequest.V2 + "Msvm_ComputerSystem";

    [Fact]
    public async Task Pull_of_500_instances()
    {
        await using var sim = await SimulatorHarness.StartAsync(o =>
        {
            o.Host.VmCount = 600;
            o.MaxEnvelopeSizeKb = 16384;
        });
        var times = new List<double>();
        for (var round = 0; round < 6; round++)
        {
            var context = (await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.V2, "SELECT * FROM Msvm_ComputerSystem"))).Context!;
            sim.Server.Statistics.Reset();
            var watch = Stopwatch.StartNew();
            var pull = await sim.PostAsync(WsManRequest.Pull(CsUri, context, 500, maxEnvelopeSize: "16777216"));
            watch.Stop();
            Assert.Equal(HttpStatusCode.OK, pull.Status);
            Assert.Equal(500, pull.Items.Count);
            Assert.All(pull.Items, i => Assert.Equal(XName.Get("Msvm_ComputerSystem", CsUri), i.Name));
            times.Add(sim.Server.Statistics.TotalServingTime.TotalMilliseconds);
            output.WriteLine($"round {round}: server {sim.Server.Statistics.TotalServingTime.TotalMilliseconds:F2} ms, client round trip {watch.Elapsed.TotalMilliseconds:F2} ms, {pull.Body.Length} bytes");
            await sim.PostAsync(WsManRequest.Release(CsUri, pull.Context!));
        }

        output.WriteLine($"best server time for a 500-instance Pull: {times.Skip(1).Min():F2} ms");
    }
}
