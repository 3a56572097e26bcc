using System.Management.Automation.Language;

namespace HyperVLibvirt.Completion;

/// <summary>
/// Quoting of completed values, as PowerShell's own completers do it: bare when the value is a
/// plain word, in the user's double quote when they opened one and it is safe, else in single quotes.
/// </summary>
internal static class CompletionText
{
    // Characters that end or change a bare argument in PowerShell's tokenizer (curly quotes count as quotes).
    private static readonly char[] s_special =
    {
        ' ', '\t', '\'', '"', '`', '$', '(', ')', '{', '}', '@', '#', ';', ',', '&', '|', '<', '>',
        '\u2018', '\u2019', '\u201A', '\u201B', '\u201C', '\u201D', '\u201E',
    };

    // Characters that mean something inside a double-quoted string.
    private static readonly char[] s_doubleQuoteSpecial = { '"', '`', '$', '\u201C', '\u201D', '\u201E' };

    /// <summary>The text the user typed without its opening (and any closing) quote.</summary>
    public static string Unquote(string word, out char? quote)
    {
        quote = null;
        if (word.Length > 0 && word[0] is '\'' or '"')
        {
            quote = word[0];
            word = word[1..];
            if (word.Length > 0 && word[^1] == quote)
            {
                word = word[..^1];
            }
        }
        return word;
    }

    /// <summary>The value as it must be typed: quoted when needed or when the user opened a quote.</summary>
    public static string Quote(string value, char? quote)
    {
        if (quote == '"' && value.IndexOfAny(s_doubleQuoteSpecial) < 0)
        {
            return "\"" + value + "\"";
        }
        if (quote is not null || NeedsQuotes(value))
        {
            return "'" + CodeGeneration.EscapeSingleQuotedStringContent(value) + "'";
        }
        return value;
    }

    private static bool NeedsQuotes(string value) =>
        value.Length == 0 || value[0] == '-' || value.IndexOfAny(s_special) >= 0;
}
