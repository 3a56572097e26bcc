using System.Net;
using System.Xml.Linq;

namespace HyperVLibvirt.Simulator.Tests.Wire;

public sealed class OperationFaultTests
{
    private static readonly string CsUri = WsManRequest.V2 + "Msvm_ComputerSystem";
    private const string Query = "SELECT * FROM Msvm_ComputerSystem";

    private static string EnumerateBody => "<n:Enumerate><w:Filter Dialect=\"http://schemas.microsoft.com/wbem/wsman/1/WQL\">" + Query + "</w:Filter></n:Enumerate>";

    [Fact]
    public async Task Header_validation_faults()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var noReplyTo = await sim.PostAsync(WsManRequest.Envelope(WsManRequest.EnumerateAction, WsManRequest.V2 + "*", EnumerateBody, replyTo: false));
        Assert.Equal(HttpStatusCode.InternalServerError, noReplyTo.Status);
        Assert.Equal("a:MessageInformationHeaderRequired", noReplyTo.FaultSubcode);

        var badTimeout = await sim.PostAsync(WsManRequest.Envelope(WsManRequest.EnumerateAction, WsManRequest.V2 + "*", EnumerateBody, operationTimeout: "PT-1S"));
        Assert.Equal("a:InvalidMessageInformationHeader", badTimeout.FaultSubcode);
        Assert.Equal("2150858767", badTimeout.FaultCode);
        Assert.Contains("PT-1S", badTimeout.Text);

        var tiny = await sim.PostAsync(WsManRequest.Envelope(WsManRequest.EnumerateAction, WsManRequest.V2 + "*", EnumerateBody, maxEnvelopeSize: "4096"));
        Assert.Equal("w:EncodingLimit", tiny.FaultSubcode);

        var locale = await sim.PostAsync(WsManRequest.Envelope(WsManRequest.EnumerateAction, WsManRequest.V2 + "*", EnumerateBody,
            extraHeaders: "<w:Locale xml:lang=\"en-US\" s:mustUnderstand=\"true\"/>"));
        Assert.Equal("w:UnsupportedFeature", locale.FaultSubcode);

        var unknown = await sim.PostAsync(WsManRequest.Envelope("http://schemas.xmlsoap.org/ws/2004/09/transfer/Frobnicate", CsUri, string.Empty));
        Assert.Equal("a:ActionNotSupported", unknown.FaultSubcode);
        Assert.Equal("http://schemas.xmlsoap.org/ws/2004/08/addressing/fault", unknown.Xml.Descendants(WsManResponse.A + "Action").Single().Value);

