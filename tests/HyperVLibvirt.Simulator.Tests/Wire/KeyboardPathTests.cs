using System.Net;
using System.Text.Json;

namespace HyperVLibvirt.Simulator.Tests.Wire;

/// <summary>GET /simulator/keyboard: the simulator's record of what each VM's keyboard received.</summary>
public class KeyboardPathTests
{
    [Fact]
    public async Task Keyboard_path_answers_each_vms_record_as_json_by_vm_guid()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var host = sim.Server.Host;
        var running = host.ExecuteQuery("root/virtualization/v2", "SELECT * FROM Msvm_ComputerSystem WHERE EnabledState = 2 AND Name != __SERVER").Instances.First();
        var name = (string)running["Name"]!;
        var keyboard = host.ExecuteQuery("root/virtualization/v2",
            $"ASSOCIATORS OF {{Msvm_ComputerSystem.CreationClassName='Msvm_ComputerSystem',Name='{name}'}} WHERE ResultClass = Msvm_Keyboard").Instances.Single();
        KeyValuePair<string, string>[] selectors =
        [
            new("CreationClassName", "Msvm_Keyboard"), new("DeviceID", (string)keyboard["DeviceID"]!),
            new("SystemCreationClassName", "Msvm_ComputerSystem"), new("SystemName", name),
        ];
        Assert.Equal(0u, host.InvokeMethod("root/virtualization/v2", "Msvm_Keyboard", selectors, "TypeKey", [new("keyCode", "13")]).ReturnValue);

        using var anonymous = new HttpClient();
        var response = await anonymous.GetAsync(new Uri(sim.Endpoint, "/simulator/keyboard"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var entries = json.RootElement.EnumerateObject().ToArray();
        Assert.Equal(name, Assert.Single(entries).Name);
        Assert.Equal(["TypeKey 13"], entries[0].Value.EnumerateArray().Select(e => e.GetString()!));
    }
}
