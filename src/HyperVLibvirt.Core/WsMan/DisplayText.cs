using System.Text;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// Makes text from a host safe to show: control characters (ESC sequences that drive the terminal, BEL, CR
/// that overwrites a line, LF that forges one) and bidirectional overrides (which reorder what is read,
/// CVE-2021-42574) are replaced by visible stand-ins. Only for display: the data keeps the exact value.
/// </summary>
public static class DisplayText
{
    /// <summary>The text with every control character and bidi override made visible; null stays null.</summary>
    public static string? Neutralize(string? text) => Neutralize(text, keepLineBreaks: false);

    /// <summary>
    /// As <see cref="Neutralize(string?)"/>, but keeps line feeds, tabs and CR LF pairs: for text that is
    /// multi-line by nature (a debug dump of an envelope), where only the other controls are dangerous.
    /// </summary>
    public static string? NeutralizeKeepingLines(string? text) => Neutralize(text, keepLineBreaks: true);

    private static string? Neutralize(string? text, bool keepLineBreaks)
    {
        if (text is null || !NeedsWork(text))
        {
            return text;
        }
        var sb = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (keepLineBreaks && (c is '\n' or '\t' || (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')))
            {
                sb.Append(c);
            }
            else if (c < 0x20)
            {
                // Unicode's Control Pictures: U+2400 + the code (␛ for ESC, ␍ for CR, ␇ for BEL).
                sb.Append((char)(0x2400 + c));
            }
            else if (c == 0x7F)
            {
                sb.Append('\u2421');
            }
            else if (IsOtherUnsafe(c))
            {
                sb.Append("<U+").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)).Append('>');
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    private static bool NeedsWork(string text)
    {
        foreach (var c in text)
        {
            if (c < 0x20 || c == 0x7F || IsOtherUnsafe(c))
            {
                return true;
            }
        }
        return false;
    }

    // C1 controls (0x9B is a one-byte CSI on some terminals), the embedding and override marks
    // U+202A–U+202E, and the isolates U+2066–U+2069.
    private static bool IsOtherUnsafe(char c) =>
        c is (>= '\u0080' and <= '\u009F') or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
