using System.Xml.Linq;
using HyperVLibvirt.Core.Snapshots;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Tests.Snapshots;

public class SnapshotXmlTests
{
    private static readonly Guid Vm = Guid.Parse("5c6a8a50-6f3e-4d5b-9c1a-0b1e2d3c4f51");

    private static IReadOnlyList<HvDomainSnapshot> Tree(params CimObject[] settings) =>
        SnapshotTree.Build(settings, [SnapshotTreeTests.Current(Vm, 2)], vm => ("web", "hv1", Guid.Empty))[Vm];

    [Fact]
    public void Writes_the_elements_libvirt_writes_in_its_order()
    {
        var child = Tree(SnapshotTreeTests.Snapshot(1, "base", null, 0), SnapshotTreeTests.Snapshot(2, "live", 1, 3, saved: true))[1];

        var xml = SnapshotXml.Write(child);

        Assert.Equal(
            "<domainsnapshot>\n" +
            "  <name>live</name>\n" +
            "  <state>running</state>\n" +
            "  <parent>\n" +
            "    <name>base</name>\n" +
            "  </parent>\n" +
            "  <creationTime>" + child.CreationTime!.Value.ToUnixTimeSeconds() + "</creationTime>\n" +
            "  <memory snapshot='internal'/>\n" +
            "  <domain>\n" +
            "    <uuid>5c6a8a50-6f3e-4d5b-9c1a-0b1e2d3c4f51</uuid>\n" +
            "  </domain>\n" +
            "</domainsnapshot>\n",
            xml);
    }

    [Fact]
    public void A_root_has_no_parent_and_a_disk_only_snapshot_no_memory()
    {
        var root = XElement.Parse(SnapshotXml.Write(Tree(SnapshotTreeTests.Snapshot(1, "base", null, 0))[0]));

        Assert.Null(root.Element("parent"));
        Assert.Equal("shutoff", root.Element("state")!.Value);
        Assert.Equal("no", root.Element("memory")!.Attribute("snapshot")!.Value);
    }

    [Fact]
    public void Escapes_names_so_the_document_stays_well_formed()
    {
        var snapshot = Tree(SnapshotTreeTests.Snapshot(1, "a<b>&'\"", null, 0))[0];

        var root = XElement.Parse(SnapshotXml.Write(snapshot));

        Assert.Equal("a<b>&'\"", root.Element("name")!.Value);
    }

    [Fact]
    public void Embeds_a_domain_definition_indented_when_given()
    {
        var snapshot = Tree(SnapshotTreeTests.Snapshot(1, "base", null, 0))[0];

        var xml = SnapshotXml.Write(snapshot, "<domain type='hyperv'>\n  <name>web</name>\n</domain>\n");

        Assert.Contains("  <domain type='hyperv'>\n    <name>web</name>\n  </domain>\n</domainsnapshot>\n", xml);
        Assert.Equal("web", XElement.Parse(xml).Element("domain")!.Element("name")!.Value);
    }
}
