using System.Text;
using System.Xml;
using System.Xml.Linq;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Tests.WsMan;

/// <summary>
/// Embedded-instance parameters go on the wire as DSP0201 CIM-XML in CDATA (libvirt's hypervSerializeEmbeddedParam),
/// exactly, with values escaped and a <c>]]&gt;</c> in a value unable to end the section early.
/// </summary>
public sealed class EmbeddedInstanceTests
{
    private const string MemoryId = @"Microsoft:4764334D-E001-4176-82EE-5594EC9B530E\4764334D-E001-4176-82EE-5594EC9B530E\0";

    private static readonly RequestEnvelopeWriter Writer =
        new(new Uri("http://hv01.example.test:5985/wsman"), 512000, TimeSpan.FromSeconds(60), "en-US");

    private static string ServiceUri => WmiNamespace.ClassUri(WmiNamespace.V2, "Msvm_VirtualSystemManagementService");

    private static string Body(byte[] envelope)
    {
        var text = Encoding.UTF8.GetString(envelope);
        var start = text.IndexOf("<s:Body>", StringComparison.Ordinal);
        var end = text.IndexOf("</s:Body>", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "the envelope has a body");
        return text[(start + "<s:Body>".Length)..end];
    }

    [Fact]
    public void Cim_xml_lists_the_properties_in_order_with_their_types()
    {
        var instance = new EmbeddedInstance("Msvm_MemorySettingData").Add("InstanceID", MemoryId).Add("VirtualQuantity", 2048UL)
            .Add("AutomaticStartupAction", (ushort)4).Add("DynamicMemoryEnabled", false).Add("Notes", new[] { "a", "b" });
        Assert.Equal(
            "<INSTANCE CLASSNAME=\"Msvm_MemorySettingData\">"
            + "<PROPERTY NAME=\"InstanceID\" TYPE=\"string\"><VALUE>" + MemoryId + "</VALUE></PROPERTY>"
            + "<PROPERTY NAME=\"VirtualQuantity\" TYPE=\"uint64\"><VALUE>2048</VALUE></PROPERTY>"
            + "<PROPERTY NAME=\"AutomaticStartupAction\" TYPE=\"uint16\"><VALUE>4</VALUE></PROPERTY>"
            + "<PROPERTY NAME=\"DynamicMemoryEnabled\" TYPE=\"boolean\"><VALUE>false</VALUE></PROPERTY>"
            + "<PROPERTY.ARRAY NAME=\"Notes\" TYPE=\"string\"><VALUE.ARRAY><VALUE>a</VALUE><VALUE>b</VALUE></VALUE.ARRAY></PROPERTY.ARRAY>"
            + "</INSTANCE>",
            instance.ToCimXml());
    }

    [Fact]
    public void Invoke_body_holds_the_instance_in_cdata_exactly()
    {
        var instance = new EmbeddedInstance("Msvm_MemorySettingData").Add("InstanceID", MemoryId).Add("VirtualQuantity", 2048UL);
        var body = Body(Writer.Invoke(ServiceUri, "ModifyResourceSettings",
            new[] { KeyValuePair.Create("CreationClassName", "Msvm_VirtualSystemManagementService") },
            new KeyValuePair<string, object?>[] { new("ResourceSettings", new[] { instance }) }));
        Assert.Equal(
            "<p:ModifyResourceSettings_INPUT xmlns:p=\"" + ServiceUri + "\">"
            + "<p:ResourceSettings><![CDATA[<INSTANCE CLASSNAME=\"Msvm_MemorySettingData\">"
            + "<PROPERTY NAME=\"InstanceID\" TYPE=\"string\"><VALUE>" + MemoryId + "</VALUE></PROPERTY>"
            + "<PROPERTY NAME=\"VirtualQuantity\" TYPE=\"uint64\"><VALUE>2048</VALUE></PROPERTY>"
            + "</INSTANCE>]]></p:ResourceSettings>"
            + "</p:ModifyResourceSettings_INPUT>",
            body);
    }

    [Fact]
    public void An_array_of_instances_is_one_element_each()
    {
        var memory = new EmbeddedInstance("Msvm_MemorySettingData").Add("InstanceID", "m").Add("Limit", 4096UL);
        var processor = new EmbeddedInstance("Msvm_ProcessorSettingData").Add("InstanceID", "p").Add("VirtualQuantity", 4UL);
        var doc = XDocument.Parse(Body(Writer.Invoke(ServiceUri, "ModifyResourceSettings", [],
            new KeyValuePair<string, object?>[] { new("ResourceSettings", new[] { memory, processor }) })));
        var values = doc.Root!.Elements(XName.Get("ResourceSettings", ServiceUri)).Select(e => e.Value).ToList();
        Assert.Equal([memory.ToCimXml(), processor.ToCimXml()], values);
    }

    [Fact]
    public void Markup_and_cdata_terminators_in_values_survive_the_round_trip()
    {
        const string hostile = "a]]>b <c> & \"d\" 'e' ]]]]>>\r\n\u00e9";
        var instance = new EmbeddedInstance("Msvm_VirtualSystemSettingData").Add("InstanceID", "x").Add("ElementName", hostile);
        var envelope = Writer.Invoke(ServiceUri, "ModifySystemSettings", [],
            new KeyValuePair<string, object?>[] { new("SystemSettings", instance) });

        // The envelope stays well-formed, and the parameter's text (CDATA sections joined) is the CIM-XML string.
        var doc = XDocument.Parse(Encoding.UTF8.GetString(envelope));
        var parameter = doc.Descendants(XName.Get("SystemSettings", ServiceUri)).Single();
        Assert.Equal(instance.ToCimXml(), parameter.Value);

        // And that string parses back to the value, carriage return included.
        var inner = XElement.Parse(parameter.Value, LoadOptions.PreserveWhitespace);
        var property = inner.Elements("PROPERTY").Single(p => (string?)p.Attribute("NAME") == "ElementName");
        Assert.Equal(hostile, property.Element("VALUE")!.Value);
    }

    [Fact]
    public void A_property_set_twice_is_refused()
    {
        var instance = new EmbeddedInstance("Msvm_MemorySettingData").Add("Limit", 2UL);
        var e = Assert.Throws<ArgumentException>(() => instance.Add("limit", 4UL));
        Assert.Contains("already set", e.Message);
    }
}
