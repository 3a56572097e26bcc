using System.Globalization;
using System.Text;

namespace HyperVLibvirt.Core.Snapshots;

/// <summary>
/// A snapshot as libvirt's snapshot XML (<c>virsh snapshot-dumpxml</c>; the format of libvirt's formatsnapshot
/// documentation, written element for element as virDomainSnapshotDefFormat in src/conf/snapshot_conf.c writes it):
/// <c>name</c>, <c>description</c>, <c>state</c>, <c>parent/name</c>, <c>creationTime</c> (seconds since 1970),
/// <c>memory snapshot='internal|no'</c> and the <c>domain</c> the snapshot holds.
/// </summary>
/// <remarks>
/// libvirt embeds the full domain definition of the snapshot. Given one (the domainXml argument of
/// <see cref="Write"/>), it is embedded, indented; without it the element carries the domain's UUID alone, as libvirt
/// writes a snapshot whose definition it does not have.
/// </remarks>
public static class SnapshotXml
{
    /// <summary>The snapshot XML of <paramref name="snapshot"/>, with <paramref name="domainXml"/> (a <c>&lt;domain&gt;</c> element) embedded when given.</summary>
    public static string Write(HvDomainSnapshot snapshot, string? domainXml = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var xml = new StringBuilder();
        xml.Append("<domainsnapshot>\n");
        Element(xml, 1, "name", snapshot.Name);
        if (snapshot.Description is { } description)
        {
            Element(xml, 1, "description", description);
        }
        Element(xml, 1, "state", snapshot.State);
        if (snapshot.Parent is { } parent)
        {
            xml.Append("  <parent>\n");
            Element(xml, 2, "name", parent);
            xml.Append("  </parent>\n");
        }
        if (snapshot.CreationTime is { } created)
        {
            Element(xml, 1, "creationTime", created.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        }
        xml.Append("  <memory snapshot='").Append(snapshot.HasMemory ? "internal" : "no").Append("'/>\n");
        if (domainXml is not null)
        {
            foreach (var line in domainXml.TrimEnd('\n', '\r').Split('\n'))
            {
                xml.Append("  ").Append(line.TrimEnd('\r')).Append('\n');
            }
        }
        else
        {
            xml.Append("  <domain>\n");
            Element(xml, 2, "uuid", snapshot.DomainUuid.ToString("D"));
            xml.Append("  </domain>\n");
        }
        xml.Append("</domainsnapshot>\n");
        return xml.ToString();
    }

    private static void Element(StringBuilder xml, int depth, string name, string value) =>
        xml.Append(' ', depth * 2).Append('<').Append(name).Append('>').Append(Escape(value)).Append("</").Append(name).Append(">\n");

    // As libvirt's virBufferEscapeString: the five XML specials become entities.
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '\'' => "&apos;",
                '"' => "&quot;",
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }
}
