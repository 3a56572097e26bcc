using System.Xml;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// An instance written as CIM-XML text (DMTF DSP0201 <c>INSTANCE</c>), as WMI hands embedded instances back inside string values:
/// Msvm_KvpExchangeComponent's GuestIntrinsicExchangeItems, Msvm_ImageManagementService.GetVirtualHardDiskSettingData's
/// SettingData. Only the instance's own PROPERTY (a VALUE's text, or null without one) and PROPERTY.ARRAY (its VALUE.ARRAY)
/// are read, with DTDs prohibited and the text bounded: the host's text is untrusted input.
/// </summary>
public static class CimXmlInstanceText
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        ConformanceLevel = ConformanceLevel.Document,
    };

    /// <summary>
    /// The instance <paramref name="text"/> holds; null when it is empty, longer than <paramref name="maxCharacters"/>, not
    /// well-formed, has a DTD, or is not an <c>INSTANCE</c>.
    /// </summary>
    public static CimObject? Read(string? text, int maxCharacters)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > maxCharacters)
        {
            return null;
        }
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), Settings);
            if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "INSTANCE")
            {
                return null;
            }
            var className = reader.GetAttribute("CLASSNAME") ?? string.Empty;
            var properties = new List<CimProperty>();
            if (reader.IsEmptyElement)
            {
                return new CimObject(className, null, properties);
            }
            var depth = reader.Depth;
            while (reader.Read() && reader.Depth > depth)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth + 1
                    && reader.LocalName is "PROPERTY" or "PROPERTY.ARRAY" && reader.GetAttribute("NAME") is { } name)
                {
                    properties.Add(new CimProperty(name, reader.LocalName == "PROPERTY" ? ReadValue(reader) : ReadArray(reader)));
                }
            }
            return new CimObject(className, null, properties);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    // Positioned on <PROPERTY>: its <VALUE>'s text, or null without one; leaves the reader on the property's end.
    private static CimValue ReadValue(XmlReader reader)
    {
        var value = CimValue.Null;
        if (reader.IsEmptyElement)
        {
            return value;
        }
        var depth = reader.Depth;
        // ReadElementContentAsString leaves the reader on the node after </VALUE>: that node is not read past.
        var advance = true;
        while ((!advance || reader.Read()) && reader.Depth > depth)
        {
            advance = true;
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "VALUE" && reader.Depth == depth + 1)
            {
                value = CimValue.FromText(ReadText(reader, ref advance));
            }
        }
        return value;
    }

    // Positioned on <PROPERTY.ARRAY>: the texts of <VALUE.ARRAY>'s <VALUE>s, or null without a VALUE.ARRAY.
    private static CimValue ReadArray(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            return CimValue.Null;
        }
        var depth = reader.Depth;
        List<CimValue>? items = null;
        var advance = true;
        while ((!advance || reader.Read()) && reader.Depth > depth)
        {
            advance = true;
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            if (reader.LocalName == "VALUE.ARRAY" && reader.Depth == depth + 1)
            {
                items = [];
            }
            else if (reader.LocalName == "VALUE" && reader.Depth == depth + 2 && items is not null)
            {
                items.Add(CimValue.FromText(ReadText(reader, ref advance)));
            }
        }
        return items is null ? CimValue.Null : CimValue.FromArray(items);
    }

    private static string ReadText(XmlReader reader, ref bool advance)
    {
        if (reader.IsEmptyElement)
        {
            return string.Empty;
        }
        advance = false;
        return reader.ReadElementContentAsString();
    }
}
