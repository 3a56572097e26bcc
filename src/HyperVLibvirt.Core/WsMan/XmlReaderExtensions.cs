using System.Text;
using System.Xml;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>Small cursor helpers over <see cref="XmlReader"/> shared by the response parsers.</summary>
internal static class XmlReaderExtensions
{
    /// <summary>
    /// From inside an element at <paramref name="parentDepth"/> (on its start tag, or on a finished child),
    /// moves to the next child element. Returns false on the parent's end tag.
    /// </summary>
    public static bool ReadToNextChild(this XmlReader r, int parentDepth)
    {
        if (r.NodeType == XmlNodeType.Element && r.Depth == parentDepth && r.IsEmptyElement)
        {
            return false;
        }
        while (r.Read())
        {
            if (r.NodeType == XmlNodeType.Element)
            {
                if (r.Depth == parentDepth + 1)
                {
                    return true;
                }
            }
            else if (r.NodeType == XmlNodeType.EndElement && r.Depth <= parentDepth)
            {
                return false;
            }
        }
        throw new XmlException("Unexpected end of the document.");
    }

    /// <summary>On an element start tag: moves to its end tag (or stays on an empty element).</summary>
    public static void SkipToEnd(this XmlReader r)
    {
        if (r.IsEmptyElement)
        {
            return;
        }
        var depth = r.Depth;
        while (r.Read())
        {
            if (r.NodeType == XmlNodeType.EndElement && r.Depth == depth)
            {
                return;
            }
        }
        throw new XmlException("Unexpected end of the document.");
    }

    /// <summary>
    /// On an element start tag: returns its text content (child elements are skipped) and leaves the
    /// reader on the end tag. Avoids a StringBuilder for the common single-text-node case.
    /// </summary>
    public static string ReadText(this XmlReader r)
    {
        if (r.IsEmptyElement)
        {
            return string.Empty;
        }
        var depth = r.Depth;
        string? first = null;
        StringBuilder? sb = null;
        while (r.Read())
        {
            switch (r.NodeType)
            {
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    var value = r.ReadBoundedValue();
                    if (first is null)
                    {
                        first = value;
                    }
                    else
                    {
                        sb ??= new StringBuilder(first);
                        sb.Append(value);
                        ResponseLimitException.ThrowIfTooLong(sb.Length);
                    }
                    break;
                case XmlNodeType.Element:
                    r.SkipToEnd();
                    break;
                case XmlNodeType.EndElement when r.Depth == depth:
                    return sb?.ToString() ?? first ?? string.Empty;
            }
        }
        throw new XmlException("Unexpected end of the document.");
    }

    /// <summary>
    /// On a text node: its value, read in chunks so that an oversized one fails after
    /// <see cref="ResponseLimitException.MaxValueChars"/> characters instead of being materialized whole.
    /// </summary>
    public static string ReadBoundedValue(this XmlReader r)
    {
        if (!r.CanReadValueChunk)
        {
            var whole = r.Value;
            ResponseLimitException.ThrowIfTooLong(whole.Length);
            return whole;
        }
        var buffer = t_chunk ??= new char[4096];
        var first = r.ReadValueChunk(buffer, 0, buffer.Length);
        if (first < buffer.Length)
        {
            // Most values fit one chunk; the next read returns 0 then.
            var more = first == 0 ? 0 : r.ReadValueChunk(buffer, first, buffer.Length - first);
            if (more == 0)
            {
                return new string(buffer, 0, first);
            }
            first += more;
        }
        var sb = new StringBuilder(buffer.Length * 2).Append(buffer, 0, first);
        int read;
        while ((read = r.ReadValueChunk(buffer, 0, buffer.Length)) > 0)
        {
            sb.Append(buffer, 0, read);
            ResponseLimitException.ThrowIfTooLong(sb.Length);
        }
        return sb.ToString();
    }

    [ThreadStatic]
    private static char[]? t_chunk;

    /// <summary>True when the current element carries <c>xsi:nil="true"</c>; leaves the reader on the element.</summary>
    public static bool IsNil(this XmlReader r, XmlNames n, out string? xsiType)
    {
        xsiType = null;
        if (!r.HasAttributes)
        {
            return false;
        }
        var nil = false;
        while (r.MoveToNextAttribute())
        {
            if ((object)r.NamespaceURI == n.XsiNs)
            {
                if ((object)r.LocalName == n.Nil)
                {
                    var v = r.Value;
                    nil = v == "true" || v == "1";
                }
                else if ((object)r.LocalName == n.Type)
                {
                    xsiType = r.Value;
                }
            }
        }
        r.MoveToElement();
        return nil;
    }
}
