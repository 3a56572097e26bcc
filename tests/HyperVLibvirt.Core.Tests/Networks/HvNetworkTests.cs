using HyperVLibvirt.Core.Networks;

namespace HyperVLibvirt.Core.Tests.Networks;

public sealed class HvNetworkTests
{
    private static readonly Guid Uuid = Guid.Parse("0977035F-C53A-4E14-8E2D-C316B541EBCB");

    [Fact]
    public void Xml_is_what_virNetworkDefFormat_writes_for_a_name_a_uuid_and_no_forward()
    {
        var network = new HvNetwork("External", Uuid, "0977035F-C53A-4E14-8E2D-C316B541EBCB", 5, Guid.NewGuid(), "hv01");
        Assert.Equal("<network>\n  <name>External</name>\n  <uuid>0977035f-c53a-4e14-8e2d-c316b541ebcb</uuid>\n</network>\n", network.ToXml());
        var document = network.ToXmlDocument();
        Assert.Equal("External", document.SelectSingleNode("/network/name")!.InnerText);
        Assert.Null(document.SelectSingleNode("/network/forward"));
    }

    [Fact]
    public void Names_are_escaped_as_libvirt_escapes_them()
    {
        var network = new HvNetwork("Lab <A&B> 'x' \"y\"", Uuid, "B", null, Guid.NewGuid(), "hv01");
        Assert.Contains("<name>Lab &lt;A&amp;B&gt; &apos;x&apos; &quot;y&quot;</name>", network.ToXml());
        Assert.Equal("Lab <A&B> 'x' \"y\"", network.ToXmlDocument().SelectSingleNode("/network/name")!.InnerText);
    }

    [Fact]
    public void Hyper_v_networks_are_always_active_persistent_and_autostarted()
    {
        var network = new HvNetwork("Isolated", Uuid, "B", 20, Guid.NewGuid(), "hv01");
        Assert.True(network.Active && network.Persistent && network.Autostart);
        Assert.Equal("Isolated", network.ToString());
        Assert.Equal((ushort)20, network.HealthState);
    }
}
