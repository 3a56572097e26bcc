using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Tests.HyperV;

public class KvpDataItemReaderTests
{
    // The shape WMI gives each GuestIntrinsicExchangeItems element (Msvm_KvpExchangeDataItem as DSP0201 CIM-XML).
    private static string Item(string name, string data, string source = "2") =>
        "<INSTANCE CLASSNAME=\"Msvm_KvpExchangeDataItem\">"
        + "<PROPERTY NAME=\"Caption\" PROPAGATED=\"true\" TYPE=\"string\"></PROPERTY>"
        + $"<PROPERTY NAME=\"Data\" TYPE=\"string\"><VALUE>{data}</VALUE></PROPERTY>"
        + "<PROPERTY NAME=\"Description\" PROPAGATED=\"true\" TYPE=\"string\"></PROPERTY>"
        + "<PROPERTY NAME=\"ElementName\" PROPAGATED=\"true\" TYPE=\"string\"/>"
        + $"<PROPERTY NAME=\"Name\" TYPE=\"string\"><VALUE>{name}</VALUE></PROPERTY>"
        + $"<PROPERTY NAME=\"Source\" TYPE=\"uint16\"><VALUE>{source}</VALUE></PROPERTY>"
        + "</INSTANCE>";

    [Fact]
    public void Reads_name_data_and_source_of_an_item()
    {
        var item = KvpDataItemReader.Parse(Item("OSName", "Windows Server 2022 Datacenter"));

        Assert.Equal(new KvpDataItem("OSName", "Windows Server 2022 Datacenter", 2), item);
    }

    [Fact]
    public void Reads_escaped_text_as_the_guest_wrote_it()
    {
        var item = KvpDataItemReader.Parse(Item("FullyQualifiedDomainName", "a&amp;b&lt;c&gt;"));

        Assert.Equal("a&b<c>", item!.Data);
    }

    [Fact]
    public void Reads_an_empty_value_as_empty_data()
    {
        var item = KvpDataItemReader.Parse(Item("CSDVersion", string.Empty));

        Assert.Equal(string.Empty, item!.Data);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not xml")]
    [InlineData("<INSTANCE><PROPERTY NAME=\"Data\"><VALUE>x</VALUE></PROPERTY></INSTANCE>")]
    [InlineData("<OTHER><PROPERTY NAME=\"Name\"><VALUE>x</VALUE></PROPERTY></OTHER>")]
    [InlineData("<INSTANCE><PROPERTY NAME=\"Name\"><VALUE>x</VALUE>")]
    public void Skips_text_that_is_not_a_named_item(string text)
    {
        Assert.Null(KvpDataItemReader.Parse(text));
    }

    [Fact]
    public void Refuses_a_document_type_declaration()
    {
        const string withEntity = "<!DOCTYPE INSTANCE [<!ENTITY x \"expanded\">]>"
            + "<INSTANCE><PROPERTY NAME=\"Name\"><VALUE>&x;</VALUE></PROPERTY></INSTANCE>";

        Assert.Null(KvpDataItemReader.Parse(withEntity));
    }

    [Fact]
    public void Refuses_an_item_larger_than_the_bound()
    {
        var huge = Item("OSName", new string('x', KvpDataItemReader.MaxItemCharacters));

        Assert.Null(KvpDataItemReader.Parse(huge));
    }

    [Fact]
    public void Reads_every_element_of_the_array_and_skips_the_unreadable()
    {
        var values = new[] { CimValue.FromText(Item("OSName", "Ubuntu")), CimValue.FromText("<broken"), CimValue.FromText(Item("OSVersion", "5.15.0")) };

        var items = KvpDataItemReader.ReadAll(values);

        Assert.Equal(new[] { "OSName", "OSVersion" }, items.Select(i => i.Name));
    }

    [Fact]
    public void Reads_an_item_the_transport_already_parsed_as_an_embedded_object()
    {
        var embedded = Cim.Object("Msvm_KvpExchangeDataItem", ("Name", "OSName"), ("Data", "Windows"), ("Source", "2"));

        var item = Assert.Single(KvpDataItemReader.ReadAll([CimValue.FromObject(embedded)]));

        Assert.Equal(new KvpDataItem("OSName", "Windows", 2), item);
    }

    [Fact]
    public void Reads_at_most_the_bounded_number_of_items()
    {
        var values = Enumerable.Range(0, KvpDataItemReader.MaxItems + 10).Select(i => CimValue.FromText(Item("k" + i, "v"))).ToArray();

        Assert.Equal(KvpDataItemReader.MaxItems, KvpDataItemReader.ReadAll(values).Count);
    }
}
