using System.Xml.Linq;
using HyperVLibvirt.Core.Node;

namespace HyperVLibvirt.Core.Tests.Node;

/// <summary>The capabilities document as virCapabilitiesFormatXML writes hypervCapsInit's capabilities.</summary>
public sealed class CapabilitiesXmlTests
{
    [Fact]
    public void MatchesLibvirtsLayoutByteForByte()
    {
        var xml = CapabilitiesXml.Format(Guid.Parse("4C4C4544-0042-3510-8052-B4C04F4E3732"));
        const string expected = """
            <capabilities>

              <host>
                <uuid>4c4c4544-0042-3510-8052-b4c04f4e3732</uuid>
                <cpu>
                  <arch>x86_64</arch>
                </cpu>
                <power_management/>
                <iommu support='no'/>
                <migration_features>
                  <live/>
                </migration_features>
              </host>

              <guest>
                <os_type>hvm</os_type>
                <arch name='i686'>
                  <wordsize>32</wordsize>
                  <domain type='hyperv'/>
                </arch>
              </guest>

              <guest>
                <os_type>hvm</os_type>
                <arch name='x86_64'>
                  <wordsize>64</wordsize>
                  <domain type='hyperv'/>
                </arch>
              </guest>

            </capabilities>

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), xml);
    }

    [Fact]
    public void IsWellFormedAndLeavesOutAnUnknownUuid()
    {
        var doc = XDocument.Parse(CapabilitiesXml.Format(null));
        Assert.Null(doc.Root!.Element("host")!.Element("uuid"));
        Assert.Equal(["i686", "x86_64"], doc.Root.Elements("guest").Select(g => (string)g.Element("arch")!.Attribute("name")!));
    }
}
