using System.Text;
using System.Xml;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Tests.HyperV;

/// <summary>GetSummaryInformation: the request Core writes and the answer it reads, in WinRM's shapes.</summary>
public sealed class DomainSummaryTests
{
    private const string V2 = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/";
    private static readonly Guid Running = Guid.Parse("8286d046-9740-43e4-95cf-ff46699c73c4");
    private static readonly Guid Off = Guid.Parse("6fa34e5b-a584-4f4a-ba0e-a09ce3c1176c");

    // An Invoke answer as WinRM writes object-typed output (MS-WSMV; the embedded class's properties in its own
    // namespace, null ones nil), one p:SummaryInformation element per VM.
    private static string Response(int returnValue, params string[] summaries) => $"""
        <s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd">
        <s:Header><a:Action>{V2}Msvm_VirtualSystemManagementService/GetSummaryInformationResponse</a:Action></s:Header>
        <s:Body><p:GetSummaryInformation_OUTPUT xmlns:p="{V2}Msvm_VirtualSystemManagementService" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:cim="http://schemas.dmtf.org/wbem/wscim/1/common">
        {string.Concat(summaries)}<p:ReturnValue>{returnValue}</p:ReturnValue></p:GetSummaryInformation_OUTPUT></s:Body></s:Envelope>
        """;

    private static string Summary(Guid vm, string? heartbeat, string load, string memory, string uptime, string? applicationHealth = null) => $"""
        <p:SummaryInformation xmlns:q1="{V2}Msvm_SummaryInformation" xsi:type="q1:Msvm_SummaryInformation_Type">
        <q1:AllocatedGPU xsi:nil="true"/>{(applicationHealth is null ? "<q1:ApplicationHealth xsi:nil=\"true\"/>" : $"<q1:ApplicationHealth>{applicationHealth}</q1:ApplicationHealth>")}
        <q1:ElementName>vm</q1:ElementName><q1:EnabledState>2</q1:EnabledState><q1:HealthState>5</q1:HealthState>
        {(heartbeat is null ? "<q1:Heartbeat xsi:nil=\"true\"/>" : $"<q1:Heartbeat>{heartbeat}</q1:Heartbeat>")}
        <q1:MemoryUsage>{memory}</q1:MemoryUsage><q1:Name>{vm.ToString().ToUpperInvariant()}</q1:Name><q1:OperationalStatus>2</q1:OperationalStatus>
        <q1:ProcessorLoad>{load}</q1:ProcessorLoad><q1:StatusDescriptions>Operating normally</q1:StatusDescriptions>
        <q1:UpTime>{uptime}</q1:UpTime><q1:Version>9.0</q1:Version></p:SummaryInformation>
        """;

    private static CimObject Parse(string xml) =>
        SharedFixtures.Parse(new MemoryStream(Encoding.UTF8.GetBytes(xml))).Single!;

    [Fact]
    public void Reads_get_vms_columns_from_each_embedded_summary()
    {
        var output = Parse(Response(0, Summary(Running, "2", "31", "1024", "3723000"), Summary(Off, null, "0", "0", "0")));
        var summaries = DomainSummaryReader.Read(output, "hv01", 2);
        Assert.Equal(2, summaries.Count);
        var running = summaries.Single(s => s.Uuid == Running);
        Assert.Equal(31, running.CpuUsage);
        Assert.Equal(1024UL * 1024 * 1024, running.MemoryAssignedBytes);
        Assert.Equal(TimeSpan.FromSeconds(3723), running.Uptime);
        Assert.Equal(HeartbeatStatus.OkApplicationsUnknown, running.Heartbeat);
        Assert.Equal("Operating normally", running.Status);
        Assert.Equal("9.0", running.Version);
        Assert.Equal("01:02:03", DomainSummary.FormatUptime(running.Uptime));
        var off = summaries.Single(s => s.Uuid == Off);
        Assert.Null(off.Heartbeat);
        Assert.Equal(0UL, off.MemoryAssignedBytes);
    }

    [Fact]
    public void A_single_summary_is_read_as_a_one_item_array()
    {
        var summaries = DomainSummaryReader.Read(Parse(Response(0, Summary(Running, "12", "0", "512", "1000"))), "hv01", 1);
        Assert.Equal(HeartbeatStatus.NoContact, Assert.Single(summaries).Heartbeat);
    }