        var fine = await sim.PostAsync(WsManRequest.Envelope(WsManRequest.EnumerateAction, WsManRequest.V2 + "*", EnumerateBody,
            extraHeaders: "<w:Locale xml:lang=\"ja-JP\" s:mustUnderstand=\"false\"/>", messageId: "uuid:abc"));
        Assert.Equal(HttpStatusCode.OK, fine.Status);
        Assert.Equal("ja-JP", (string?)fine.Xml.Attribute(XNamespace.Xml + "lang"));
        Assert.Equal("uuid:abc", fine.Xml.Descendants(WsManResponse.A + "RelatesTo").Single().Value);
        Assert.Matches("^uuid:[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$", fine.Xml.Descendants(WsManResponse.A + "MessageID").Single().Value);
    }

    [Fact]
    public async Task Query_faults_are_cannot_process_filter()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var unknownClass = await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.V2, "SELECT * FROM Msvm_NoSuchClass"));
        Assert.Equal("n:CannotProcessFilter", unknownClass.FaultSubcode);
        Assert.Equal("2150858778", unknownClass.FaultCode);
        Assert.Contains("__ExtendedStatus", unknownClass.Text);

        var badWql = await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.V2, "SELEC nonsense"));
        Assert.Equal("n:CannotProcessFilter", badWql.FaultSubcode);

        var wqlOnClassUri = await sim.PostAsync(WsManRequest.Envelope(WsManRequest.EnumerateAction, CsUri, EnumerateBody));
        Assert.Equal("n:CannotProcessFilter", wqlOnClassUri.FaultSubcode);
        Assert.Equal("2150859003", wqlOnClassUri.FaultCode);

        var missingClassUri = await sim.PostAsync(WsManRequest.EnumerateClass(WsManRequest.V2 + "Msvm_NoSuchClass"));
        Assert.Equal("a:DestinationUnreachable", missingClassUri.FaultSubcode);
    }

    [Fact]
    public async Task V1_only_profile_faults_on_the_v2_namespace()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.Host.Profile = "ws2008r2");
        var probe = await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.V2, Query));
        Assert.Equal("n:CannotProcessFilter", probe.FaultSubcode);
        var v1 = await sim.PostAsync(WsManRequest.EnumerateWql("http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/", Query));
        Assert.Equal(HttpStatusCode.OK, v1.Status);
        using var anonymous = sim.CreateClient(sim.Endpoint, null, null);
        var identify = await sim.PostAsync(WsManRequest.Identify(), anonymous, r => r.Headers.Add("WSMANIDENTIFY", "unauthenticated"));
        Assert.Contains("Stack: 2.0", identify.Text);
    }

    [Fact]
    public async Task Get_by_selectors()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var host = sim.Server.Host.ComputerName;
        var get = await sim.PostAsync(WsManRequest.Get(CsUri, ("CreationClassName", "Msvm_ComputerSystem"), ("Name", host.ToLowerInvariant())));
        Assert.Equal(HttpStatusCode.OK, get.Status);
        Assert.Equal("http://schemas.xmlsoap.org/ws/2004/09/transfer/GetResponse", get.Xml.Descendants(WsManResponse.A + "Action").Single().Value);
        var instance = get.Xml.Element(WsManResponse.S + "Body")!.Elements().Single();
        Assert.Equal(XName.Get("Msvm_ComputerSystem", CsUri), instance.Name);
        Assert.Equal(host, instance.Element(XName.Get("Name", CsUri))!.Value, ignoreCase: true);

        var missing = await sim.PostAsync(WsManRequest.Get(CsUri, ("CreationClassName", "Msvm_ComputerSystem"), ("Name", Guid.NewGuid().ToString())));
        Assert.Equal("a:DestinationUnreachable", missing.FaultSubcode);
        Assert.Equal("2150858752", missing.FaultCode);

        var wrongSelectors = await sim.PostAsync(WsManRequest.Get(CsUri, ("Bogus", "1")));
        Assert.Equal("w:InvalidSelectors", wrongSelectors.FaultSubcode);
        Assert.Contains("faultDetail/", wrongSelectors.Text);

        var duplicate = await sim.PostAsync(WsManRequest.Get(CsUri, ("Name", "a"), ("name", "b")));
        Assert.Equal("w:InvalidSelectors", duplicate.FaultSubcode);
        Assert.Equal("2150858847", duplicate.FaultCode);
    }

    [Fact]
    public async Task Invoke_request_state_change_returns_output_with_return_value_last()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.Host.JobDuration = TimeSpan.FromMilliseconds(50));
        var vms = await sim.QueryAllAsync(WsManRequest.V2, "SELECT * FROM Msvm_ComputerSystem WHERE Name != __SERVER AND EnabledState = 3");
        Assert.NotEmpty(vms);
        var name = vms[0].Element(XName.Get("Name", CsUri))!.Value;
        var request = WsManRequest.Envelope(CsUri + "/RequestStateChange", CsUri,
            $"<p:RequestStateChange_INPUT xmlns:p=\"{CsUri}\"><p:RequestedState>2</p:RequestedState></p:RequestStateChange_INPUT>",
            selectors: WsManRequest.Selectors(("Name", name), ("CreationClassName", "Msvm_ComputerSystem")));
        var response = await sim.PostAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(CsUri + "/RequestStateChangeResponse", response.Xml.Descendants(WsManResponse.A + "Action").Single().Value);
        var output = response.Xml.Element(WsManResponse.S + "Body")!.Element(XName.Get("RequestStateChange_OUTPUT", CsUri))!;
        Assert.Equal("ReturnValue", output.Elements().Last().Name.LocalName);
        var returnValue = output.Elements().Last().Value;
        Assert.Contains(returnValue, new[] { "0", "4096" });
        if (returnValue == "4096")
        {
            var job = output.Element(XName.Get("Job", CsUri))!;
            Assert.Equal(WsManResponse.A + "Address", job.Elements().First().Name);
            var id = job.Descendants(WsManResponse.W + "Selector").Single(s => (string?)s.Attribute("Name") == "InstanceID").Value;
            Assert.False(string.IsNullOrEmpty(id));
        }

        var unknownMethod = await sim.PostAsync(WsManRequest.Envelope(CsUri + "/NoSuchMethod", CsUri,
            $"<p:NoSuchMethod_INPUT xmlns:p=\"{CsUri}\"/>", selectors: WsManRequest.Selectors(("Name", name), ("CreationClassName", "Msvm_ComputerSystem"))));
        Assert.Equal("a:ActionNotSupported", unknownMethod.FaultSubcode);
    }
}
