using System.Text;
using System.Xml.Linq;
using HyperVLibvirt.Simulator.Model;
using HyperVLibvirt.Simulator.Wire;

namespace HyperVLibvirt.Simulator.Tests.Wire;

public sealed class InstanceSerializerTests
{
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    private static readonly XNamespace Cim = "http://schemas.dmtf.org/wbem/wscim/1/common";

    private static CimClassDefinition SampleClass() => new("Test_Thing", "root/test", [
        new CimPropertyDefinition("Name", CimType.String, false),
        new CimPropertyDefinition("Flag", CimType.Boolean, false),
        new CimPropertyDefinition("Count", CimType.UInt64, false),
        new CimPropertyDefinition("Delta", CimType.SInt32, false),
        new CimPropertyDefinition("Ratio", CimType.Real64, false),
        new CimPropertyDefinition("When", CimType.DateTime, false),
        new CimPropertyDefinition("Delay", CimType.DateTime, false),
        new CimPropertyDefinition("Missing", CimType.String, false),
        new CimPropertyDefinition("NoList", CimType.UInt16, true),
        new CimPropertyDefinition("List", CimType.UInt16, true),
        new CimPropertyDefinition("Target", CimType.Reference, false),
        new CimPropertyDefinition("Empty", CimType.String, false),
        new CimPropertyDefinition("caption", CimType.String, false),
    ], ["Name"]);

    private static string Serialize(Action<Utf8XmlWriter> write)
    {
        using var writer = new Utf8XmlWriter(16);
        write(writer);
        return Encoding.UTF8.GetString(writer.WrittenSpan);
    }

    [Fact]
    public void Instance_follows_winrm_serialisation_rules()
    {
        var cimClass = SampleClass();
        var instance = new CimInstance(cimClass)
        {
            ["Name"] = "a<b>&\u0001c",
            ["Flag"] = true,
            ["Count"] = 6138294371UL,
            ["Delta"] = -5L,
            ["Ratio"] = 0.5,
            ["When"] = new DateTimeOffset(2025, 12, 17, 18, 55, 22, TimeSpan.FromHours(9)).AddTicks(7023410),
            ["Delay"] = TimeSpan.FromSeconds(90),
            ["List"] = new List<object> { 2UL, 32768UL },
            ["Target"] = new CimReference("http://schemas.microsoft.com/wbem/wsman/1/wmi/root/test/Test_Job", [new("InstanceID", "J1")]),
            ["Empty"] = string.Empty,
            ["caption"] = "x",
        };

        var xml = Serialize(w => InstanceSerializer.WriteInstance(w, instance));
        Assert.StartsWith("<p:Test_Thing xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:p=\"http://schemas.microsoft.com/wbem/wsman/1/wmi/root/test/Test_Thing\" xmlns:cim=\"http://schemas.dmtf.org/wbem/wscim/1/common\" xsi:type=\"p:Test_Thing_Type\">", xml);
        Assert.Contains("<p:Missing xsi:nil=\"true\"/>", xml);
        Assert.DoesNotContain("NoList", xml);
        Assert.Contains("<p:List>2</p:List><p:List>32768</p:List>", xml);
        Assert.Contains("<p:Flag>true</p:Flag>", xml);
        Assert.Contains("<p:Count>6138294371</p:Count>", xml);
        Assert.Contains("<p:Delta>-5</p:Delta>", xml);
        Assert.Contains("<p:Ratio>0.5</p:Ratio>", xml);
        Assert.Contains("<p:When><cim:Datetime>2025-12-17T09:55:22.702341Z</cim:Datetime></p:When>", xml);
        Assert.Contains("<p:Delay><cim:Interval>PT1M30S</cim:Interval></p:Delay>", xml);
        Assert.Contains("<p:Empty></p:Empty>", xml);
        Assert.Contains("<p:Name>a&lt;b&gt;&amp;?c</p:Name>", xml);
        Assert.Contains("<p:Target xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\"><a:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address><a:ReferenceParameters><w:ResourceURI>http://schemas.microsoft.com/wbem/wsman/1/wmi/root/test/Test_Job</w:ResourceURI><w:SelectorSet><w:Selector Name=\"InstanceID\">J1</w:Selector></w:SelectorSet></a:ReferenceParameters></p:Target>", xml);

        // Order is case-insensitive alphabetical: caption before Count.
        var names = XElement.Parse(xml).Elements().Select(e => e.Name.LocalName).Distinct().ToList();
        Assert.Equal(names.OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList(), names);
    }

    [Theory]
    [InlineData(0L, "2013-03-09T02:57:32Z")]
    [InlineData(5_000_000L, "2013-03-09T02:57:32.5Z")]
    [InlineData(4_881_710L, "2013-03-09T02:57:32.488171Z")]
    [InlineData(850_000L, "2013-03-09T02:57:32.085Z")]
    public void Timestamps_drop_trailing_fraction_zeros(long ticks, string expected)
    {
        var value = new DateTimeOffset(2013, 3, 9, 2, 57, 32, TimeSpan.Zero).AddTicks(ticks);
        Assert.Equal(expected, InstanceSerializer.FormatDatetime(value));
    }

    [Fact]
    public void Property_list_becomes_an_xml_fragment_of_unqualified_elements()
    {
        var instance = new CimInstance(SampleClass())
        {
            ["Name"] = "n1",
            ["When"] = new DateTimeOffset(2013, 3, 9, 2, 57, 32, TimeSpan.Zero),
        };
        var xml = Serialize(w => InstanceSerializer.WriteFragment(w, instance, ["When", "name", "Missing"]));
        Assert.Equal("<w:XmlFragment xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\"><Missing xsi:nil=\"true\"/><Name>n1</Name><When><Datetime>2013-03-09T02:57:32Z</Datetime></When></w:XmlFragment>", xml);
    }

