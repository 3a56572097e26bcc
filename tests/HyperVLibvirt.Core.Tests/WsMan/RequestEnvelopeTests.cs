using HyperVLibvirt.Core.HyperV;
using System.Text;
using System.Xml;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Tests.WsMan;

/// <summary>Request envelopes carry exactly the headers WinRM expects (DSP0226 WS-Management headers, MS-WSMV message headers), with the right flags and escaping.</summary>
public sealed class RequestEnvelopeTests
{
    private const string S = "http://www.w3.org/2003/05/soap-envelope";
    private const string A = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    private const string W = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    private const string P = "http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd";
    private const string N = "http://schemas.xmlsoap.org/ws/2004/09/enumeration";

    private static readonly RequestEnvelopeWriter Writer =
        new(new Uri("http://hv01.example.test:5985/wsman"), 512000, TimeSpan.FromSeconds(60), "en-US");

    private static XmlDocument Load(byte[] bytes)
    {
        Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "no BOM");
        var doc = new XmlDocument();
        using var r = XmlReader.Create(new MemoryStream(bytes), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        doc.Load(r);
        return doc;
    }

    private static XmlElement Header(XmlDocument doc, string ns, string local)
    {
        var header = (XmlElement)doc.DocumentElement!.GetElementsByTagName("Header", S)[0]!;
        foreach (XmlNode c in header.ChildNodes)
        {
            if (c is XmlElement e && e.LocalName == local && e.NamespaceURI == ns)
            {
                return e;
            }
        }
        throw new Xunit.Sdk.XunitException($"header {local} missing");
    }

    [Fact]
    public void Enumerate_has_every_header_with_its_flags()
    {
        var doc = Load(Writer.Enumerate(WmiNamespace.AllClassesUri(WmiNamespace.V2), "SELECT * FROM Msvm_ComputerSystem WHERE Name < 'x' & \"y\" > 1", 500, WsManEnumerationMode.Objects));
        Assert.Equal("Envelope", doc.DocumentElement!.LocalName);
        Assert.Equal(S, doc.DocumentElement.NamespaceURI);

        Assert.Equal("http://hv01.example.test:5985/wsman", Header(doc, A, "To").InnerText);
        var ru = Header(doc, W, "ResourceURI");
        Assert.Equal(WmiNamespace.AllClassesUri(WmiNamespace.V2), ru.InnerText);
        Assert.Equal("true", ru.GetAttribute("mustUnderstand", S));
        var replyAddress = (XmlElement)Header(doc, A, "ReplyTo").GetElementsByTagName("Address", A)[0]!;
        Assert.Equal("http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous", replyAddress.InnerText);
        Assert.Equal("true", replyAddress.GetAttribute("mustUnderstand", S));
        var action = Header(doc, A, "Action");
        Assert.Equal("http://schemas.xmlsoap.org/ws/2004/09/enumeration/Enumerate", action.InnerText);
        Assert.Equal("true", action.GetAttribute("mustUnderstand", S));
        Assert.Matches("^uuid:[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$", Header(doc, A, "MessageID").InnerText);
        var max = Header(doc, W, "MaxEnvelopeSize");
        Assert.Equal("512000", max.InnerText);
        Assert.Equal("true", max.GetAttribute("mustUnderstand", S));
        Assert.Equal("PT60.000S", Header(doc, W, "OperationTimeout").InnerText);
        var locale = Header(doc, W, "Locale");
        Assert.Equal("en-US", locale.GetAttribute("lang", "http://www.w3.org/XML/1998/namespace"));
        Assert.Equal("false", locale.GetAttribute("mustUnderstand", S));
        var dataLocale = Header(doc, P, "DataLocale");
        Assert.Equal("en-US", dataLocale.GetAttribute("lang", "http://www.w3.org/XML/1998/namespace"));
        Assert.Equal("false", dataLocale.GetAttribute("mustUnderstand", S));

        var enumerate = (XmlElement)doc.GetElementsByTagName("Enumerate", N)[0]!;
        Assert.Single(enumerate.GetElementsByTagName("OptimizeEnumeration", W).Cast<XmlNode>());
        Assert.Equal("500", enumerate.GetElementsByTagName("MaxElements", W)[0]!.InnerText);
        var filter = (XmlElement)enumerate.GetElementsByTagName("Filter", W)[0]!;
        Assert.Equal("http://schemas.microsoft.com/wbem/wsman/1/WQL", filter.GetAttribute("Dialect"));
        Assert.Equal("SELECT * FROM Msvm_ComputerSystem WHERE Name < 'x' & \"y\" > 1", filter.InnerText);

        var text = Encoding.UTF8.GetString(Writer.Enumerate(WmiNamespace.AllClassesUri(WmiNamespace.CimV2), "a < b & c", 1, WsManEnumerationMode.Objects));
        Assert.Contains("a &lt; b &amp; c", text);
    }

