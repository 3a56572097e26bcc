using System.Globalization;
using System.Text;

namespace HyperVLibvirt.Core.DomainXml;

/// <summary>
/// Writes a <see cref="DomainDefinition"/> as libvirt's virDomainDefFormat (src/conf/domain_conf.c) writes the
/// virDomainDef hypervDomainGetXMLDesc fills: two-space indentation, single-quoted attributes, '\n' line ends,
/// and the defaults of fields the Hyper-V driver never sets (vcpu placement static, clock utc, lifecycle
/// actions destroy). Elements of unset fields are left out, as libvirt leaves them out. The text is exactly
/// what <c>virsh dumpxml</c> prints, so the two can be compared with diff.
/// </summary>
public static class DomainXmlFormatter
{
    /// <summary>The domain XML text, ending with a line feed.</summary>
    /// <param name="definition">The domain.</param>
    /// <param name="inactive">
    /// Format it as <c>virsh dumpxml --inactive</c> does (VIR_DOMAIN_XML_INACTIVE): without the id of a running domain,
    /// the only live value in the Hyper-V driver's XML.
    /// </param>
    public static string Format(DomainDefinition definition, bool inactive = false)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var xml = new StringBuilder(1024);
        xml.Append("<domain type='hyperv'");
        if (!inactive && definition.Id is { } id)
        {
            xml.Append(" id='").Append(id.ToString(CultureInfo.InvariantCulture)).Append('\'');
        }
        xml.Append(">\n");
        Line(xml, 1, $"<name>{LibvirtXmlText.Escape(definition.Name)}</name>");
        Line(xml, 1, $"<uuid>{definition.Uuid:D}</uuid>");
        if (definition.Description is { } description)
        {
            Line(xml, 1, $"<description>{LibvirtXmlText.Escape(description)}</description>");
        }
        // The driver sets mem.max_memory, which virDomainDefHasMemoryHotplug reads as "hotplug": hence maxMemory with 0 slots.
        if (definition.MaxMemoryKiB > 0)
        {
            Line(xml, 1, $"<maxMemory slots='0' unit='KiB'>{definition.MaxMemoryKiB}</maxMemory>");
        }
        Line(xml, 1, $"<memory unit='KiB'>{definition.MemoryKiB}</memory>");
        Line(xml, 1, $"<currentMemory unit='KiB'>{definition.MemoryKiB}</currentMemory>");
        Line(xml, 1, $"<vcpu placement='static'>{definition.VCpus}</vcpu>");
        // Generation 2 is UEFI: virDomainOsDefFormat writes the firmware as an attribute of <os>. libvirt's driver
        // sets none (its define ignores generation); writing it lets this XML define the same generation again.
        Line(xml, 1, definition.Generation == 2 ? "<os firmware='efi'>" : "<os>");
        // No arch or machine: the driver sets neither.
        Line(xml, 2, "<type>hvm</type>");
        Line(xml, 1, "</os>");
        Line(xml, 1, "<clock offset='utc'/>");
        Line(xml, 1, "<on_poweroff>destroy</on_poweroff>");
        Line(xml, 1, "<on_reboot>destroy</on_reboot>");
        Line(xml, 1, "<on_crash>destroy</on_crash>");
        Line(xml, 1, "<devices>");
        // virDomainDefFormat's device order: disks, controllers, interfaces, serials.
        foreach (var disk in definition.Disks)
        {
            AppendDisk(xml, disk);
        }
        foreach (var controller in definition.Controllers)
        {
            Line(xml, 2, $"<controller type='{controller.Type}' index='{controller.Index.ToString(CultureInfo.InvariantCulture)}'/>");
        }
        foreach (var nic in definition.Interfaces)
        {
            Line(xml, 2, "<interface type='bridge'>");
            Line(xml, 3, $"<mac address='{nic.MacAddress}'/>");
            Line(xml, 3, $"<source bridge='{LibvirtXmlText.Escape(nic.Bridge)}'/>");
            Line(xml, 2, "</interface>");
        }
        foreach (var serial in definition.Serials)
        {
            Line(xml, 2, "<serial type='pipe'>");
            Line(xml, 3, $"<source path='{LibvirtXmlText.Escape(serial.Path)}'/>");
            Line(xml, 3, $"<target port='{serial.Port.ToString(CultureInfo.InvariantCulture)}'/>");
            Line(xml, 2, "</serial>");
        }
        Line(xml, 1, "</devices>");
        xml.Append("</domain>\n");
        return xml.ToString();
    }

    private static void AppendDisk(StringBuilder xml, DiskDefinition disk)
    {
        Line(xml, 2, $"<disk type='{disk.Type}' device='{disk.Device}'>");
        // virDomainDiskSourceFormat: a file image names its path, a block device (LUN) its drive number.
        var sourceAttribute = disk.Type == "block" ? "dev" : "file";
        Line(xml, 3, $"<source {sourceAttribute}='{LibvirtXmlText.Escape(disk.Source)}'/>");
        Line(xml, 3, $"<target dev='{disk.Target}' bus='{disk.Bus}'/>");
        var a = disk.Address;
        Line(xml, 3, string.Create(CultureInfo.InvariantCulture,
            $"<address type='drive' controller='{a.Controller}' bus='{a.Bus}' target='{a.Target}' unit='{a.Unit}'/>"));
        Line(xml, 2, "</disk>");
    }

    private static void Line(StringBuilder xml, int depth, string text) =>
        xml.Append(' ', depth * 2).Append(text).Append('\n');
}
