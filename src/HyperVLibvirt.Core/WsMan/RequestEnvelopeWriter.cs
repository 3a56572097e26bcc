using System.Collections;
using System.Globalization;
using System.Text;
using System.Xml;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// Writes request envelopes as MS-WSMV 3.1.4.1 describes them: SOAP 1.2, UTF-8 without BOM, the addressing and
/// WS-Man headers with their mustUnderstand flags, and the operation bodies of MS-WSMV 3.1.4.2–3.1.4.10 and Identify (3.1.4.1.23).
/// </summary>
internal sealed class RequestEnvelopeWriter
{
    private static readonly XmlWriterSettings WriterSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        OmitXmlDeclaration = true,
        Indent = false,
        CloseOutput = false,
        NewLineHandling = NewLineHandling.Entitize,
    };

    private readonly string _to;
    private readonly string _maxEnvelopeSize;
    private readonly string _operationTimeout;
    private readonly string _locale;

    public RequestEnvelopeWriter(Uri endpoint, int maxEnvelopeSize, TimeSpan operationTimeout, string locale)
    {
        _to = endpoint.AbsoluteUri;
        _maxEnvelopeSize = maxEnvelopeSize.ToString(CultureInfo.InvariantCulture);
        _operationTimeout = FormatDuration(operationTimeout);
        _locale = locale;
    }

    /// <summary><c>PT60.000S</c>: seconds with three decimals, as WinRM's own client writes it.</summary>
    public static string FormatDuration(TimeSpan timeout) =>
        "PT" + Math.Max(0, timeout.TotalSeconds).ToString("0.000", CultureInfo.InvariantCulture) + "S";

    /// <summary>The Identify request: empty header, no addressing (MS-WSMV 3.1.4.1.23).</summary>
    public static byte[] Identify()
    {
        using var ms = new MemoryStream(256);
        using (var w = XmlWriter.Create(ms, WriterSettings))
        {
            w.WriteStartElement("s", "Envelope", WsManNamespaces.Soap);
            w.WriteAttributeString("xmlns", "wsmid", null, WsManNamespaces.Identity);
            w.WriteStartElement("s", "Header", WsManNamespaces.Soap);
            w.WriteEndElement();
            w.WriteStartElement("s", "Body", WsManNamespaces.Soap);
            w.WriteStartElement("wsmid", "Identify", WsManNamespaces.Identity);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }
        return ms.ToArray();
    }

    /// <summary>A Transfer Get of one instance.</summary>
    public byte[] Get(string resourceUri, IReadOnlyList<KeyValuePair<string, string>>? selectors) =>
        Write(WsManActions.Get, resourceUri, selectors, static (_, _) => { }, null);

    /// <summary>An Enumerate with OptimizeEnumeration + MaxElements and an optional WQL filter.</summary>
    public byte[] Enumerate(string resourceUri, string? wqlFilter, int maxElements, WsManEnumerationMode mode) =>
        Write(WsManActions.Enumerate, resourceUri, null, static (w, s) =>
        {
            var (filter, max, m) = ((string?, int, WsManEnumerationMode))s!;
            w.WriteStartElement("n", "Enumerate", WsManNamespaces.Enumeration);
            w.WriteStartElement("w", "OptimizeEnumeration", WsManNamespaces.WsMan);
            w.WriteEndElement();
            w.WriteElementString("w", "MaxElements", WsManNamespaces.WsMan, max.ToString(CultureInfo.InvariantCulture));
            if (m != WsManEnumerationMode.Objects)
            {
                w.WriteElementString("w", "EnumerationMode", WsManNamespaces.WsMan,
                    m == WsManEnumerationMode.EndpointReferences ? "EnumerateEPR" : "EnumerateObjectAndEPR");
            }
            if (filter is not null)
            {
                w.WriteStartElement("w", "Filter", WsManNamespaces.WsMan);
                w.WriteAttributeString("Dialect", WsManResourceUris.WqlDialect);
                w.WriteString(filter); // XmlWriter escapes <, > and &
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }, (wqlFilter, maxElements, mode));

    /// <summary>A Pull with the newest context and MaxElements.</summary>
    public byte[] Pull(string resourceUri, string context, int maxElements) =>
        Write(WsManActions.Pull, resourceUri, null, static (w, s) =>
        {
            var (ctx, max) = ((string, int))s!;
            w.WriteStartElement("n", "Pull", WsManNamespaces.Enumeration);
            w.WriteElementString("n", "EnumerationContext", WsManNamespaces.Enumeration, ctx);
            w.WriteElementString("n", "MaxElements", WsManNamespaces.Enumeration, max.ToString(CultureInfo.InvariantCulture));
            w.WriteEndElement();
        }, (context, maxElements));

    /// <summary>A Release of an abandoned enumeration.</summary>
    public byte[] Release(string resourceUri, string context) =>
        Write(WsManActions.Release, resourceUri, null, static (w, s) =>
        {
            w.WriteStartElement("n", "Release", WsManNamespaces.Enumeration);
            w.WriteElementString("n", "EnumerationContext", WsManNamespaces.Enumeration, (string)s!);
            w.WriteEndElement();
        }, context);

    /// <summary>
    /// An Invoke: action = resource URI + "/" + method, body <c>&lt;p:Method_INPUT xmlns:p="resource URI"&gt;</c>.
    /// Values: string, <see cref="EndpointReference"/>, <see cref="EmbeddedInstance"/> (CIM-XML in CDATA), a sequence
    /// (repeated elements), null (omitted), or any IFormattable/bool written invariantly. <paramref name="maxEnvelopeSize"/> is this
    /// request's <c>w:MaxEnvelopeSize</c> in octets (null: the client's).
    /// </summary>
    public byte[] Invoke(string resourceUri, string methodName, IReadOnlyList<KeyValuePair<string, string>>? selectors,
        IReadOnlyList<KeyValuePair<string, object?>>? parameters, int? maxEnvelopeSize = null) =>
        Write(resourceUri + "/" + methodName, resourceUri, selectors, static (w, s) =>
        {
            var (uri, method, ps) = ((string, string, IReadOnlyList<KeyValuePair<string, object?>>?))s!;
            w.WriteStartElement("p", method + "_INPUT", uri);
            if (ps is not null)
            {
                foreach (var p in ps)
                {
                    WriteParameter(w, uri, p.Key, p.Value);
                }
            }
            w.WriteEndElement();
        }, (resourceUri, methodName, parameters), maxEnvelopeSize?.ToString(CultureInfo.InvariantCulture));

    private static void WriteParameter(XmlWriter w, string ns, string name, object? value)
    {
        switch (value)
        {
            case null:
                return; // omitted parameter = null
            case string s:
                w.WriteElementString("p", name, ns, s);
                return;
            case EndpointReference epr:
                w.WriteStartElement("p", name, ns);
                WriteEndpointReferenceBody(w, epr);
                w.WriteEndElement();
                return;
            case EmbeddedInstance instance:
                w.WriteStartElement("p", name, ns);
                WriteCData(w, instance.ToCimXml());
                w.WriteEndElement();
                return;
            case IEnumerable items:
                foreach (var item in items)
                {
                    WriteParameter(w, ns, name, item);
                }
                return;
            default:
                w.WriteElementString("p", name, ns, FormatScalar(value));
                return;
        }
    }

    /// <summary>
    /// An embedded instance's CIM-XML as CDATA, as libvirt's <c>hypervSerializeEmbeddedParam</c> sends it. A value holding
    /// <c>]]&gt;</c> would end the section early, so the text is split there into adjacent sections (the receiver joins them).
    /// </summary>
    private static void WriteCData(XmlWriter w, string text)
    {
        var start = 0;
        int end;
        while ((end = text.IndexOf("]]>", start, StringComparison.Ordinal)) >= 0)
        {
            w.WriteCData(text[start..(end + 2)]);
            start = end + 2;
        }
        w.WriteCData(text[start..]);
    }

    private static string FormatScalar(object value) => value switch
    {
        bool b => b ? "true" : "false",
        DateTimeOffset d => d.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        DateTime d => d.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        TimeSpan t => XmlConvert.ToString(t),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>An EPR body: <c>a:Address</c> + <c>a:ReferenceParameters</c> (WS-Addressing EPR, as MS-WSMV 3.1.4.1.32 passes references).</summary>
    private static void WriteEndpointReferenceBody(XmlWriter w, EndpointReference epr)
    {
        w.WriteElementString("a", "Address", WsManNamespaces.Addressing, epr.Address);
        w.WriteStartElement("a", "ReferenceParameters", WsManNamespaces.Addressing);
        w.WriteElementString("w", "ResourceURI", WsManNamespaces.WsMan, epr.ResourceUri);
        WriteSelectorSet(w, epr.Selectors);
        w.WriteEndElement();
    }

    private static void WriteSelectorSet(XmlWriter w, IReadOnlyList<KeyValuePair<string, string>> selectors)
    {
        w.WriteStartElement("w", "SelectorSet", WsManNamespaces.WsMan);
        foreach (var s in selectors)
        {
            w.WriteStartElement("w", "Selector", WsManNamespaces.WsMan);
            w.WriteAttributeString("Name", s.Key);
            w.WriteString(s.Value);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private byte[] Write(string action, string resourceUri, IReadOnlyList<KeyValuePair<string, string>>? selectors,
        Action<XmlWriter, object?> writeBody, object? state, string? maxEnvelopeSize = null)
    {
        using var ms = new MemoryStream(1024);
        using (var w = XmlWriter.Create(ms, WriterSettings))
        {
            w.WriteStartElement("s", "Envelope", WsManNamespaces.Soap);
            w.WriteAttributeString("xmlns", "a", null, WsManNamespaces.Addressing);
            w.WriteAttributeString("xmlns", "n", null, WsManNamespaces.Enumeration);
            w.WriteAttributeString("xmlns", "w", null, WsManNamespaces.WsMan);
            w.WriteAttributeString("xmlns", "p", null, WsManNamespaces.MsWsMan);

            w.WriteStartElement("s", "Header", WsManNamespaces.Soap);
            w.WriteElementString("a", "To", WsManNamespaces.Addressing, _to);

            w.WriteStartElement("w", "ResourceURI", WsManNamespaces.WsMan);
            MustUnderstand(w, true);
            w.WriteString(resourceUri);
            w.WriteEndElement();

            w.WriteStartElement("a", "ReplyTo", WsManNamespaces.Addressing);
            w.WriteStartElement("a", "Address", WsManNamespaces.Addressing);
            MustUnderstand(w, true);
            w.WriteString(WsManNamespaces.AnonymousAddress);
            w.WriteEndElement();
            w.WriteEndElement();

            w.WriteStartElement("a", "Action", WsManNamespaces.Addressing);
            MustUnderstand(w, true);
            w.WriteString(action);
            w.WriteEndElement();

            w.WriteStartElement("w", "MaxEnvelopeSize", WsManNamespaces.WsMan);
            MustUnderstand(w, true);
            w.WriteString(maxEnvelopeSize ?? _maxEnvelopeSize);
            w.WriteEndElement();

            w.WriteElementString("a", "MessageID", WsManNamespaces.Addressing, "uuid:" + Guid.NewGuid().ToString("D").ToUpperInvariant());

            // Locale headers must not be mustUnderstand="true" (WinRM answers UnsupportedFeature).
            w.WriteStartElement("w", "Locale", WsManNamespaces.WsMan);
            w.WriteAttributeString("xml", "lang", WsManNamespaces.Xml, _locale);
            MustUnderstand(w, false);
            w.WriteEndElement();
            w.WriteStartElement("p", "DataLocale", WsManNamespaces.MsWsMan);
            w.WriteAttributeString("xml", "lang", WsManNamespaces.Xml, _locale);
            MustUnderstand(w, false);
            w.WriteEndElement();

            w.WriteElementString("w", "OperationTimeout", WsManNamespaces.WsMan, _operationTimeout);

            if (selectors is { Count: > 0 })
            {
                WriteSelectorSet(w, selectors);
            }
            w.WriteEndElement(); // Header

            w.WriteStartElement("s", "Body", WsManNamespaces.Soap);
            writeBody(w, state);
            w.WriteEndElement();
            w.WriteEndElement();
        }
        return ms.ToArray();
    }

    private static void MustUnderstand(XmlWriter w, bool value) =>
        w.WriteAttributeString("s", "mustUnderstand", WsManNamespaces.Soap, value ? "true" : "false");
}