    [Fact]
    public void Embedded_instances_nest_in_their_own_namespace()
    {
        var inner = new CimClassDefinition("Msvm_SummaryInformation", "root/virtualization/v2", [
            new CimPropertyDefinition("Name", CimType.String, false),
            new CimPropertyDefinition("EnabledState", CimType.UInt16, false)], ["Name"]);
        var value = new CimInstance(inner) { ["Name"] = "vm1", ["EnabledState"] = 2UL };
        var xml = Serialize(w =>
        {
            w.StartElement("p:GetSummaryInformation_OUTPUT");
            w.Attribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
            w.Attribute("xmlns:p", "urn:outer");
            InstanceSerializer.WriteParameter(w, "SummaryInformation", new List<object> { value, value });
            w.EndElement();
        });
        var root = XElement.Parse(xml);
        var items = root.Elements(XName.Get("SummaryInformation", "urn:outer")).ToList();
        Assert.Equal(2, items.Count);
        XNamespace ns = inner.ResourceUri;
        Assert.Equal("vm1", items[0].Element(ns + "Name")?.Value);
        Assert.Equal("2", items[1].Element(ns + "EnabledState")?.Value);
    }

    /// <summary>
    /// Rebuilds the class from a real capture (names, types, nil-ness, values) and checks the
    /// serialiser writes the same element structure, namespaces and attributes.
    /// </summary>
    [SharedTheory]
    [InlineData("hyperv_v2_msvm_computersystem_pull_response_vm_running_ja.xml")]
    [InlineData("hyperv_v2_msvm_computersystem_pull_response_host_ja.xml")]
    [InlineData("hyperv_v2_msvm_affectedjobelement_pull_response_epr_two_selectors_ja.xml")]
    [InlineData("win32_operatingsystem_wql_enumerate_response_optimized_ws2012.xml")]
    [InlineData("win32_computersystem_wql_enumerate_response_optimized_ws2012.xml")]
    [InlineData("win32_logicaldisk_get_response.xml")]
    public void Serialiser_reproduces_real_instances(string fixture)
    {
        var envelope = XmlShape.Load(File.ReadAllText(SharedFiles.WsManFixture(fixture)));
        var body = envelope.Element(WsManResponse.S + "Body")!;
        var real = body.Descendants().First(e => e.Attribute(Xsi + "type") is not null);
        var instance = FixtureInstances.Rebuild(real);
        var written = XElement.Parse(Serialize(w => InstanceSerializer.WriteInstance(w, instance)));
        XmlShape.AssertSameShape(real, written);
        Assert.Equal(
            real.Elements().Select(e => e.Name.LocalName + "=" + (e.HasElements ? e.Elements().First().Name.LocalName : e.Value)),
            written.Elements().Select(e => e.Name.LocalName + "=" + (e.HasElements ? e.Elements().First().Name.LocalName : e.Value)));
    }

    [Fact]
    public void Writer_truncates_back_to_an_element_boundary()
    {
        using var writer = new Utf8XmlWriter(8);
        writer.StartElement("a:Root");
        writer.Text(string.Empty);
        var mark = writer.Length;
        writer.Element("a:Child", "x");
        writer.Truncate(mark, 1);
        writer.EndElement();
        Assert.Equal("<a:Root></a:Root>", Encoding.UTF8.GetString(writer.WrittenSpan));
    }
}

/// <summary>Turns a captured instance element back into a class + instance for round-trip tests.</summary>
internal static class FixtureInstances
{
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    private static readonly XNamespace Cim = "http://schemas.dmtf.org/wbem/wscim/1/common";
    private static readonly XNamespace A = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    private static readonly XNamespace W = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";

    public static CimInstance Rebuild(XElement real)
    {
        var classUri = real.Name.NamespaceName;
        var wmiNamespace = classUri["http://schemas.microsoft.com/wbem/wsman/1/wmi/".Length..classUri.LastIndexOf('/')];
        var groups = real.Elements().GroupBy(e => e.Name.LocalName).ToList();
        var properties = groups.Select(g => new CimPropertyDefinition(g.Key, TypeOf(g.First()), g.Count() > 1)).ToList();
        var cimClass = new CimClassDefinition(real.Name.LocalName, wmiNamespace, properties, [properties[0].Name]);
        var instance = new CimInstance(cimClass);
        foreach (var group in groups)
        {
            var values = group.Select(ValueOf).ToList();
            instance[group.Key] = values.Count > 1 ? values.Cast<object>().ToList() : values[0];
        }

        return instance;
    }

    private static CimType TypeOf(XElement e) =>
        e.Element(Cim + "Datetime") is not null ? CimType.DateTime : e.Element(A + "Address") is not null ? CimType.Reference : CimType.String;

    private static object? ValueOf(XElement e)
    {
        if ((string?)e.Attribute(Xsi + "nil") == "true")
        {
            return null;
        }

        if (e.Element(Cim + "Datetime") is { } datetime)
        {
            return DateTimeOffset.Parse(datetime.Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (e.Element(A + "ReferenceParameters") is { } parameters)
        {
            return new CimReference(parameters.Element(W + "ResourceURI")!.Value,
                parameters.Descendants(W + "Selector").Select(s => new KeyValuePair<string, string>((string)s.Attribute("Name")!, s.Value)).ToList());
        }

        return e.Value;
    }
}
