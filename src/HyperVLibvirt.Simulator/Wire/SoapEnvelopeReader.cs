using System.Text;
using System.Xml;
using System.Xml.Linq;
using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator.Wire;

/// <summary>
/// Parses a request envelope into a <see cref="SoapRequest"/>. Elements are matched by namespace
/// URI, never by prefix. DTDs are refused and the document size is bounded.
/// </summary>
internal static class SoapEnvelopeReader
{
    private static readonly XNamespace S = WsManNamespaces.Soap;
    private static readonly XNamespace A = WsManNamespaces.Addressing;
    private static readonly XNamespace W = WsManNamespaces.WsMan;
    private static readonly XNamespace P = WsManNamespaces.MsWsMan;
    private static readonly XNamespace N = WsManNamespaces.Enumeration;
    private static readonly XNamespace Xsi = WsManNamespaces.Xsi;

    /// <summary>Parses <paramref name="body"/>; malformed input throws a schema-validation fault.</summary>
    public static SoapRequest Parse(ReadOnlyMemory<byte> body, string? charset)
    {
        XDocument document;
        try
        {
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersInDocument = Math.Max(body.Length * 2L, 1024),
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
            };
            var text = DecodeText(body.Span, charset);
            using var stringReader = new StringReader(text);
            using var reader = XmlReader.Create(stringReader, settings);
            document = XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException ex)
        {
            throw new WsManFaultException(WsManFaults.SchemaValidationError("The request is not well-formed XML: " + ex.Message));
        }

        var envelope = document.Root;
        if (envelope is null || envelope.Name != S + "Envelope")
        {
            throw new WsManFaultException(WsManFaults.SchemaValidationError("The request is not a SOAP 1.2 envelope."));
        }

        var header = envelope.Element(S + "Header");
        var bodyElement = envelope.Element(S + "Body");
        var operation = bodyElement?.Elements().FirstOrDefault();

        if (operation is not null && operation.Name == XName.Get("Identify", WsManNamespaces.Identity))
        {
            return new SoapRequest { IsIdentify = true };
        }

