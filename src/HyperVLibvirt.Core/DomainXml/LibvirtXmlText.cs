using System.Text;

namespace HyperVLibvirt.Core.DomainXml;

/// <summary>
/// Escapes text as libvirt's virBufferEscapeString (src/util/virbuffer.c) does for element text and
/// single-quoted attributes: the five XML specials become entities, and control characters other than tab,
/// line feed and carriage return are dropped.
/// </summary>
public static class LibvirtXmlText
{
    /// <summary>The escaped form of <paramref name="value"/>.</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        StringBuilder? escaped = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var replacement = c switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '"' => "&quot;",
                '\'' => "&apos;",
                < ' ' and not ('\t' or '\n' or '\r') => string.Empty,
                _ => null,
            };
            if (replacement is null)
            {
                escaped?.Append(c);
                continue;
            }
            escaped ??= new StringBuilder(value, 0, i, value.Length + 16);
            escaped.Append(replacement);
        }
        return escaped?.ToString() ?? value;
    }
}
