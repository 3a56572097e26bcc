using System.Text;
using System.Xml;

namespace HyperVLibvirt.Core.Networks;

/// <summary>
/// A libvirt network of a Hyper-V host: one Msvm_VirtualEthernetSwitch, as libvirt's network driver
/// (src/hyperv/hyperv_network_driver.c) reports it: named by the switch's ElementName, identified by
/// its Name (a GUID), and always active, persistent and autostarted.
/// </summary>
/// <remarks>Every public property is a plain value, so Export-Csv and ConvertTo-Json give flat data.</remarks>
public sealed class HvNetwork
{
    /// <summary>Creates a network read through the session <paramref name="connectionId"/>.</summary>
    public HvNetwork(string name, Guid uuid, string bridge, ushort? healthState, Guid connectionId, string computerName)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(bridge);
        ArgumentNullException.ThrowIfNull(computerName);
        Name = name;
        Uuid = uuid;
        Bridge = bridge;
        HealthState = healthState;
        ConnectionId = connectionId;
        ComputerName = computerName;
    }

    /// <summary>The network's name: the switch's ElementName ("Default Switch", ...).</summary>
    public string Name { get; }

    /// <summary>The network's UUID: the switch's Name.</summary>
    public Guid Uuid { get; }

    /// <summary>Always true: Hyper-V networks are always active (hypervNetworkIsActive).</summary>
    public bool Active => true;

    /// <summary>Always true: Hyper-V networks are always persistent (hypervNetworkIsPersistent).</summary>
    public bool Persistent => true;

    /// <summary>Always true: Hyper-V networks always start with the host (hypervNetworkGetAutostart).</summary>
    public bool Autostart => true;

    /// <summary>
    /// What a domain's interface names as its bridge (<c>&lt;source bridge='…'/&gt;</c> in libvirt's domain XML):
    /// the switch's Name as the host writes it. (virsh net-info shows no bridge for Hyper-V: the driver has no networkGetBridgeName.)
    /// </summary>
    public string Bridge { get; }

    /// <summary>The switch's HealthState (5 = OK); the listing shows only OK switches, a lookup by name any.</summary>
    public ushort? HealthState { get; }

    /// <summary>The host the network lives on, as its session names it.</summary>
    public string ComputerName { get; }

    /// <summary>The identity of the session the network was read through (<c>HvConnection.Id</c>).</summary>
    public Guid ConnectionId { get; }

    /// <summary>
    /// The network's XML as libvirt's hypervNetworkGetXMLDesc writes it (virNetworkDefFormat with a name, the
    /// UUID and no forward mode): <c>&lt;network&gt;</c> with <c>&lt;name&gt;</c> and <c>&lt;uuid&gt;</c>, two-space
    /// indented, ending in a newline.
    /// </summary>
    public string ToXml()
    {
        var text = new StringBuilder();
        text.Append("<network>\n");
        text.Append("  <name>").Append(Escape(Name)).Append("</name>\n");
        text.Append("  <uuid>").Append(Uuid.ToString("D")).Append("</uuid>\n");
        text.Append("</network>\n");
        return text.ToString();
    }

    /// <summary>The XML of <see cref="ToXml"/> as a document.</summary>
    public XmlDocument ToXmlDocument()
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(ToXml());
        return document;
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    // libvirt's virBufferEscapeString: &, <, >, ' and " as entities.
    private static string Escape(string value) => value
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("'", "&apos;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal);
}