        var replyTo = header?.Element(A + "ReplyTo");
        var locale = header?.Element(W + "Locale");
        var dataLocale = header?.Element(P + "DataLocale");
        var request = new SoapRequest
        {
            Action = Trimmed(header?.Element(A + "Action")),
            MessageId = Trimmed(header?.Element(A + "MessageID")),
            To = Trimmed(header?.Element(A + "To")),
            ResourceUri = Trimmed(header?.Element(W + "ResourceURI")),
            HasReplyTo = replyTo is not null,
            ReplyToAddress = Trimmed(replyTo?.Element(A + "Address")),
            Selectors = ReadSelectors(header?.Element(W + "SelectorSet")),
            MaxEnvelopeSize = Trimmed(header?.Element(W + "MaxEnvelopeSize")),
            OperationTimeout = Trimmed(header?.Element(W + "OperationTimeout")),
            Locale = (string?)locale?.Attribute(XNamespace.Xml + "lang"),
            LocaleMustUnderstand = IsTrue(locale?.Attribute(S + "mustUnderstand")),
            DataLocaleMustUnderstand = IsTrue(dataLocale?.Attribute(S + "mustUnderstand")),
            Enumerate = operation is not null && operation.Name == N + "Enumerate" ? ReadEnumerate(operation) : null,
            Pull = operation is not null && operation.Name == N + "Pull" ? ReadPull(operation) : null,
            ReleaseContext = operation is not null && operation.Name == N + "Release" ? Trimmed(operation.Element(N + "EnumerationContext")) ?? string.Empty : null,
            Invoke = operation is not null && operation.Name.Namespace != N ? ReadInvoke(operation) : null,
        };
        return request;
    }

    private static string DecodeText(ReadOnlySpan<byte> body, string? charset)
    {
        // UTF-8 is the norm; MS-WSMV also allows UTF-16 (with or without BOM).
        if (body.Length >= 2 && ((body[0] == 0xFF && body[1] == 0xFE) || (body[0] == 0xFE && body[1] == 0xFF)))
        {
            return (body[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode).GetString(body[2..]);
        }

        if (charset is not null && charset.StartsWith("utf-16", StringComparison.OrdinalIgnoreCase))
        {
            return (charset.Contains("be", StringComparison.OrdinalIgnoreCase) ? Encoding.BigEndianUnicode : Encoding.Unicode).GetString(body);
        }

        if (body.Length >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF)
        {
            body = body[3..];
        }

        return Encoding.UTF8.GetString(body);
    }

    private static EnumerateBody ReadEnumerate(XElement enumerate)
    {
        var filter = enumerate.Element(W + "Filter") ?? enumerate.Element(N + "Filter");
        var modeText = Trimmed(enumerate.Element(W + "EnumerationMode"));
        var mode = modeText switch
        {
            null or "" => EnumerationMode.Objects,
            "EnumerateEPR" => EnumerationMode.EndpointReferences,
            "EnumerateObjectAndEPR" => EnumerationMode.ObjectsAndEndpointReferences,
            _ => throw new WsManFaultException(WsManFaults.UnsupportedFeature("EnumerationMode") with { Code = WsManFaults.CodeEnumerationModeUnsupported }),
        };
        var selectorSet = filter?.Element(W + "SelectorSet");
        return new EnumerateBody(
            Optimize: enumerate.Element(W + "OptimizeEnumeration") is not null,
            MaxElements: ReadCount(enumerate.Element(W + "MaxElements")),
            Mode: mode,
            FilterDialect: (string?)filter?.Attribute("Dialect"),
            FilterText: filter is null || selectorSet is not null ? null : filter.Value,
            FilterSelectors: selectorSet is null ? null : ReadSelectors(selectorSet),
            HasFilter: filter is not null);
    }

    private static PullBody ReadPull(XElement pull) =>
        new(Trimmed(pull.Element(N + "EnumerationContext")) ?? string.Empty, ReadCount(pull.Element(N + "MaxElements")));

    private static InvokeBody ReadInvoke(XElement input)
    {
        var parameters = new List<KeyValuePair<string, object?>>();
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var element in input.Elements())
        {
            var name = element.Name.LocalName;
            var value = ReadParameterValue(element);
            if (positions.TryGetValue(name, out var index))
            {
                // Repeated elements are one array parameter.
                var existing = parameters[index].Value;
                var list = existing as List<object> ?? [existing!];
                if (value is not null)
                {
                    list.Add(value);
                }

                parameters[index] = new(name, list);
            }
            else
            {
                positions[name] = parameters.Count;
                parameters.Add(new(name, value));
            }
        }

        var finalParameters = parameters.Select(p => p.Value is List<object> list
            ? new KeyValuePair<string, object?>(p.Key, (IReadOnlyList<object>)list.AsReadOnly())
            : p).ToList();
        return new InvokeBody(input.Name.LocalName, finalParameters);
    }

    private static object? ReadParameterValue(XElement element)
    {
        if (IsTrue(element.Attribute(Xsi + "nil")))
        {
            return null;
        }

        var epr = element.Element(A + "EndpointReference") ?? element;
        var referenceParameters = epr.Element(A + "ReferenceParameters");
        if (referenceParameters is not null)
        {
            var resourceUri = Trimmed(referenceParameters.Element(W + "ResourceURI")) ?? string.Empty;
            return new CimReference(resourceUri, ReadSelectors(referenceParameters.Element(W + "SelectorSet")));
        }

        if (element.HasElements)
        {
            // Not a documented input form (embedded instances travel as CIM-XML text); pass the markup on.
            return string.Concat(element.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting)));
        }

        return element.Value;
    }

    private static List<KeyValuePair<string, string>> ReadSelectors(XElement? selectorSet)
    {
        var selectors = new List<KeyValuePair<string, string>>();
        if (selectorSet is null)
        {
            return selectors;
        }

        foreach (var selector in selectorSet.Elements(W + "Selector"))
        {
            var name = (string?)selector.Attribute("Name") ?? string.Empty;
            var epr = selector.Element(A + "EndpointReference");
            selectors.Add(new(name, epr is null ? selector.Value.Trim() : epr.ToString(SaveOptions.DisableFormatting)));
        }

        return selectors;
    }

    private static int? ReadCount(XElement? element)
    {
        var text = Trimmed(element);
        if (text is null)
        {
            return null;
        }

        if (!long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < 1)
        {
            throw new WsManFaultException(WsManFaults.InvalidMessageInformationHeader("The WS-Management service cannot process the request. The MaxElements value " + text + " is not valid. "));
        }

        return (int)Math.Min(value, int.MaxValue);
    }

    private static string? Trimmed(XElement? element) => element?.Value.Trim();

    private static bool IsTrue(XAttribute? attribute) =>
        attribute is not null && (attribute.Value.Trim() == "true" || attribute.Value.Trim() == "1");
}