    [Theory]
    [InlineData("2", null, HeartbeatStatus.OkApplicationsUnknown)]
    [InlineData("2", "2", HeartbeatStatus.OkApplicationsHealthy)]
    [InlineData("2", "32782", HeartbeatStatus.OkApplicationsCritical)]
    [InlineData("6", null, HeartbeatStatus.Error)]
    [InlineData("12", null, HeartbeatStatus.NoContact)]
    [InlineData("13", null, HeartbeatStatus.LostCommunication)]
    [InlineData("99", null, HeartbeatStatus.Unknown)]
    public void Names_the_heartbeat_as_get_vm_does(string heartbeat, string? applicationHealth, HeartbeatStatus expected)
    {
        var summary = Assert.Single(DomainSummaryReader.Read(Parse(Response(0, Summary(Running, heartbeat, "1", "1", "1", applicationHealth))), "hv01", 1));
        Assert.Equal(expected, summary.Heartbeat);
    }

    [Fact]
    public void A_refusal_names_the_method_and_the_code()
    {
        var e = Assert.Throws<HvHostException>(() => DomainSummaryReader.Read(Parse(Response(32773)), "hv01", 3));
        Assert.Contains("GetSummaryInformation returned 32773 (Invalid parameter)", e.Message);
        Assert.Contains("hv01", e.Message);
    }

    [Fact]
    public void No_summaries_is_an_empty_result()
    {
        Assert.Empty(DomainSummaryReader.Read(Parse(Response(0)), "hv01", 0));
    }

    [Fact]
    public void A_summary_without_a_guid_name_is_skipped()
    {
        var xml = Response(0, Summary(Running, "2", "1", "1", "1").Replace(Running.ToString().ToUpperInvariant(), "not-a-guid"));
        Assert.Empty(DomainSummaryReader.Read(Parse(xml), "hv01", 1));
    }

    [Fact]
    public void The_request_passes_each_vm_as_a_vssd_reference_and_the_codes_as_repeated_elements()
    {
        var writer = new RequestEnvelopeWriter(new Uri("http://hv01:5985/wsman"), 512000, TimeSpan.FromSeconds(60), "en-US");
        var uri = V2 + SummaryRequest.ServiceClass;
        var body = writer.Invoke(uri, SummaryRequest.MethodName, SummaryRequest.ServiceSelectors, SummaryRequest.Parameters("root/virtualization/v2", "10.0.17763", [Running, Off]));
        var doc = new XmlDocument();
        doc.Load(new MemoryStream(body));
        var ns = new XmlNamespaceManager(doc.NameTable);
        ns.AddNamespace("p", uri);
        ns.AddNamespace("a", "http://schemas.xmlsoap.org/ws/2004/08/addressing");
        ns.AddNamespace("w", "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd");
        var settings = doc.SelectNodes("//p:GetSummaryInformation_INPUT/p:SettingData", ns)!;
        Assert.Equal(2, settings.Count);
        Assert.Equal(V2 + "Msvm_VirtualSystemSettingData", settings[0]!.SelectSingleNode("a:ReferenceParameters/w:ResourceURI", ns)!.InnerText);
        Assert.Equal("Microsoft:" + Running.ToString().ToUpperInvariant(),
            settings[0]!.SelectSingleNode("a:ReferenceParameters/w:SelectorSet/w:Selector[@Name='InstanceID']", ns)!.InnerText);
        var codes = doc.SelectNodes("//p:GetSummaryInformation_INPUT/p:RequestedInformation", ns)!.Cast<XmlNode>().Select(n => n.InnerText).ToArray();
        Assert.Equal(["0", "1", "10", "100", "101", "103", "104", "105", "109", "110", "111", "117"], codes);
        Assert.Equal(uri + "/" + SummaryRequest.MethodName, doc.SelectSingleNode("//a:Action", ns)!.InnerText);
    }

    [Theory]
    [InlineData("10.0.17763", true)]
    [InlineData("10.0.14393", true)]
    [InlineData("6.3.9600", false)]
    [InlineData("6.1.7601", false)]
    [InlineData("", false)]
    public void Asks_for_version_and_application_health_only_from_windows_server_2016_on(string osVersion, bool current)
    {
        var codes = SummaryRequest.RequestedInformationFor(osVersion);
        Assert.Equal(current, codes.Contains("10"));
        Assert.Equal(current, codes.Contains("117"));
        Assert.Contains("104", codes);
        Assert.Contains("105", codes);
    }
}
