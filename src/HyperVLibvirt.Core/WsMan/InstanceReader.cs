using System.Xml;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// Reads one WMI instance of any class (MS-WSMV 2.2.5.3; the WS-CIM mapping, DMTF DSP0230) from an <see cref="XmlReader"/> into a <see cref="CimObject"/>:
/// nil, arrays (repeated elements), datetimes, intervals, references (EPR bodies), embedded objects
/// and <c>w:XmlFragment</c>. Names are compared as atomized references; no LINQ on this path.
/// </summary>
internal static class InstanceReader
{
    /// <summary>
    /// On an instance element's start tag: reads it and leaves the reader on its end tag (or on the empty element).
    /// <paramref name="fragmentClassName"/> names a <c>w:XmlFragment</c>, whose element carries no class.
    /// </summary>
    public static CimObject ReadInstance(XmlReader r, XmlNames n, string? fragmentClassName = null, EndpointReference? reference = null)
    {
        ResponseLimitException.ThrowIfTooDeep(r);
        string className;
        string? resourceUri;
        if ((object)r.LocalName == n.XmlFragment && (object)r.NamespaceURI == n.WsManNs)
        {
            className = fragmentClassName ?? "XmlFragment";
            resourceUri = null;
        }
        else
        {
            className = r.LocalName;
            resourceUri = r.NamespaceURI.Length == 0 ? null : r.NamespaceURI;
        }
        var properties = ReadProperties(r, n);
        return new CimObject(className, resourceUri, properties, reference);
    }

    /// <summary>Reads the child elements of the current element as properties, folding repeated names into arrays.</summary>
    public static CimProperty[] ReadProperties(XmlReader r, XmlNames n)
    {
        if (r.IsEmptyElement)
        {
            return Array.Empty<CimProperty>();
        }
        // Properties are gathered in a reused list and copied once at their exact count: instances have
        // dozens of properties, and growing a fresh list for each was a large share of the allocations.
        // An embedded object read meanwhile finds the scratch list taken and uses its own.
        var props = t_scratch ?? new List<CimProperty>(64);
        t_scratch = null;
        try
        {
            ReadPropertiesInto(r, n, props);
            return props.ToArray();
        }
        finally
        {
            props.Clear();
            t_scratch = props;
        }
    }

    [ThreadStatic]
    private static List<CimProperty>? t_scratch;

    private static void ReadPropertiesInto(XmlReader r, XmlNames n, List<CimProperty> props)
    {
        var depth = r.Depth;
        // Array folding: repeated names are adjacent on the wire (alphabetical order), but be safe about non-adjacent ones.
        List<CimValue>?[]? arrays = null;
        while (r.ReadToNextChild(depth))
        {
            var property = ReadProperty(r, n);
            var name = property.Name;
            var value = property.Value;
            var index = IndexOf(props, name);
            if (index < 0)
            {
                props.Add(property);
                continue;
            }
            arrays ??= new List<CimValue>?[Math.Max(props.Capacity, 16)];
            if (arrays.Length <= index)
            {
                Array.Resize(ref arrays, Math.Max(index + 1, arrays.Length * 2));
            }
            var items = arrays[index];
            if (items is null)
            {
                items = new List<CimValue>(4) { props[index].Value };
                arrays[index] = items;
            }
            items.Add(value);
        }
        if (arrays is not null)
        {
            for (var i = 0; i < arrays.Length && i < props.Count; i++)
            {
                if (arrays[i] is { } items)
                {
                    props[i] = new CimProperty(props[i].Name, CimValue.FromArray(items));
                }
            }
        }
    }

