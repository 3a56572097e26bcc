using System.Text;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Tests.WsMan;

public class PropertyCacheTests
{
    private const string Ns = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ComputerSystem";

    private static List<CimObject> ReadPage(params string[] instanceBodies)
    {
        var xml = new StringBuilder();
        xml.Append("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:n=\"http://schemas.xmlsoap.org/ws/2004/09/enumeration\" ");
        xml.Append("xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><s:Header/><s:Body><n:PullResponse><n:Items>");
        foreach (var body in instanceBodies)
        {
            xml.Append("<p:Msvm_ComputerSystem xmlns:p=\"").Append(Ns).Append("\">").Append(body).Append("</p:Msvm_ComputerSystem>");
        }
        xml.Append("</n:Items><n:EndOfSequence/></n:PullResponse></s:Body></s:Envelope>");
        using var rr = ResponseReader.Open(new MemoryStream(Encoding.UTF8.GetBytes(xml.ToString())), out _);
        var items = new List<CimObject>();
        while (rr.ReadNextItem() is { } item)
        {
            items.Add(item);
        }
        return items;
    }

    [Fact]
    public void RepeatedShortValuesShareOneProperty()
    {
        var items = ReadPage("<p:Caption>Virtual Machine</p:Caption><p:EnabledState>2</p:EnabledState>",
            "<p:Caption>Virtual Machine</p:Caption><p:EnabledState>3</p:EnabledState>");
        Assert.Same(items[0].Properties[0], items[1].Properties[0]);
        Assert.Equal("2", items[0].GetString("EnabledState"));
        Assert.Equal("3", items[1].GetString("EnabledState"));
    }

    [Fact]
    public void SameTextUnderAnotherNameIsNotConfused()
    {
        var item = ReadPage("<p:A>5</p:A><p:B>5</p:B><p:C xsi:nil=\"true\"/><p:D></p:D>")[0];
        Assert.Equal(new[] { "A", "B", "C", "D" }, item.Properties.Select(p => p.Name));
        Assert.Equal("5", item.GetString("B"));
        Assert.True(item["C"]!.IsNull);
        Assert.Equal(string.Empty, item.GetString("D"));
    }

    [Fact]
    public void EntitiesCdataWhitespaceAndLongValuesReadWhole()
    {
        var longText = new string('x', 70_000);
        var item = ReadPage($"<p:A>a &amp; b</p:A><p:B><![CDATA[<c>]]>d</p:B><p:C> </p:C><p:D>{longText}</p:D><p:E>{longText}</p:E>")[0];
        Assert.Equal("a & b", item.GetString("A"));
        Assert.Equal("<c>d", item.GetString("B"));
        Assert.Equal(" ", item.GetString("C"));
        Assert.Equal(longText, item.GetString("D"));
        Assert.Equal(longText, item.GetString("E"));
    }

    [Fact]
    public void RepeatedNamesStillFoldIntoArrays()
    {
        var item = ReadPage("<p:OperationalStatus>2</p:OperationalStatus><p:OperationalStatus>2</p:OperationalStatus><p:X>1</p:X>")[0];
        Assert.Equal(CimValueKind.Array, item["OperationalStatus"]!.Kind);
        Assert.Equal(new[] { "2", "2" }, item.GetArray("OperationalStatus").Select(v => v.AsString()));
    }

    [Fact]
    public void A_full_table_stops_sharing_until_the_next_response_empties_it()
    {
        var cache = new PropertyCache();
        const string name = "Name";
        for (var i = 0; i < PropertyCache.Capacity; i++)
        {
            cache.Text(name, ("unique-" + i).AsSpan());
        }
        // Full: a value it does not hold is allocated each time.
        Assert.NotSame(cache.Text(name, "Virtual Machine".AsSpan()), cache.Text(name, "Virtual Machine".AsSpan()));
        cache.StartResponse();
        Assert.Same(cache.Text(name, "Virtual Machine".AsSpan()), cache.Text(name, "Virtual Machine".AsSpan()));
        Assert.Equal("unique-7", cache.Text(name, "unique-7".AsSpan()).Value.AsString());
    }

    [Fact]
    public void A_page_of_unique_values_does_not_stop_the_next_page_from_sharing()
    {
        var unique = Enumerable.Range(0, PropertyCache.Capacity + 100).Select(i => $"<p:ElementName>vm-{i}</p:ElementName>").ToArray();
        Assert.Equal(PropertyCache.Capacity + 100, ReadPage(unique).Count);
        var items = ReadPage("<p:Caption>Virtual Machine</p:Caption>", "<p:Caption>Virtual Machine</p:Caption>");
        Assert.Same(items[0].Properties[0], items[1].Properties[0]);
    }
}