    [Fact]
    public void Message_ids_are_fresh()
    {
        var a = Header(Load(Writer.Get("http://x/C", new[] { KeyValuePair.Create("Name", "1") })), A, "MessageID").InnerText;
        var b = Header(Load(Writer.Get("http://x/C", new[] { KeyValuePair.Create("Name", "1") })), A, "MessageID").InnerText;
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Get_has_selector_set_and_empty_body()
    {
        var doc = Load(Writer.Get(WmiNamespace.ClassUri(WmiNamespace.V2, "Msvm_ComputerSystem"),
            new[] { KeyValuePair.Create("CreationClassName", "Msvm_ComputerSystem"), KeyValuePair.Create("Name", "A&B<") }));
        Assert.Equal("http://schemas.xmlsoap.org/ws/2004/09/transfer/Get", Header(doc, A, "Action").InnerText);
        var selectors = Header(doc, W, "SelectorSet").GetElementsByTagName("Selector", W).Cast<XmlElement>().ToList();
        Assert.Equal(2, selectors.Count);
        Assert.Equal("Name", selectors[1].GetAttribute("Name"));
        Assert.Equal("A&B<", selectors[1].InnerText);
        var body = (XmlElement)doc.GetElementsByTagName("Body", S)[0]!;
        Assert.False(body.HasChildNodes);
    }

    [Fact]
    public void Pull_and_release_carry_the_context()
    {
        var pull = Load(Writer.Pull(WmiNamespace.AllClassesUri(WmiNamespace.CimV2), "uuid:CTX-2", 7));
        Assert.Equal("http://schemas.xmlsoap.org/ws/2004/09/enumeration/Pull", Header(pull, A, "Action").InnerText);
        Assert.Equal("uuid:CTX-2", pull.GetElementsByTagName("EnumerationContext", N)[0]!.InnerText);
        Assert.Equal("7", pull.GetElementsByTagName("MaxElements", N)[0]!.InnerText);
        var release = Load(Writer.Release(WmiNamespace.AllClassesUri(WmiNamespace.CimV2), "uuid:CTX-3"));
        Assert.Equal("http://schemas.xmlsoap.org/ws/2004/09/enumeration/Release", Header(release, A, "Action").InnerText);
        Assert.Equal("uuid:CTX-3", release.GetElementsByTagName("EnumerationContext", N)[0]!.InnerText);
    }

    [Fact]
    public void Invoke_writes_input_in_the_class_namespace_with_epr_and_arrays()
    {
        var uri = WmiNamespace.ClassUri(WmiNamespace.V2, "Msvm_VirtualSystemManagementService");
        var job = new EndpointReference(WmiNamespace.ClassUri(WmiNamespace.V2, "Msvm_ComputerSystem"),
            new[] { KeyValuePair.Create("CreationClassName", "Msvm_ComputerSystem"), KeyValuePair.Create("Name", "GUID") });
        var doc = Load(Writer.Invoke(uri, "DestroySystem", new[] { KeyValuePair.Create("Name", "vmms") },
            new KeyValuePair<string, object?>[]
            {
                new("AffectedSystem", job),
                new("Names", new[] { "a", "b" }),
                new("Skipped", null),
                new("RequestedState", 3),
            }));
        Assert.Equal(uri + "/DestroySystem", Header(doc, A, "Action").InnerText);
        var input = (XmlElement)doc.GetElementsByTagName("DestroySystem_INPUT", uri)[0]!;
        Assert.NotNull(input);
        var affected = (XmlElement)input.GetElementsByTagName("AffectedSystem", uri)[0]!;
        Assert.Equal(EndpointReference.AnonymousAddress, affected.GetElementsByTagName("Address", A)[0]!.InnerText);
        Assert.Equal(job.ResourceUri, affected.GetElementsByTagName("ResourceURI", W)[0]!.InnerText);
        Assert.Equal(2, affected.GetElementsByTagName("Selector", W).Count);
        Assert.Equal(2, input.GetElementsByTagName("Names", uri).Count);
        Assert.Equal(0, input.GetElementsByTagName("Skipped", uri).Count);
        Assert.Equal("3", input.GetElementsByTagName("RequestedState", uri)[0]!.InnerText);
    }

    [Fact]
    public void Invoke_asks_for_its_own_envelope_size_when_given_and_for_the_clients_otherwise()
    {
        var uri = WmiNamespace.ClassUri(WmiNamespace.V2, "Msvm_VirtualSystemManagementService");
        var larger = Header(Load(Writer.Invoke(uri, "GetVirtualSystemThumbnailImage", null, null, 4 * 1024 * 1024)), W, "MaxEnvelopeSize");
        Assert.Equal("4194304", larger.InnerText);
        Assert.Equal("true", larger.GetAttribute("mustUnderstand", S));
        Assert.Equal("512000", Header(Load(Writer.Invoke(uri, "GetVirtualSystemThumbnailImage", null, null)), W, "MaxEnvelopeSize").InnerText);
    }

    [Fact]
    public void Identify_has_empty_header_and_identity_namespace()
    {
        var doc = Load(RequestEnvelopeWriter.Identify());
        var header = (XmlElement)doc.GetElementsByTagName("Header", S)[0]!;
        Assert.False(header.HasChildNodes);
        Assert.Single(doc.GetElementsByTagName("Identify", "http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd").Cast<XmlNode>());
    }

    [Theory]
    [InlineData(60, "PT60.000S")]
    [InlineData(20.5, "PT20.500S")]
    [InlineData(0.25, "PT0.250S")]
    public void Operation_timeout_format(double seconds, string expected) =>
        Assert.Equal(expected, RequestEnvelopeWriter.FormatDuration(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData("SELECT * FROM Msvm_ComputerSystem WHERE Name = 'x'", "Msvm_ComputerSystem")]
    [InlineData("select Name, Caption from Win32_OperatingSystem", "Win32_OperatingSystem")]
    [InlineData("SELECT * FROM\tMsvm_ConcreteJob", "Msvm_ConcreteJob")]
    [InlineData("ASSOCIATORS OF {x}", null)]
    public void Wql_class_name(string wql, string? expected) => Assert.Equal(expected, WsManEnumeration.WqlClassName(wql));

    [Fact]
    public void Resource_uri_builders()
    {
        Assert.Equal("http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/*", WsManResourceUris.NamespaceWildcard("root\\virtualization\\v2"));
        Assert.Equal("http://schemas.microsoft.com/wbem/wsman/1/wmi/root/cimv2/Win32_OperatingSystem", WmiNamespace.ClassUri(WmiNamespace.CimV2, "Win32_OperatingSystem"));
        Assert.Equal("http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/Msvm_ComputerSystem", WmiNamespace.ClassUri(WmiNamespace.V1, "Msvm_ComputerSystem"));
        Assert.Null(WsManResourceUris.ClassNameOf(WmiNamespace.AllClassesUri(WmiNamespace.CimV2)));
        Assert.Equal("Msvm_ComputerSystem", WsManResourceUris.ClassNameOf(WmiNamespace.ClassUri(WmiNamespace.V2, "Msvm_ComputerSystem")));
    }
}