    private static int IndexOf(List<CimProperty> props, string atomizedName)
    {
        // The previous property is the usual repeat; names are atomized, so reference equality suffices.
        for (var i = props.Count - 1; i >= 0; i--)
        {
            if ((object)props[i].Name == atomizedName)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>
    /// On a property element's start tag: reads the property and leaves the reader on its end tag.
    /// Plain text is read in chunks into a reused buffer, so a value the instances share costs no
    /// allocation (<see cref="PropertyCache"/>).
    /// </summary>
    private static CimProperty ReadProperty(XmlReader r, XmlNames n)
    {
        // Embedded objects recurse through here: bound the depth before the stack is.
        ResponseLimitException.ThrowIfTooDeep(r);
        var name = r.LocalName;
        if (r.IsNil(n, out var xsiType))
        {
            r.SkipToEnd();
            return n.Properties.Nil(name);
        }
        if (r.IsEmptyElement)
        {
            return n.Properties.Text(name, ReadOnlySpan<char>.Empty);
        }
        var depth = r.Depth;
        var buffer = t_chars ??= new char[256];
        var length = 0;
        while (r.Read())
        {
            switch (r.NodeType)
            {
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    length = AppendText(r, ref buffer, length, n.MaxValueChars);
                    break;
                case XmlNodeType.Element:
                    return new CimProperty(name, ReadStructuredValue(r, n, depth, xsiType));
                case XmlNodeType.EndElement:
                    return n.Properties.Text(name, buffer.AsSpan(0, length));
            }
        }
        throw new XmlException("Unexpected end of the document.");
    }

    // Text of the property being read; an embedded object read meanwhile may reuse it, as the text
    // before a child element is dropped.
    [ThreadStatic]
    private static char[]? t_chars;

    private const int MaxKeptBuffer = 64 * 1024;

    private static int AppendText(XmlReader r, ref char[] buffer, int length, int maxChars)
    {
        if (!r.CanReadValueChunk)
        {
            var value = r.Value;
            ResponseLimitException.ThrowIfTooLong((long)length + value.Length, maxChars);
            Reserve(ref buffer, length, value.Length);
            value.CopyTo(buffer.AsSpan(length));
            return length + value.Length;
        }
        while (true)
        {
            Reserve(ref buffer, length, 1);
            var read = r.ReadValueChunk(buffer, length, buffer.Length - length);
            if (read == 0)
            {
                return length;
            }
            length += read;
            // Checked as the value grows, so a huge value fails after a bounded buffer, not after all of it.
            ResponseLimitException.ThrowIfTooLong(length, maxChars);
        }
    }

    private static void Reserve(ref char[] buffer, int length, int more)
    {
        if (buffer.Length - length >= more)
        {
            return;
        }
        Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + more));
        // Huge values (a long description) are rare: keep only a modest buffer for the next ones.
        if (buffer.Length <= MaxKeptBuffer)
        {
            t_chars = buffer;
        }
    }

    /// <summary>The property holds an element: a datetime, an interval, a reference or an embedded object.</summary>
    private static CimValue ReadStructuredValue(XmlReader r, XmlNames n, int propertyDepth, string? xsiType)
    {
        var ns = r.NamespaceURI;
        var local = r.LocalName;
        // Unqualified <Datetime> appears inside w:XmlFragment (MS-WSMV 3.1.4.1.13).
        if ((object)ns == n.CimNs || ns.Length == 0)
        {
            if ((object)local == n.Datetime || (object)local == n.Date || (object)local == n.Time || (object)local == n.CimDateTime)
            {
                var raw = r.ReadText();
                SkipRest(r, propertyDepth);
                return CimDateTimeParser.TryParseDateTime(raw, out var dt) ? CimValue.FromDateTime(dt, raw.Trim()) : CimValue.FromText(raw);
            }
            if ((object)local == n.Interval)
            {
                var raw = r.ReadText();
                SkipRest(r, propertyDepth);
                return CimDateTimeParser.TryParseInterval(raw, out var ts) ? CimValue.FromInterval(ts, raw.Trim()) : CimValue.FromText(raw);
            }
        }
        if ((object)ns == n.AddressingNs)
        {
            if ((object)local == n.EndpointReference)
            {
                var wrapped = ReadEndpointReference(r, n, r.Depth, firstChildRead: false);
                SkipRest(r, propertyDepth);
                return CimValue.FromReference(wrapped);
            }
            return CimValue.FromReference(ReadEndpointReference(r, n, propertyDepth, firstChildRead: true));
        }
        // Embedded object. Either the property wraps an instance element in the class's own namespace
        // (<p:Prop><q:Class>…</q:Class></p:Prop>), or the property element's children are the properties.
        if (ns.Length > 0 && !r.IsEmptyElement && ns.EndsWith(local, StringComparison.Ordinal) && ns.Length > local.Length && ns[^(local.Length + 1)] == '/')
        {
            var inner = ReadInstance(r, n);
            SkipRest(r, propertyDepth);
            return CimValue.FromObject(inner);
        }
        var className = ClassNameFromNamespace(ns) ?? TypeToClass(xsiType) ?? local;
        var props = new List<CimProperty>(8);
        // We are on the first child already: read it, then the rest of the siblings.
        do
        {
            var property = ReadProperty(r, n);
            var name = property.Name;
            var value = property.Value;
            var index = IndexOf(props, name);
            if (index < 0)
            {
                props.Add(property);
            }
            else
            {
                var existing = props[index].Value;
                var items = existing.Kind == CimValueKind.Array ? new List<CimValue>(existing.AsArray()) : new List<CimValue> { existing };
                items.Add(value);
                props[index] = new CimProperty(name, CimValue.FromArray(items));
            }
        }
        while (r.ReadToNextChild(propertyDepth));
        return CimValue.FromObject(new CimObject(className, ns.Length == 0 ? null : ns, props));
    }

