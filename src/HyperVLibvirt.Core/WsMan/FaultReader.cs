using System.Globalization;
using System.Xml;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>Reads an <c>s:Fault</c> (DMTF DSP0226; MS-WSMV 2.2.4.43) into a <see cref="WsManFault"/>.</summary>
internal static class FaultReader
{
    /// <summary>On the <c>s:Fault</c> start tag: reads the fault and leaves the reader on its end tag.</summary>
    public static WsManFault Read(XmlReader r, XmlNames n, string? action)
    {
        var code = string.Empty;
        string? subNs = null, subLocal = null, reason = null, detail = null, machine = null, message = null, providerMessage = null;
        uint? wsmanCode = null, providerCode = null;
        CimObject? extended = null, wmiError = null;

        var depth = r.Depth;
        while (r.ReadToNextChild(depth))
        {
            if ((object)r.NamespaceURI != n.SoapNs)
            {
                r.SkipToEnd();
                continue;
            }
            if ((object)r.LocalName == n.Code)
            {
                ReadCode(r, n, out code, out subNs, out subLocal);
            }
            else if ((object)r.LocalName == n.Reason)
            {
                var reasonDepth = r.Depth;
                while (r.ReadToNextChild(reasonDepth))
                {
                    if ((object)r.LocalName == n.Text && reason is null)
                    {
                        reason = Clean(r.ReadText());
                    }
                    else
                    {
                        r.SkipToEnd();
                    }
                }
            }
            else if ((object)r.LocalName == n.Detail)
            {
                var detailDepth = r.Depth;
                while (r.ReadToNextChild(detailDepth))
                {
                    if ((object)r.NamespaceURI == n.WsManNs && (object)r.LocalName == n.FaultDetail)
                    {
                        detail = Clean(r.ReadText());
                    }
                    else if ((object)r.NamespaceURI == n.FaultNs && (object)r.LocalName == n.WsManFault)
                    {
                        wsmanCode = ParseCode(r.GetAttribute("Code"));
                        machine = r.GetAttribute("Machine");
                        ReadWsManFaultBody(r, n, ref message, ref providerMessage, ref providerCode, ref extended);
                    }
                    else if (r.LocalName.EndsWith("WmiError", StringComparison.Ordinal) || r.GetAttribute("IsCIM_Error", WsManNamespaces.CimBinding) == "true")
                    {
                        wmiError = InstanceReader.ReadInstance(r, n);
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
        }

        if (wsmanCode is null && wmiError?.GetUInt64("error_Code") is { } ec && ec <= uint.MaxValue)
        {
            wsmanCode = (uint)ec;
        }
        if (providerMessage is null && wmiError?.GetString("Message") is { } wm)
        {
            providerMessage = Clean(wm);
        }

        return new WsManFault
        {
            Action = action,
            Code = code,
            SubcodeNamespace = subNs,
            SubcodeLocalName = subLocal,
            Reason = reason,
            FaultDetail = detail,
            WsManCode = wsmanCode,
            Machine = machine,
            Message = message,
            ProviderMessage = providerMessage,
            ProviderCode = providerCode,
            ExtendedStatus = extended,
            WmiError = wmiError,
        };
    }

    private static void ReadCode(XmlReader r, XmlNames n, out string code, out string? subNs, out string? subLocal)
    {
        code = string.Empty;
        subNs = null;
        subLocal = null;
        var depth = r.Depth;
        while (r.ReadToNextChild(depth))
        {
            if ((object)r.LocalName == n.Value)
            {
                ResolveQName(r, r.ReadText(), out _, out code);
            }
            else if ((object)r.LocalName == n.Subcode)
            {
                var subDepth = r.Depth;
                while (r.ReadToNextChild(subDepth))
                {
                    if ((object)r.LocalName == n.Value && subLocal is null)
                    {
                        // The QName's prefix is resolved against the namespaces in scope at the s:Value element.
                        ResolveQName(r, r.ReadText(), out subNs, out var local);
                        subLocal = local;
                    }
                    else
                    {
                        r.SkipToEnd(); // deeper Subcodes are rarer refinements; the first level is what WinRM uses
                    }
                }
            }
            else
            {
                r.SkipToEnd();
            }
        }
    }

    private static void ResolveQName(XmlReader r, string text, out string? ns, out string local)
    {
        var q = text.Trim();
        var colon = q.IndexOf(':');
        if (colon < 0)
        {
            ns = r.LookupNamespace(string.Empty) is { Length: > 0 } d ? d : null;
            local = q;
            return;
        }
        // An undeclared prefix (the MS-WSMV example) falls back to the local name alone.
        ns = r.LookupNamespace(q[..colon]);
        local = q[(colon + 1)..];
    }

    /// <summary>On an <c>f:WSManFault</c>: reads f:Message (text or ProviderFault) and leaves the reader on its end tag.</summary>
    private static void ReadWsManFaultBody(XmlReader r, XmlNames n, ref string? message, ref string? providerMessage,
        ref uint? providerCode, ref CimObject? extended)
    {
        ResponseLimitException.ThrowIfTooDeep(r);
        var depth = r.Depth;
        while (r.ReadToNextChild(depth))
        {
            if ((object)r.NamespaceURI == n.FaultNs && (object)r.LocalName == n.Message)
            {
                ReadMessage(r, n, ref message, ref providerMessage, ref providerCode, ref extended);
            }
            else
            {
                r.SkipToEnd();
            }
        }
    }

    private static void ReadMessage(XmlReader r, XmlNames n, ref string? message, ref string? providerMessage,
        ref uint? providerCode, ref CimObject? extended)
    {
        ResponseLimitException.ThrowIfTooDeep(r);
        if (r.IsEmptyElement)
        {
            return;
        }
        var depth = r.Depth;
        System.Text.StringBuilder? text = null;
        while (r.Read())
        {
            switch (r.NodeType)
            {
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                    (text ??= new()).Append(r.ReadBoundedValue());
                    ResponseLimitException.ThrowIfTooLong(text.Length);
                    break;
                case XmlNodeType.Element when (object)r.NamespaceURI == n.FaultNs && (object)r.LocalName == n.ProviderFault:
                    ReadProviderFault(r, n, ref providerMessage, ref providerCode, ref extended);
                    break;
                case XmlNodeType.Element:
                    r.SkipToEnd();
                    break;
                case XmlNodeType.EndElement when r.Depth == depth:
                    if (text is not null && Clean(text.ToString()) is { Length: > 0 } m)
                    {
                        message ??= m;
                    }
                    return;
            }
        }
        throw new XmlException("Unexpected end of the document.");
    }

    private static void ReadProviderFault(XmlReader r, XmlNames n, ref string? providerMessage, ref uint? providerCode, ref CimObject? extended)
    {
        ResponseLimitException.ThrowIfTooDeep(r);
        if (r.IsEmptyElement)
        {
            return;
        }
        var depth = r.Depth;
        System.Text.StringBuilder? text = null;
        while (r.Read())
        {
            switch (r.NodeType)
            {
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                    (text ??= new()).Append(r.ReadBoundedValue());
                    ResponseLimitException.ThrowIfTooLong(text.Length);
                    break;
                case XmlNodeType.Element when (object)r.NamespaceURI == n.FaultNs && (object)r.LocalName == n.WsManFault:
                    providerCode ??= ParseCode(r.GetAttribute("Code"));
                    string? inner = null;
                    ReadWsManFaultBody(r, n, ref inner, ref providerMessage, ref providerCode, ref extended);
                    providerMessage ??= inner;
                    break;
                case XmlNodeType.Element when (object)r.NamespaceURI == n.FaultNs && (object)r.LocalName == n.ExtendedError:
                    var edDepth = r.Depth;
                    while (r.ReadToNextChild(edDepth))
                    {
                        if (extended is null)
                        {
                            extended = InstanceReader.ReadInstance(r, n);
                        }
                        else
                        {
                            r.SkipToEnd();
                        }
                    }
                    break;
                case XmlNodeType.Element:
                    r.SkipToEnd();
                    break;
                case XmlNodeType.EndElement when r.Depth == depth:
                    if (text is not null && Clean(text.ToString()) is { Length: > 0 } m)
                    {
                        providerMessage ??= m;
                    }
                    return;
            }
        }
        throw new XmlException("Unexpected end of the document.");
    }

    private static uint? ParseCode(string? text) =>
        uint.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>Trims and folds the line breaks pretty-printed sources put inside text.</summary>
    private static string Clean(string text)
    {
        var t = text.Trim();
        if (t.IndexOf('\n') < 0)
        {
            return t;
        }
        var parts = t.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(" ", parts);
    }
}
