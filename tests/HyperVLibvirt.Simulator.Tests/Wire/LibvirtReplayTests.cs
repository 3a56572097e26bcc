using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace HyperVLibvirt.Simulator.Tests.Wire;

/// <summary>
/// Replays the exact requests libvirt's client sent (fixtures/libvirt-client) and checks every
/// item carries every scalar property libvirt deserialises (spec/wmi-classes.md).
/// </summary>
public sealed partial class LibvirtReplayTests
{
    private const string Inventory = """
        { "vms": [
          { "name": "vm-running", "id": "5c6a8a50-6f3e-4d5b-9c1a-0b1e2d3c4f51", "state": "running", "vcpus": 2, "memoryMB": 2048 },
          { "name": "vm-off", "id": "7d0f3b2e-1a9c-4e8b-8f7d-6c5b4a392817", "state": "off", "vcpus": 1, "memoryMB": 1024 }
        ] }
        """;

    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    [SharedTheory]
    [InlineData("02-version")]
    [InlineData("03-list-all")]
    [InlineData("04-dominfo")]
    [InlineData("05-start-extra")]
    public async Task Libvirt_requests_get_complete_answers(string folder)
    {
        var inventoryPath = Path.Combine(Path.GetTempPath(), "hvsim-inventory-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(inventoryPath, Inventory);
        try
        {
            await using var sim = await SimulatorHarness.StartAsync(o => o.Host.InventoryPath = inventoryPath);
            var required = RequiredScalars();
            using var raw = new HttpClient();
            string? lastContext = null;
            var itemsChecked = 0;
            foreach (var file in Directory.GetFiles(Path.Combine(SharedFiles.LibvirtClient, folder), "*.http").Order(StringComparer.Ordinal))
            {
                var (headers, body) = ParseHttp(File.ReadAllText(file));
                if (lastContext is not null)
                {
                    body = ContextPattern().Replace(body, "<wsen:EnumerationContext>" + lastContext + "</wsen:EnumerationContext>");
                }

                var withCredentials = headers.ContainsKey("Authorization");
                var response = await SimulatorHarness.PostAsync(raw, sim.Endpoint, body, r =>
                {
                    if (withCredentials)
                    {
                        r.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(sim.User + ":" + sim.Password)));
                    }

                    r.Headers.UserAgent.ParseAdd(headers.GetValueOrDefault("User-Agent", "openwsman"));
                });

                if (!withCredentials)
                {
                    Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
                    Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
                    continue;
                }

                Assert.True(response.Status == HttpStatusCode.OK, Path.GetFileName(file) + ": " + response.Text);
                lastContext = response.Context ?? lastContext;
                foreach (var item in response.Items)
                {
                    var className = item.Name.LocalName;
                    Assert.True(required.ContainsKey(className), $"{className} is not a class libvirt knows");
                    var present = item.Elements().Select(e => e.Name.LocalName).ToHashSet();
                    var missing = required[className].Where(p => !present.Contains(p)).ToList();
                    Assert.True(missing.Count == 0, $"{Path.GetFileName(file)}: {className} lacks {string.Join(", ", missing)}");
                    itemsChecked++;
                }

                if (Path.GetFileName(file).Contains("RequestStateChange", StringComparison.Ordinal))
                {
                    var output = response.Xml.Element(WsManResponse.S + "Body")!.Elements().Single();
                    Assert.Equal("RequestStateChange_OUTPUT", output.Name.LocalName);
                    var returnValue = output.Elements().Last();
                    Assert.Equal("ReturnValue", returnValue.Name.LocalName);
                    if (returnValue.Value == "4096")
                    {
                        Assert.Single(output.Descendants(WsManResponse.W + "Selector"), s => (string?)s.Attribute("Name") == "InstanceID");
                    }
                }
            }

            Assert.True(itemsChecked > 0, "no items were returned");
        }
        finally
        {
            File.Delete(inventoryPath);
        }
    }

    [SharedFact]
    public async Task Wrong_password_gets_401_twice()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        using var raw = new HttpClient();
        var refused = 0;
        foreach (var file in Directory.GetFiles(Path.Combine(SharedFiles.LibvirtClient, "06-wrong-password"), "*.http").Order(StringComparer.Ordinal))
        {
            var (headers, body) = ParseHttp(File.ReadAllText(file));
            var response = await SimulatorHarness.PostAsync(raw, sim.Endpoint, body, r =>
            {
                if (headers.TryGetValue("Authorization", out var value))
                {
                    r.Headers.TryAddWithoutValidation("Authorization", value);
                }
            });
            Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
            Assert.Empty(response.Body);
            refused++;
        }

        // libvirt's client (curl) asks first without credentials, then with the wrong password: two 401s.
        Assert.Equal(2, refused);
    }

    private static (Dictionary<string, string> Headers, string Body) ParseHttp(string text)
    {
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var separator = 4;
        if (split < 0)
        {
            split = text.IndexOf("\n\n", StringComparison.Ordinal);
            separator = 2;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in text[..split].Split('\n').Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return (headers, text[(split + separator)..]);
    }

    /// <summary>Every scalar property per class from spec/wmi-classes.md (with inherited ones).</summary>
    private static Dictionary<string, List<string>> RequiredScalars()
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var parents = new Dictionary<string, string>();
        string? current = null;
        foreach (var line in File.ReadLines(Path.Combine(SharedFiles.Directory!, "spec", "wmi-classes.md")))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                var header = line[3..].Split(':', StringSplitOptions.TrimEntries);
                current = header[0];
                result[current] = [];
                if (header.Length > 1)
                {
                    parents[current] = header[1];
                }
            }
            else if (current is not null && line.Length > 0 && !line.StartsWith('#'))
            {
                foreach (Match match in PropertyPattern().Matches(line))
                {
                    if (!match.Groups["array"].Success)
                    {
                        result[current].Add(match.Groups["name"].Value);
                    }
                }
            }
        }

        foreach (var (child, parent) in parents)
        {
            result[child].AddRange(result.GetValueOrDefault(parent) ?? []);
        }

        return result;
    }

    [GeneratedRegex(@"(?<name>[A-Za-z_][A-Za-z0-9_]*)(?<array>\[\])? \((?<type>[a-z0-9]+)\)")]
    private static partial Regex PropertyPattern();

    [GeneratedRegex(@"<wsen:EnumerationContext>[^<]*</wsen:EnumerationContext>")]
    private static partial Regex ContextPattern();
}
