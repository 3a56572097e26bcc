using System.Text;

namespace HyperVLibvirt.Core.Node;

/// <summary>
/// libvirt's capabilities XML for a Hyper-V host, element for element and space for space as
/// virCapabilitiesFormatXML (src/conf/capabilities.c) writes what hypervCapsInit (src/hyperv/hyperv_driver.c)
/// fills in: an x86_64 host with its SMBIOS UUID, offline and live migration flags, no power management or
/// IOMMU information, and two hvm guests (i686, x86_64) with the domain type <c>hyperv</c>.
/// </summary>
public static class CapabilitiesXml
{
    /// <summary>The document; <paramref name="hostUuid"/> null leaves out the uuid element, as libvirt does for an invalid UUID.</summary>
    public static string Format(Guid? hostUuid)
    {
        var xml = new StringBuilder();
        xml.Append("<capabilities>\n\n");
        xml.Append("  <host>\n");
        if (hostUuid is { } uuid)
        {
            // virUUIDFormat: lower case with dashes.
            xml.Append("    <uuid>").Append(uuid.ToString("D")).Append("</uuid>\n");
        }
        xml.Append("    <cpu>\n");
        xml.Append("      <arch>x86_64</arch>\n");
        xml.Append("    </cpu>\n");
        xml.Append("    <power_management/>\n");
        xml.Append("    <iommu support='no'/>\n");
        // virCapabilitiesNew(VIR_ARCH_X86_64, offlineMigrate = 1, liveMigrate = 1).
        xml.Append("    <migration_features>\n");
        xml.Append("      <live/>\n");
        xml.Append("    </migration_features>\n");
        xml.Append("  </host>\n\n");
        AppendGuest(xml, "i686", 32);
        AppendGuest(xml, "x86_64", 64);
        xml.Append("</capabilities>\n");
        return xml.ToString();
    }

    private static void AppendGuest(StringBuilder xml, string arch, int wordSize)
    {
        xml.Append("  <guest>\n");
        xml.Append("    <os_type>hvm</os_type>\n");
        xml.Append("    <arch name='").Append(arch).Append("'>\n");
        xml.Append("      <wordsize>").Append(wordSize).Append("</wordsize>\n");
        xml.Append("      <domain type='hyperv'/>\n");
        xml.Append("    </arch>\n");
        xml.Append("  </guest>\n\n");
    }
}
