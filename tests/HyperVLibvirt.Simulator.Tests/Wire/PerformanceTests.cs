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

    private static int CountOf(string text, string token)
    {
        var count = 0;
        for (var at = text.IndexOf(token, StringComparison.Ordinal); at >= 0; at = text.IndexOf(token, at + token.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>Marked Category=Stress; exclude with --filter "Category!=Stress".</summary>
    [Fact]
    [Trait("Category", "Stress")]
    public async Task Hundred_thousand_vms()
    {
        var watch = Stopwatch.StartNew();
        await using var sim = await SimulatorHarness.StartAsync(o =>
        {
            o.Host.VmCount = 100_000;
            o.MaxEnvelopeSizeKb = 65536;
        });
        output.WriteLine($"host built in {watch.Elapsed.TotalSeconds:F1} s");
        var context = (await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.V2, "SELECT * FROM Msvm_ComputerSystem WHERE Name != __SERVER"))).Context!;
        var count = 0;
        for (var page = 0; page < 100; page++)
        {
            var pull = await sim.PostAsync(WsManRequest.Pull(CsUri, context, 25000, maxEnvelopeSize: "67108864"));
            Assert.Equal(HttpStatusCode.OK, pull.Status);

            // Count items on the raw text: parsing 60 MB into a DOM would dominate the run.
            var text = pull.Text;
            count += CountOf(text, "<p:Msvm_ComputerSystem ");
            if (text.Contains("<n:EndOfSequence/>", StringComparison.Ordinal))
            {
                break;
            }

            var start = text.IndexOf("<n:EnumerationContext>", StringComparison.Ordinal) + "<n:EnumerationContext>".Length;
            context = text[start..text.IndexOf('<', start)];
        }

        Assert.Equal(100_000, count);
        output.WriteLine($"100,000 VMs enumerated in {watch.Elapsed.TotalSeconds:F1} s (server {sim.Server.Statistics.TotalServingTime.TotalSeconds:F1} s)");
    }
}
