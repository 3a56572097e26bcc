using System.Net;
using System.Xml.Linq;

namespace HyperVLibvirt.Simulator.Tests.Wire;

public sealed class EnumerationTests
{
    private const string AllSystems = "SELECT * FROM Msvm_ComputerSystem";
    private static readonly string CsUri = WsManRequest.V2 + "Msvm_ComputerSystem";

    [Fact]
    public async Task Paging_changes_context_every_page_and_ends_with_end_of_sequence()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.Host.VmCount = 7);
        var enumerate = await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.V2, AllSystems));
        Assert.Equal(HttpStatusCode.OK, enumerate.Status);
        Assert.Empty(enumerate.Items);
        var context = enumerate.Context!;
        Assert.StartsWith("uuid:", context);
        var seen = new HashSet<string> { context };
        var names = new List<string>();
        for (var page = 0; page < 20; page++)
        {
            var pull = await sim.PostAsync(WsManRequest.Pull(CsUri, context, 3));
            Assert.Equal(HttpStatusCode.OK, pull.Status);
            names.AddRange(pull.Items.Select(i => i.Element(XName.Get("Name", CsUri))!.Value));
            if (pull.EndOfSequence)
            {
                Assert.Null(pull.Context);
                break;
            }

            Assert.Equal(3, pull.Items.Count);
            Assert.True(seen.Add(pull.Context!), "each PullResponse carries a new context");
            var stale = await sim.PostAsync(WsManRequest.Pull(CsUri, context, 3));
            Assert.Equal("n:InvalidEnumerationContext", stale.FaultSubcode);
            context = pull.Context!;
        }

        Assert.Equal(8, names.Count);
        Assert.Equal(8, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public async Task Pull_without_max_elements_returns_one_item()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var context = (await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.V2, AllSystems))).Context!;
        var pull = await sim.PostAsync(WsManRequest.Pull(CsUri, context));
        Assert.Single(pull.Items);
        Assert.False(pull.EndOfSequence);
    }

    [Fact]
    public async Task Empty_result_gives_context_then_end_of_sequence()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var enumerate = await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.V2, "SELECT * FROM Msvm_ComputerSystem WHERE Name = 'no-such'"));
        Assert.StartsWith("uuid:", enumerate.Context);
        var pull = await sim.PostAsync(WsManRequest.Pull(CsUri, enumerate.Context!, 10));
        Assert.Empty(pull.Items);
        Assert.True(pull.EndOfSequence);
        Assert.Null(pull.Context);
    }

    [Fact]
    public async Task Release_ends_the_context()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var context = (await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.V2, AllSystems))).Context!;
        var release = await sim.PostAsync(WsManRequest.Release(CsUri, context));
        Assert.Equal(HttpStatusCode.OK, release.Status);
        Assert.Equal("http://schemas.xmlsoap.org/ws/2004/09/enumeration/ReleaseResponse", release.Xml.Descendants(WsManResponse.A + "Action").Single().Value);
        Assert.Empty(release.Xml.Element(WsManResponse.S + "Body")!.Elements());
        var pull = await sim.PostAsync(WsManRequest.Pull(CsUri, context));
        Assert.Equal(HttpStatusCode.InternalServerError, pull.Status);
        Assert.Equal("n:InvalidEnumerationContext", pull.FaultSubcode);
        Assert.Equal("2150858779", pull.FaultCode);
        Assert.Equal("http://schemas.xmlsoap.org/ws/2004/09/enumeration/fault", pull.Xml.Descendants(WsManResponse.A + "Action").Single().Value);
    }

    [Fact]
    public async Task Idle_contexts_expire()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var sim = await SimulatorHarness.StartAsync(o =>
        {
            o.Host.Clock = clock;
            o.EnumerationTimeout = TimeSpan.FromSeconds(5);
        });
        var first = (await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.V2, AllSystems))).Context!;
        var second = (await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.V2, AllSystems))).Context!;
        clock.Advance(TimeSpan.FromSeconds(4));
        var stillAlive = await sim.PostAsync(WsManRequest.Pull(CsUri, second));
        Assert.Equal(HttpStatusCode.OK, stillAlive.Status);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("n:InvalidEnumerationContext", (await sim.PostAsync(WsManRequest.Pull(CsUri, first))).FaultSubcode);
        Assert.Equal(HttpStatusCode.OK, (await sim.PostAsync(WsManRequest.Pull(CsUri, stillAlive.Context!))).Status);
    }

    [Fact]
    public async Task Open_contexts_per_user_are_capped()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.MaxConcurrentOperationsPerUser = 3);
        var contexts = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            contexts.Add((await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.V2, AllSystems))).Context!);
        }

        var refused = await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.V2, AllSystems));
        Assert.Equal(HttpStatusCode.InternalServerError, refused.Status);
        Assert.Equal("w:InternalError", refused.FaultSubcode);
        Assert.Equal("2150859174", refused.FaultCode);
        Assert.Contains("maximum number of 3 concurrent operations", refused.Text);

        await sim.PostAsync(WsManRequest.Release(CsUri, contexts[0]));
        Assert.Equal(HttpStatusCode.OK, (await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.V2, AllSystems))).Status);
    }

    [Fact]
    public async Task Optimized_enumeration_returns_items_inline()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var all = await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.Cimv2, "SELECT * FROM Win32_OperatingSystem", optimize: true, maxElements: 32000));
        Assert.Equal(HttpStatusCode.OK, all.Status);
        Assert.Equal(string.Empty, all.Context);
        Assert.Single(all.Xml.Descendants(WsManResponse.W + "Items").Single().Elements());
        Assert.Single(all.Xml.Descendants(WsManResponse.W + "EndOfSequence"));

        var partial = await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.V2, AllSystems, optimize: true, maxElements: 2));
        Assert.Equal(2, partial.Xml.Descendants(WsManResponse.W + "Items").Single().Elements().Count());
        Assert.StartsWith("uuid:", partial.Context);
        Assert.False(partial.EndOfSequence);
        var rest = await sim.PostAsync(WsManRequest.Pull(CsUri, partial.Context!, 100));
        Assert.Equal(3, rest.Items.Count);
        Assert.True(rest.EndOfSequence);
    }

    [Fact]
    public async Task Envelope_size_limits_the_batch()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.Host.VmCount = 20);
        var context = (await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.V2, AllSystems))).Context!;
        var pull = await sim.PostAsync(WsManRequest.Pull(CsUri, context, 100, maxEnvelopeSize: "8192"));
        Assert.Equal(HttpStatusCode.OK, pull.Status);
        Assert.InRange(pull.Items.Count, 1, 5);
        Assert.True(pull.Body.Length <= 8192, $"{pull.Body.Length} bytes");
        Assert.False(pull.EndOfSequence);
    }

    [Fact]
    public async Task Property_lists_come_back_as_xml_fragments()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var response = await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.Cimv2, "SELECT Version, Caption FROM Win32_OperatingSystem", optimize: true, maxElements: 10));
        var fragment = Assert.Single(response.Xml.Descendants(WsManResponse.W + "XmlFragment"));
        Assert.Equal(["Caption", "Version"], fragment.Elements().Select(e => e.Name.ToString()).ToArray());
    }

    [Fact]
    public async Task Epr_modes_return_endpoint_references()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var epr = await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.V2, AllSystems, optimize: true, maxElements: 100, mode: "EnumerateEPR"));
        var references = epr.Xml.Descendants(WsManResponse.W + "Items").Single().Elements().ToList();
        Assert.Equal(5, references.Count);
        Assert.All(references, r =>
        {
            Assert.Equal(WsManResponse.A + "EndpointReference", r.Name);
            Assert.Equal(CsUri, r.Descendants(WsManResponse.W + "ResourceURI").Single().Value);
            Assert.Equal(["CreationClassName", "Name"], r.Descendants(WsManResponse.W + "Selector").Select(s => (string)s.Attribute("Name")!).Order().ToArray());
        });

        var both = await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.V2, AllSystems, optimize: true, maxElements: 100, mode: "EnumerateObjectAndEPR"));
        var item = both.Xml.Descendants(WsManResponse.W + "Item").First();
        Assert.Equal(XName.Get("Msvm_ComputerSystem", CsUri), item.Elements().First().Name);
        Assert.Equal(WsManResponse.A + "EndpointReference", item.Elements().Last().Name);
    }

    [Fact]
    public async Task Class_uri_enumeration_without_filter()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var enumerate = await sim.PostAsync(WsManRequest.EnumerateClass(CsUri, optimize: true, maxElements: 100));
        Assert.Equal(HttpStatusCode.OK, enumerate.Status);
        Assert.Equal(5, enumerate.Xml.Descendants(WsManResponse.W + "Items").Single().Elements().Count());
    }

    [Fact]
    public async Task Thousand_vms_in_one_enumeration()
    {
        await using var sim = await SimulatorHarness.StartAsync(o =>
        {
            o.Host.VmCount = 1024;
            o.MaxEnvelopeSizeKb = 8192;
        });
        var items = await sim.QueryAllAsync(WsManRequest.V2, "SELECT * FROM Msvm_ComputerSystem WHERE Name != __SERVER", maxElements: 32000);
        Assert.Equal(1024, items.Count);
        Assert.Equal(1024, items.Select(i => i.Element(XName.Get("Name", CsUri))!.Value).Distinct().Count());
    }
}
