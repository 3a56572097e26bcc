using System.Globalization;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Storage;

/// <summary>
/// Reads the Msvm_VirtualHardDiskSettingData that GetVirtualHardDiskSettingData returns as CIM-XML (DMTF DSP0201)
/// <c>INSTANCE</c> text in its <c>SettingData</c> string (Microsoft's GetVirtualHardDiskSettingData page and its sample,
/// which reads <c>/INSTANCE/PROPERTY[@NAME='MaxInternalSize']/VALUE</c>).
/// </summary>
public static class VirtualHardDiskSettingData
{
    /// <summary>The longest SettingData text read; an instance of this class is a few kilobytes.</summary>
    public const int MaxCharacters = 1 << 20;

    /// <summary>The disk the text describes, or null when the text is not such an instance or lacks Format, Type or MaxInternalSize.</summary>
    public static HvVirtualHardDisk? Parse(string? text, string path, ulong? fileSize, string computerName, Guid connectionId)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (CimXmlInstanceText.Read(text, MaxCharacters) is not { } instance)
        {
            return null;
        }
        string? Text(string name) => instance.GetString(name) is { Length: > 0 } value ? value : null;
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
