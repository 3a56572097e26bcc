using System.Net;
using System.Text;
using System.Xml.Linq;

namespace HyperVLibvirt.Simulator.Tests.Security;

/// <summary>A response as the test client saw it, decrypted when it came encrypted.</summary>
internal sealed record SessionReply(HttpStatusCode Status, string? ContentType, IReadOnlyList<string> Challenges, byte[] RawBody, byte[] Body, bool WasEncrypted, byte[] Signature, bool ConnectionClose)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public XElement Xml => XDocument.Parse(Text).Root!;

    public static readonly XNamespace N = "http://schemas.xmlsoap.org/ws/2004/09/enumeration";
    public static readonly XNamespace W = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";

    /// <summary>The enumeration context of an Enumerate/Pull response.</summary>
    public string? Context => Xml.Descendants(N + "EnumerationContext").FirstOrDefault()?.Value;

    /// <summary>The items of a PullResponse.</summary>
    public List<XElement> Items => (Xml.Descendants(N + "Items").FirstOrDefault() ?? Xml.Descendants(W + "Items").FirstOrDefault())?.Elements().ToList() ?? [];

    /// <summary>Whether EndOfSequence is present.</summary>
    public bool EndOfSequence => Xml.Descendants(N + "EndOfSequence").Any() || Xml.Descendants(W + "EndOfSequence").Any();
}
