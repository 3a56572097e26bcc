using System.Globalization;

namespace HyperVLibvirt.Core.Keyboard;

/// <summary>
/// libvirt's key code translation (<c>src/util/virkeycode.c</c>: virKeycodeValueFromString, virKeycodeValueTranslate)
/// over <see cref="KeyCodeTable"/>, and virsh send-key's reading of a key argument (a number, decimal or 0x hex, else a
/// name in the code set), ending in the Windows virtual-key code Msvm_Keyboard takes.
/// </summary>
public static class KeyCodes
{
    /// <summary>The most keys one send-key may press together (libvirt's VIR_DOMAIN_SEND_KEY_MAX_KEYS).</summary>
    public const int MaxKeys = 16;

    /// <summary>The highest Windows virtual-key code (Microsoft's "Virtual-Key Codes" run from 0x01 to 0xFE).</summary>
    public const int MaxVirtualKey = 0xfe;

    /// <summary>libvirt's names of the code sets, as <c>virsh send-key --codeset</c> takes them.</summary>
    public static IReadOnlyList<string> SetNames { get; } = ["linux", "xt", "atset1", "atset2", "atset3", "os_x", "xt_kbd", "usb", "win32", "qnum", "rfb"];

    /// <summary>A code set by libvirt's name (any case); "rfb" is QNUM. Null when the name is not one.</summary>
    public static KeyCodeSet? ParseSet(string name) => name?.ToLowerInvariant() switch
    {
        "linux" => KeyCodeSet.Linux,
        "xt" => KeyCodeSet.Xt,
        "atset1" => KeyCodeSet.AtSet1,
        "atset2" => KeyCodeSet.AtSet2,
        "atset3" => KeyCodeSet.AtSet3,
        "os_x" => KeyCodeSet.OsX,
        "xt_kbd" => KeyCodeSet.XtKbd,
        "usb" => KeyCodeSet.Usb,
        "win32" => KeyCodeSet.Win32,
        "qnum" or "rfb" => KeyCodeSet.Qnum,
        _ => null,
    };

    /// <summary>libvirt's name of a code set.</summary>
    public static string NameOf(KeyCodeSet set) => set switch
    {
        KeyCodeSet.OsX => "os_x",
        KeyCodeSet.XtKbd => "xt_kbd",
        _ => set.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// A key's code in <paramref name="set"/> from its name there (linux KEY_*, os_x, win32 VK_*; the other sets have
    /// no names), as virKeycodeValueFromString; names compare without regard to case. Null when none matches.
    /// </summary>
    public static int? FromName(KeyCodeSet set, string name)
    {
        foreach (var row in KeyCodeTable.Rows)
        {
            if (string.Equals(row.NameIn(set), name, StringComparison.OrdinalIgnoreCase))
            {
                return row.CodeIn(set);
            }
        }
        return null;
    }

    /// <summary>The key names of <paramref name="set"/> in Linux keycode order (empty for the sets libvirt gives no names).</summary>
    public static IEnumerable<string> NamesOf(KeyCodeSet set) => KeyCodeTable.Rows.Select(r => r.NameIn(set)).OfType<string>();

    /// <summary>
    /// A code of one set in another, as virKeycodeValueTranslate: the first key (in Linux keycode order) with that code
    /// in <paramref name="from"/>. Null when no key has it, or the key has no code in <paramref name="to"/>.
    /// </summary>
    public static int? Translate(KeyCodeSet from, KeyCodeSet to, int code)
    {
        foreach (var row in KeyCodeTable.Rows)
        {
            if (row.CodeIn(from) == code)
            {
                return row.CodeIn(to);
            }
        }
        return null;
    }

    /// <summary>
    /// Reads one key argument as virsh send-key does (a number in decimal or 0x hex, else a name in
    /// <paramref name="set"/>) and translates it to the Windows virtual-key code Msvm_Keyboard takes.
    /// </summary>
    /// <exception cref="HvKeyCodeException">Not a number or a name of the set, or no virtual-key code for it.</exception>
    public static KeyStroke Resolve(KeyCodeSet set, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var text = key.Trim();
        var code = ParseNumber(text) ?? FromName(set, text)
            ?? throw new HvKeyCodeException(key, set, string.Create(CultureInfo.InvariantCulture,
                $"'{key}' is neither a key code nor a key name in code set {NameOf(set)}.{NamesHint(set)}"));

        // The win32 set is the target already: any virtual-key code (1 to 254) goes through as given, for the host to
        // judge. (libvirt's hypervDomainSendKey leaves win32 codes untranslated and sends 0 for each.)
        var virtualKey = set == KeyCodeSet.Win32 ? (code <= MaxVirtualKey ? code : (int?)null) : Translate(set, KeyCodeSet.Win32, code);
        if (virtualKey is not { } vk)
        {
            throw new HvKeyCodeException(key, set, string.Create(CultureInfo.InvariantCulture,
                $"Could not translate keycode: key '{key}' ({code} in code set {NameOf(set)}) has no Windows virtual-key code, so a Hyper-V keyboard cannot press it."));
        }
        return new KeyStroke(key, NameOf(set), code, (uint)vk, WindowsName(vk));
    }

    // A code the table does not name (VK_LCONTROL, say) is shown as a number.
    private static string WindowsName(int virtualKey) =>
        KeyCodeTable.Rows.FirstOrDefault(r => r.Win32 == virtualKey)?.Win32Name ?? string.Create(CultureInfo.InvariantCulture, $"VK 0x{virtualKey:x2}");

    private static string NamesHint(KeyCodeSet set) => set switch
    {
        KeyCodeSet.Linux => " Linux names look like KEY_A, KEY_LEFTCTRL, KEY_F1.",
        KeyCodeSet.Win32 => " Windows names look like VK_A, VK_CONTROL, VK_F1.",
        KeyCodeSet.OsX => " OS X names look like ANSI_A, Control, F1.",
        _ => " Code set " + NameOf(set) + " has no key names: give numbers, or use -CodeSet linux with names like KEY_A.",
    };

    // virsh's virshKeyCodeGetInt: strtol with base 0 (decimal, 0x hex, leading 0 octal), 1 to 0xffff.
    private static int? ParseNumber(string text)
    {
        int value;
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            if (!int.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value))
            {
                return null;
            }
        }
        else if (text.Length > 1 && text[0] == '0' && text.All(c => c is >= '0' and <= '7'))
        {
            value = text.Aggregate(0, (acc, c) => acc > 0xffff ? acc : (acc * 8) + (c - '0'));
        }
        else if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return null;
        }
        return value is > 0 and <= 0xffff ? value : null;
    }
}