    /// <summary>
    /// Reads an EPR body (<c>a:Address</c> + <c>a:ReferenceParameters</c>) made of the children of the element at
    /// <paramref name="parentDepth"/>. With <paramref name="firstChildRead"/> the reader is already on the first child.
    /// Leaves the reader on the parent's end tag.
    /// </summary>
    public static EndpointReference ReadEndpointReference(XmlReader r, XmlNames n, int parentDepth, bool firstChildRead)
    {
        var address = EndpointReference.AnonymousAddress;
        var resourceUri = string.Empty;
        List<KeyValuePair<string, string>>? selectors = null;
        var hasChild = firstChildRead || r.ReadToNextChild(parentDepth);
        while (hasChild)
        {
            if ((object)r.NamespaceURI == n.AddressingNs && (object)r.LocalName == n.Address)
            {
                address = r.ReadText().Trim();
            }
            else if ((object)r.NamespaceURI == n.AddressingNs && (object)r.LocalName == n.ReferenceParameters)
            {
                var rpDepth = r.Depth;
                while (r.ReadToNextChild(rpDepth))
                {
                    if ((object)r.NamespaceURI == n.WsManNs && (object)r.LocalName == n.ResourceUri)
                    {
                        resourceUri = r.ReadText().Trim();
                    }
                    else if ((object)r.NamespaceURI == n.WsManNs && (object)r.LocalName == n.SelectorSet)
                    {
                        selectors = ReadSelectorSet(r, n);
                    }
                    else
                    {
                        r.SkipToEnd();
                    }
                }
            }
            else
            {
                r.SkipToEnd();
            }
            hasChild = r.ReadToNextChild(parentDepth);
        }
        return new EndpointReference(resourceUri, (IReadOnlyList<KeyValuePair<string, string>>?)selectors ?? Array.Empty<KeyValuePair<string, string>>(), address);
    }

    /// <summary>On a <c>w:SelectorSet</c> start tag: reads its selectors and leaves the reader on its end tag.</summary>
    public static List<KeyValuePair<string, string>> ReadSelectorSet(XmlReader r, XmlNames n)
    {
        var list = new List<KeyValuePair<string, string>>(2);
        var depth = r.Depth;
        while (r.ReadToNextChild(depth))
        {
            if ((object)r.LocalName == n.Selector)
            {
                var name = r.GetAttribute("Name") ?? string.Empty;
                list.Add(new KeyValuePair<string, string>(name, r.ReadText()));
            }
            else
            {
                r.SkipToEnd();
            }
        }
        return list;
    }

    /// <summary>Moves past any remaining children to the end tag of the element at <paramref name="depth"/>.</summary>
    private static void SkipRest(XmlReader r, int depth)
    {
        while (r.ReadToNextChild(depth))
        {
            r.SkipToEnd();
        }
    }

    private static string? ClassNameFromNamespace(string ns)
    {
        var slash = ns.LastIndexOf('/');
        return slash >= 0 && slash < ns.Length - 1
            && (ns.Contains("/wmi/", StringComparison.Ordinal) || ns.Contains("/cim-schema/", StringComparison.Ordinal))
            ? ns[(slash + 1)..]
            : null;
    }

    private static string? TypeToClass(string? xsiType)
    {
        if (string.IsNullOrEmpty(xsiType))
        {
            return null;
        }
        var colon = xsiType.IndexOf(':');
        var local = colon >= 0 ? xsiType[(colon + 1)..] : xsiType;
        return local.EndsWith("_Type", StringComparison.Ordinal) ? local[..^5] : local;
    }
}
