using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace HyperVLibvirt.Core.Storage;

/// <summary>
/// Reads the Msvm_VirtualHardDiskSettingData that GetVirtualHardDiskSettingData returns as CIM-XML (DMTF DSP0201)
/// <c>INSTANCE</c> text in its <c>SettingData</c> string (Microsoft's GetVirtualHardDiskSettingData page and its sample,
/// which reads <c>/INSTANCE/PROPERTY[@NAME='MaxInternalSize']/VALUE</c>).
/// </summary>
public static class VirtualHardDiskSettingData
{
    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = 1 << 20,
    };

    /// <summary>The disk the text describes, or null when the text is not such an instance or lacks Format, Type or MaxInternalSize.</summary>
    public static HvVirtualHardDisk? Parse(string? text, string path, ulong? fileSize, string computerName, Guid connectionId)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        XElement root;
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), ReaderSettings);
            root = XElement.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }
        if (root.Name.LocalName != "INSTANCE")
        {
            return null;
        }
        var values = root.Elements("PROPERTY")
            .Where(p => p.Attribute("NAME") is not null)
            .GroupBy(p => (string)p.Attribute("NAME")!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Element("VALUE")?.Value, StringComparer.OrdinalIgnoreCase);
        string? Text(string name) => values.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v) ? v : null;
        ulong? Number(string name) => ulong.TryParse(Text(name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

        if (Number("Format") is not { } format || Number("Type") is not { } type || Number("MaxInternalSize") is not { } size)
        {
            return null;
        }
        return new HvVirtualHardDisk
        {
            Path = Text("Path") ?? path,
            Format = format switch { 2 => "VHD", 3 => "VHDX", 4 => "VHDSet", _ => format.ToString(CultureInfo.InvariantCulture) },
            Type = type switch { 2 => "Fixed", 3 => "Dynamic", 4 => "Differencing", _ => type.ToString(CultureInfo.InvariantCulture) },
            Size = size,
            FileSize = fileSize,
            BlockSize = (uint)Math.Min(Number("BlockSize") ?? 0, uint.MaxValue),
            LogicalSectorSize = (uint)Math.Min(Number("LogicalSectorSize") ?? 0, uint.MaxValue),
            PhysicalSectorSize = (uint)Math.Min(Number("PhysicalSectorSize") ?? 0, uint.MaxValue),
            ParentPath = Text("ParentPath"),
            DiskIdentifier = Text("VirtualDiskId"),
            ComputerName = computerName,
            ConnectionId = connectionId,
        };
    }
}
