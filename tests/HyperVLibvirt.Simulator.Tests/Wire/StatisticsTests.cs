using System.Net;
using System.Text.Json;

namespace HyperVLibvirt.Simulator.Tests.Wire;

public sealed class StatisticsTests
{
    private static readonly string CsUri = WsManRequest.V2 + "Msvm_ComputerSystem";

    [Fact]
    public async Task Open_enumerations_count_until_finished_or_released()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.Host.VmCount = 5);
        Assert.Equal(0, sim.Server.Statistics.OpenEnumerations);

        var first = (await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.V2, "SELECT * FROM Msvm_ComputerSystem"))).Context!;
        var second = (await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.V2, "SELECT * FROM Msvm_ComputerSystem"))).Context!;
        Assert.Equal(2, sim.Server.Statistics.OpenEnumerations);

        await sim.PostAsync(WsManRequest.Release(CsUri, first));
        Assert.Equal(1, sim.Server.Statistics.OpenEnumerations);

        var last = await sim.PostAsync(WsManRequest.Pull(CsUri, second, 100));
        Assert.True(last.EndOfSequence);
        Assert.Equal(0, sim.Server.Statistics.OpenEnumerations);
    }

    [Fact]
    public async Task Stats_path_answers_json_without_credentials()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.V2, "SELECT * FROM Msvm_ComputerSystem"));
        using var anonymous = new HttpClient();
        var response = await anonymous.GetAsync(new Uri(sim.Endpoint, "/simulator/stats"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(1, json.RootElement.GetProperty("openEnumerations").GetInt32());
        Assert.True(json.RootElement.GetProperty("requests").GetInt64() >= 1);
        Assert.True(json.RootElement.TryGetProperty("servingMs", out _));
    }
}
