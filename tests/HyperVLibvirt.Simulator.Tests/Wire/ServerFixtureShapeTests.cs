using System.Xml.Linq;

namespace HyperVLibvirt.Simulator.Tests.Wire;

/// <summary>Simulator responses have the element structure of the real captures (values aside).</summary>
public sealed class ServerFixtureShapeTests
{
    private static readonly string CsUri = WsManRequest.V2 + "Msvm_ComputerSystem";
    private static readonly XNamespace MsWsMan = "http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd";

    private static XElement Fixture(string name) => XmlShape.Load(File.ReadAllText(SharedFiles.WsManFixture(name)));

    private static bool IgnoreActivityId(XElement e) => e.Name == MsWsMan + "ActivityId";

    [SharedFact]
    public async Task Enumerate_and_pull_responses_match_hyperv_captures()
    {
        await using var sim = await SimulatorHarness.StartAsync(o =>
        {
            o.Host.Language = "ja-JP";
            o.Host.VmCount = 8;
        });
        var enumerate = await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.V2, "SELECT * FROM Msvm_ComputerSystem WHERE Name != __SERVER"));
        XmlShape.AssertSameShape(Fixture("hyperv_v2_msvm_computersystem_enumerate_response_ja.xml"), enumerate.Xml);
        Assert.Equal("ja-JP", (string?)enumerate.Xml.Attribute(XNamespace.Xml + "lang"));

        var context = enumerate.Context!;
        var pulls = new List<WsManResponse>();
        for (var i = 0; i < 10; i++)
        {
            var pull = await sim.PostAsync(WsManRequest.Pull(CsUri, context));
            pulls.Add(pull);
            if (pull.EndOfSequence)
            {
                break;
            }

            context = pull.Context!;
        }

        // A running VM with a following context, and the last page (item + EndOfSequence, no context).
        var middle = pulls.First(p => !p.EndOfSequence && p.Items.Count == 1 && p.Items[0].Element(XName.Get("EnabledState", CsUri))!.Value == "2");
        XmlShape.AssertSameShape(Fixture("hyperv_v2_msvm_computersystem_pull_response_vm_running_ja.xml"), middle.Xml);
        var last = pulls.Last();
        if (last.Items.Count == 1)
        {
            XmlShape.AssertSameShape(Fixture("hyperv_v2_msvm_computersystem_pull_response_last_endofsequence_ja.xml"), last.Xml);
        }

        var hostPull = await sim.PostAsync(WsManRequest.Pull(CsUri,
            (await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.V2, "SELECT * FROM Msvm_ComputerSystem WHERE Name = __SERVER"))).Context!));
        Assert.Single(hostPull.Items);
        var hostFixture = Fixture("hyperv_v2_msvm_computersystem_pull_response_host_ja.xml");
        XmlShape.AssertSameShape(hostFixture.Descendants(WsManResponse.N + "Items").Single(), hostPull.Xml.Descendants(WsManResponse.N + "Items").Single());
        Assert.Equal(
            hostFixture.Descendants().Single(e => e.Name.LocalName == "Caption").Value,
            hostPull.Items[0].Element(XName.Get("Caption", CsUri))!.Value);
    }

    [SharedFact]
    public async Task Off_vm_matches_capture()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.Host.Language = "ja-JP");
        var enumerate = await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.V2, "SELECT * FROM Msvm_ComputerSystem WHERE EnabledState = 3"));
        var pull = await sim.PostAsync(WsManRequest.Pull(CsUri, enumerate.Context!));
        Assert.Single(pull.Items);
        var fixture = Fixture("hyperv_v2_msvm_computersystem_pull_response_vm_off_ja.xml");
        XmlShape.AssertSameShape(fixture.Descendants(WsManResponse.N + "Items").Single(), pull.Xml.Descendants(WsManResponse.N + "Items").Single());
    }

    [SharedFact]
    public async Task Switch_adapter_and_guest_network_configuration_match_captures()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.Host.Language = "ja-JP");
        foreach (var (query, className, fixtureName) in new[]
        {
            ("SELECT * FROM Msvm_VirtualEthernetSwitch WHERE ElementName = 'External'", "Msvm_VirtualEthernetSwitch", "hyperv_v2_msvm_virtualethernetswitch_pull_response_ja.xml"),
            ("SELECT * FROM Msvm_ExternalEthernetPort WHERE IsBound = TRUE", "Msvm_ExternalEthernetPort", "hyperv_v2_msvm_externalethernetport_pull_response_ja.xml"),
            // An adapter whose guest reports nothing: the capture's three properties, the arrays absent.
            ("SELECT * FROM Msvm_GuestNetworkAdapterConfiguration WHERE ProtocolIFType = 0", "Msvm_GuestNetworkAdapterConfiguration", "hyperv_v2_msvm_guestnetworkadapterconfiguration_pull_response_ja.xml"),
        })
        {
            var enumerate = await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.V2, query));
            var pull = await sim.PostAsync(WsManRequest.Pull(WsManRequest.V2 + className, enumerate.Context!));
            var fixture = Fixture(fixtureName);
            XmlShape.AssertSameShape(fixture.Descendants(WsManResponse.N + "Items").Single(), new XElement(WsManResponse.N + "Items", pull.Items.First()));
        }
    }

    [SharedFact]
    public async Task Resource_definition_matches_the_rasd_capture()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.Host.Language = "ja-JP");
        var enumerate = await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.V2, @"SELECT * FROM Msvm_ResourceAllocationSettingData WHERE InstanceID LIKE 'Microsoft:Definition%Increment'"));
        var pull = await sim.PostAsync(WsManRequest.Pull(WsManRequest.V2 + "Msvm_ResourceAllocationSettingData", enumerate.Context!));
        var fixture = Fixture("hyperv_v2_msvm_resourceallocationsettingdata_pull_response_xsinil_reformatted_ja.xml");
        var item = pull.Items.Single();
        XmlShape.AssertSameShape(fixture.Descendants(WsManResponse.N + "Items").Single(), new XElement(WsManResponse.N + "Items", item));
        Assert.Equal("物理ディスク ドライブの増分設定", item.Elements().Single(e => e.Name.LocalName == "Caption").Value);
    }

    [SharedFact]
    public async Task Optimized_operating_system_enumeration_matches_capture()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.Host.Profile = "ws2012");
        var response = await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.Cimv2, "select * from Win32_OperatingSystem", optimize: true, maxElements: 32000));
        var fixture = Fixture("win32_operatingsystem_wql_enumerate_response_optimized_ws2012.xml");
        // The envelope, optimised-enumeration framing and instance element must match exactly;
        // the property list is compared as a set of required names (the model may know more properties).
        XmlShape.AssertSameShape(fixture, response.Xml, e => e.Parent?.Name.LocalName == "Win32_OperatingSystem");
        var fixtureNames = fixture.Descendants().Where(e => e.Parent?.Name.LocalName == "Win32_OperatingSystem").Select(e => e.Name.LocalName).ToHashSet();
        var names = response.Items[0].Elements().Select(e => e.Name.LocalName).ToList();
        Assert.Empty(fixtureNames.Except(names));
        Assert.Equal(names.OrderBy(n => n, StringComparer.OrdinalIgnoreCase), names);
    }

    [SharedFact]
    public async Task Property_list_fragment_matches_capture_framing()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var response = await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.Cimv2, "select Caption, Version, InstallDate from Win32_OperatingSystem", optimize: true, maxElements: 32000));
        var fixture = Fixture("win32_operatingsystem_wql_propertylist_enumerate_response_xmlfragment_ws2012.xml");
        XmlShape.AssertSameShape(fixture, response.Xml, e => e.Parent?.Name.LocalName == "XmlFragment");
        var fragment = response.Xml.Descendants(WsManResponse.W + "XmlFragment").Single();
        Assert.All(fragment.Elements(), e => Assert.Equal(XNamespace.None, e.Name.Namespace));
        Assert.Equal("Datetime", fragment.Element("InstallDate")!.Elements().Single().Name.ToString());
    }

    [SharedFact]
    public async Task Server_faults_match_captures()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var badTimeout = await sim.PostAsync(WsManRequest.Envelope(WsManRequest.EnumerateAction, WsManRequest.V2 + "*",
            "<n:Enumerate><w:Filter Dialect=\"http://schemas.microsoft.com/wbem/wsman/1/WQL\">SELECT * FROM Msvm_ComputerSystem</w:Filter></n:Enumerate>", operationTimeout: "PT-1S"));
        XmlShape.AssertSameShape(Fixture("fault_a_invalidmessageinformationheader_bad_operationtimeout.xml"), badTimeout.Xml);

        var missing = await sim.PostAsync(WsManRequest.Get(CsUri, ("CreationClassName", "Msvm_ComputerSystem"), ("Name", Guid.NewGuid().ToString())));
        XmlShape.AssertSameShape(Fixture("fault_a_destinationunreachable_invalidresourceuri_extendedstatus_ws2012r2.xml"), missing.Xml);

        sim.Server.Faults.Add("wsman:TimedOut@1x1");
        var timedOut = await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.V2, "SELECT * FROM Msvm_ComputerSystem"));
        XmlShape.AssertSameShape(Fixture("fault_w_timedout_operationtimeout.xml"), timedOut.Xml, IgnoreActivityId);
    }

    [SharedFact]
    public async Task Class_not_found_matches_2008r2_capture()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.Host.Profile = "ws2008r2");
        var response = await sim.PostAsync(WsManRequest.EnumerateWql(WsManRequest.Cimv2, "Select * from Win32_Processa where name=\"sshd.exe\""));
        XmlShape.AssertSameShape(Fixture("fault_n_cannotprocessfilter_class_not_found_extendedstatus_ws2008r2.xml"), response.Xml);
    }

    [SharedFact]
    public async Task Class_missing_from_the_v1_namespace_matches_the_class_not_found_capture()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.Host.Profile = "ws2008r2");
        var response = await sim.PostAsync(WsManRequest.EnumerateWql("http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/", "SELECT * FROM Msvm_VirtualEthernetSwitch"));
        XmlShape.AssertSameShape(Fixture("fault_n_cannotprocessfilter_class_not_found_extendedstatus_ws2008r2.xml"), response.Xml);
    }

    [SharedFact]
    public async Task Identify_matches_captures()
    {
        // The captured host offered Negotiate and Kerberos: spnego-kerberos is listed whenever either is on.
        await using var sim = await SimulatorHarness.StartAsync(o => o.KerberosEnabled = true);
        using var anonymous = sim.CreateClient(sim.Endpoint, null, null);
        var unauthenticated = await sim.PostAsync(WsManRequest.Identify(), anonymous, r => r.Headers.Add("WSMANIDENTIFY", "unauthenticated"));
        Assert.Equal(File.ReadAllText(SharedFiles.WsManFixture("identify_response_unauthenticated_stack3_ws2012r2.xml")).Trim(), unauthenticated.Text);
        var authenticated = await sim.PostAsync(WsManRequest.Identify());
        XmlShape.AssertSameShape(Fixture("identify_response_authenticated_basic_ws2012r2.xml"), authenticated.Xml);
    }
}
