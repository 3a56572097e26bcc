using System.Globalization;
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
    public static KvpDataItem? Parse(string? text) =>
        CimXmlInstanceText.Read(text, MaxItemCharacters) is { } item ? FromObject(item) : null;

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
