using System.Text;

namespace HyperVLibvirt.Simulator.Wql;

/// <summary>
/// Parses the object path inside <c>ASSOCIATORS OF {…}</c>:
/// <c>[\\server\namespace:]Class.Key='v',Key2="v2"</c>, <c>Class='v'</c> (single key) or
/// <c>Class=@</c> (singleton). Quoted values use the same backslash escapes as WQL strings, so
/// <c>'Microsoft:A\\B\\0'</c> is the InstanceID <c>Microsoft:A\B\0</c>.
/// </summary>
internal static class WqlObjectPathParser
{
    /// <summary>Parses <paramref name="text"/>; <paramref name="offset"/> is its position in the whole query, for errors.</summary>
    public static WqlObjectPath Parse(string text, int offset)
    {
        var i = 0;
        SkipSpaces(text, ref i);
        var classStart = FindClassStart(text, i);
        i = classStart;
        var nameStart = i;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
        {
            i++;
        }

        if (i == nameStart)
        {
            throw new WqlSyntaxException("Expected a class name in the object path", offset + i);
        }

        var className = text[nameStart..i];
        var keys = new List<KeyValuePair<string, string>>();
        SkipSpaces(text, ref i);
        if (i >= text.Length)
        {
            return new WqlObjectPath(className, keys);
        }

        if (text[i] == '=')
        {
            i++;
            SkipSpaces(text, ref i);
            if (i < text.Length && text[i] == '@')
            {
                i++;
            }
            else
            {
                keys.Add(new KeyValuePair<string, string>(string.Empty, ReadValue(text, ref i, offset)));
            }
        }
        else if (text[i] == '.')
        {
            i++;
            while (true)
            {
                SkipSpaces(text, ref i);
                var keyStart = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                if (i == keyStart)
                {
                    throw new WqlSyntaxException("Expected a key property name in the object path", offset + i);
                }

                var key = text[keyStart..i];
                SkipSpaces(text, ref i);
                if (i >= text.Length || text[i] != '=')
                {
                    throw new WqlSyntaxException($"Expected '=' after key '{key}'", offset + i);
                }

                i++;
                SkipSpaces(text, ref i);
                keys.Add(new KeyValuePair<string, string>(key, ReadValue(text, ref i, offset)));
                SkipSpaces(text, ref i);
                if (i < text.Length && text[i] == ',')
                {
                    i++;
                    continue;
                }

                break;
            }
        }

        SkipSpaces(text, ref i);
        if (i < text.Length)
        {
            throw new WqlSyntaxException($"Unexpected '{text[i]}' in the object path", offset + i);
        }

        return new WqlObjectPath(className, keys);
    }

    // A namespace prefix ends with ':' before the first '.' or '=' that is outside quotes.
    private static int FindClassStart(string text, int start)
    {
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '.' or '=' or '\'' or '"')
            {
                break;
            }

            if (c == ':')
            {
                return i + 1;
            }
        }

        return start;
    }

    private static string ReadValue(string text, ref int i, int offset)
    {
        if (i >= text.Length)
        {
            throw new WqlSyntaxException("Expected a key value in the object path", offset + i);
        }

        var quote = text[i];
        if (quote is '\'' or '"')
        {
            var start = i;
            i++;
            var value = new StringBuilder();
            while (i < text.Length)
            {
                var c = text[i++];
                if (c == quote)
                {
                    return value.ToString();
                }

                if (c == '\\' && i < text.Length && text[i] is '\\' or '\'' or '"')
                {
                    value.Append(text[i++]);
                    continue;
                }

                value.Append(c);
            }

            throw new WqlSyntaxException("Unterminated key value in the object path", offset + start);
        }

        var bareStart = i;
        while (i < text.Length && text[i] != ',' && !char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        if (i == bareStart)
        {
            throw new WqlSyntaxException("Expected a key value in the object path", offset + i);
        }

        return text[bareStart..i];
    }

    private static void SkipSpaces(string text, ref int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
    }
}
