using System.Globalization;
using System.Xml;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.HyperV;

/// <summary>
/// Reads the embedded Msvm_KvpExchangeDataItem instances of Msvm_KvpExchangeComponent.GuestIntrinsicExchangeItems.
/// WMI types that property <c>string[]</c> with an EmbeddedInstance qualifier, so each element arrives as the
/// text of a DMTF CIM-XML instance (DSP0201):
/// <c>&lt;INSTANCE CLASSNAME="Msvm_KvpExchangeDataItem"&gt;&lt;PROPERTY NAME="Name" TYPE="string"&gt;&lt;VALUE&gt;OSName&lt;/VALUE&gt;&lt;/PROPERTY&gt;…&lt;/INSTANCE&gt;</c>.
/// The text comes from the guest, so it is read as untrusted: no DTD, no external entities, bounded size.
/// </summary>
public static class KvpDataItemReader
{
    /// <summary>The largest item text read. Hyper-V caps a KVP name at 512 bytes and its data at 2,048; the CIM-XML around them is small.</summary>
    public const int MaxItemCharacters = 16 * 1024;

    /// <summary>The most items read from one component (Hyper-V publishes about twenty intrinsic items).</summary>
    public const int MaxItems = 256;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxItemCharacters,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        ConformanceLevel = ConformanceLevel.Document,
    };

    /// <summary>
    /// The items of a GuestIntrinsicExchangeItems (or GuestExchangeItems) value, in order, skipping any element that
    /// is not a readable item with a Name. An embedded object the transport already parsed is read too.
    /// </summary>
    public static IReadOnlyList<KvpDataItem> ReadAll(IReadOnlyList<CimValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var items = new List<KvpDataItem>();
        foreach (var value in values.Take(MaxItems))
        {
            var item = value.AsObject() is { } embedded ? FromObject(embedded) : Parse(value.AsString());
            if (item is not null)
            {
                items.Add(item);
            }
        }
        return items;
    }

    /// <summary>One item from its CIM-XML text; null when the text is empty, too large, malformed or has no Name.</summary>
    public static KvpDataItem? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxItemCharacters)
        {
            return null;
        }
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), Settings);
            return Read(reader);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static KvpDataItem? Read(XmlReader reader)
    {
        if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "INSTANCE")
        {
            return null;
        }
        string? name = null, data = null, source = null;
        var instanceDepth = reader.Depth;
        while (reader.Read() && reader.Depth > instanceDepth)
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "PROPERTY" || reader.Depth != instanceDepth + 1)
            {
                continue;
            }
            var property = reader.GetAttribute("NAME");
            var value = ReadPropertyValue(reader);
            switch (property)
            {
                case "Name":
                    name = value;
                    break;
                case "Data":
                    data = value;
                    break;
                case "Source":
                    source = value;
                    break;
            }
        }
        return Create(name, data, source);
    }

    // Positioned on <PROPERTY>; returns its <VALUE> text (null for none) and leaves the reader on the property's last node.
    private static string? ReadPropertyValue(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            return null;
        }
        var depth = reader.Depth;
        string? value = null;
        while (reader.Read() && reader.Depth > depth)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "VALUE" && reader.Depth == depth + 1)
            {
                value = reader.IsEmptyElement ? string.Empty : reader.ReadElementContentAsString();
                // ReadElementContentAsString moved past </VALUE>; the next node may already be </PROPERTY>.
                if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
                {
                    break;
                }
            }
        }
        return value;
    }

    private static KvpDataItem? FromObject(CimObject item) =>
        Create(item.GetString("Name"), item.GetString("Data"), item.GetString("Source"));

    private static KvpDataItem? Create(string? name, string? data, string? source)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }
        ushort? parsedSource = ushort.TryParse(source, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
        return new KvpDataItem(name, data ?? string.Empty, parsedSource);
    }
}
