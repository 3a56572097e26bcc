using System.Text;

namespace HyperVLibvirt.Core.HyperV;

/// <summary>Escaping of text placed inside WQL string literals.</summary>
public static class WqlEscape
{
    /// <summary>
    /// Backslash-escapes <c>'</c>, <c>"</c> and <c>\</c>, as libvirt's virBufferEscapeSQL does, so the
    /// result is safe inside either quote style: <c>O'Brien</c> → <c>O\'Brien</c>.
    /// </summary>
    public static string String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.AsSpan().IndexOfAny('\'', '"', '\\') < 0)
        {
            return value;
        }
        var escaped = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (c is '\'' or '"' or '\\')
            {
                escaped.Append('\\');
            }
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    /// <summary>The value escaped and wrapped in single quotes, ready to follow <c>=</c>.</summary>
    public static string Quoted(string value) => "'" + String(value) + "'";
}
