using System.Net;
using System.Xml;

namespace HyperVLibvirt.Simulator.Tests.Wire;

/// <summary>Every fault mode happens when asked, and only then (requests 1 and 3 stay normal).</summary>
public sealed class FaultInjectionTests
{
    private static bool IsWellFormed(byte[] body)
    {
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body));
            while (reader.Read())
            {
            }

            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }

    private static async Task AssertNormal(SimulatorHarness sim)
    {
        var normal = await sim.PostAsync(WsManRequest.Identify());
        Assert.Equal(HttpStatusCode.OK, normal.Status);
        Assert.True(IsWellFormed(normal.Body));
        Assert.StartsWith("application/soap+xml", normal.ContentHeaders.ContentType!.MediaType);
    }

    private static async Task<(SimulatorHarness Sim, FaultRule Rule)> StartWith(string specification)
    {
        var sim = await SimulatorHarness.StartAsync();
        var rule = sim.Server.Faults.Add(specification);
        return (sim, rule);
    }

    [Theory]
    [InlineData("http500@2", HttpStatusCode.InternalServerError)]
    [InlineData("http503@2", HttpStatusCode.ServiceUnavailable)]
    public async Task Http_status_faults(string specification, HttpStatusCode status)
    {
        var (sim, rule) = await StartWith(specification);
        await using (sim)
        {
            await AssertNormal(sim);
            var faulted = await sim.PostAsync(WsManRequest.Identify());
            Assert.Equal(status, faulted.Status);
            Assert.Empty(faulted.Body);
            await AssertNormal(sim);
            Assert.Equal(1, rule.AppliedCount);
        }
    }

    [Theory]
    [InlineData("wsman:TimedOut@2", "w:TimedOut", "2150858793")]
    [InlineData("wsman:InternalError@2", "w:InternalError", null)]
    [InlineData("wmierror@2", "w:QuotaLimit", null)]
    public async Task Soap_faults(string specification, string subcode, string? code)
    {
        var (sim, _) = await StartWith(specification);
        await using (sim)
        {
            await AssertNormal(sim);
            var faulted = await sim.PostAsync(WsManRequest.Identify());
            Assert.Equal(HttpStatusCode.InternalServerError, faulted.Status);
            Assert.Equal(subcode, faulted.FaultSubcode);
            if (code is not null)
            {
                Assert.Equal(code, faulted.FaultCode);
            }

            if (specification.StartsWith("wmierror", StringComparison.Ordinal))
            {
                Assert.Contains("MSFT_WmiError", faulted.Text);
            }

            await AssertNormal(sim);
        }
    }

    [Fact]
    public async Task Reset_aborts_mid_body()
    {
        var (sim, _) = await StartWith("reset@2x1");
        await using (sim)
        {
            await AssertNormal(sim);
            await Assert.ThrowsAnyAsync<Exception>(() => sim.PostAsync(WsManRequest.Identify()));
            await AssertNormal(sim);
        }
    }

    [Theory]
    [InlineData("truncate@2")]
    [InlineData("invalidxml@2")]
    public async Task Broken_xml(string specification)
    {
        var (sim, _) = await StartWith(specification);
        await using (sim)
        {
            await AssertNormal(sim);
            var broken = await sim.PostAsync(WsManRequest.Identify());
            Assert.Equal(HttpStatusCode.OK, broken.Status);
            Assert.NotEmpty(broken.Body);
            Assert.False(IsWellFormed(broken.Body));
            await AssertNormal(sim);
        }
    }

    [Fact]
    public async Task Drip_delivers_the_whole_body_slowly()
    {
        var (sim, rule) = await StartWith("drip:32:5@2");
        await using (sim)
        {
            var normal = await sim.PostAsync(WsManRequest.Identify());
            Assert.Equal(0, rule.PauseCount);
            var dripped = await sim.PostAsync(WsManRequest.Identify());
            Assert.Equal(HttpStatusCode.OK, dripped.Status);
            Assert.True(IsWellFormed(dripped.Body));
            Assert.Equal(normal.Body.Length, dripped.Body.Length);
            // One pause after every 32-byte chunk but the last: counted, not timed.
            Assert.Equal((dripped.Body.Length - 1) / 32, rule.PauseCount);
            Assert.Equal(1, rule.AppliedCount);
        }
    }

    [Fact]
    public async Task Wrong_content_type_and_oversize()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        sim.Server.Faults.Add("contenttype@2");
        sim.Server.Faults.Add("oversize:1024@4");
        await AssertNormal(sim);
        var html = await sim.PostAsync(WsManRequest.Identify());
        Assert.Equal("text/html", html.ContentHeaders.ContentType!.MediaType);
        await AssertNormal(sim);
        var huge = await sim.PostAsync(WsManRequest.Identify());
        Assert.True(huge.Body.Length >= 1024 * 1024);
        Assert.True(IsWellFormed(huge.Body));
        await AssertNormal(sim);
    }

    [Fact]
    public async Task Latency_applies_to_the_chosen_operation_and_times_out_past_operation_timeout()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var rule = sim.Server.Faults.Add("latency:300/Enumerate");
        await AssertNormal(sim);
        Assert.Equal(0, rule.AppliedCount); // not an Enumerate: no delay
        var slow = await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.V2, "SELECT * FROM Msvm_ComputerSystem"));
        Assert.Equal(HttpStatusCode.OK, slow.Status);
        Assert.Equal(1, rule.AppliedCount);

        var timedOut = await sim.PostAsync(WsManRequest.Envelope(WsManRequest.EnumerateAction, WsManRequest.V2 + "*",
            "<n:Enumerate><w:Filter Dialect=\"http://schemas.microsoft.com/wbem/wsman/1/WQL\">SELECT * FROM Msvm_ComputerSystem</w:Filter></n:Enumerate>",
            operationTimeout: "PT0.1S"));
        Assert.Equal("w:TimedOut", timedOut.FaultSubcode);
        Assert.Equal(2, rule.AppliedCount);
        sim.Server.Faults.Clear();
        var after = await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.V2, "SELECT * FROM Msvm_ComputerSystem"));
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Equal(2, rule.AppliedCount); // cleared: no longer consulted
    }
}
