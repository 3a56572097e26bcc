namespace HyperVLibvirt.Simulator.Wire;

/// <summary>Which namespace declarations WinRM puts on the Envelope for a kind of response.</summary>
internal enum EnvelopeNamespaces
{
    /// <summary>Enumerate/Pull/Release: s a n w.</summary>
    Enumeration,
    /// <summary>Get and Invoke: s a x w p.</summary>
    Transfer,
    /// <summary>Faults: s a x e n w p.</summary>
    Fault,
}

/// <summary>Writes the SOAP envelope and the response headers in WinRM's order (as in MS-WSMV section 4.1's examples and real WinRM responses).</summary>
internal static class EnvelopeWriter
{
    /// <summary>A fresh MessageID in WinRM's form: <c>uuid:</c> + upper-case GUID.</summary>
    public static string NewMessageId() => "uuid:" + Guid.NewGuid().ToString("D").ToUpperInvariant();

    /// <summary>Writes the Envelope start, the Header (Action, MessageID, To, RelatesTo) and opens the Body.</summary>
    public static void WriteStart(Utf8XmlWriter writer, string language, EnvelopeNamespaces namespaces, string action, string? relatesTo)
    {
        writer.StartElement("s:Envelope");
        writer.Attribute("xml:lang", language);
        writer.Attribute("xmlns:s", WsManNamespaces.Soap);
        writer.Attribute("xmlns:a", WsManNamespaces.Addressing);
        switch (namespaces)
        {
            case EnvelopeNamespaces.Enumeration:
                writer.Attribute("xmlns:n", WsManNamespaces.Enumeration);
                writer.Attribute("xmlns:w", WsManNamespaces.WsMan);
                break;
            case EnvelopeNamespaces.Transfer:
                writer.Attribute("xmlns:x", WsManNamespaces.Transfer);
                writer.Attribute("xmlns:w", WsManNamespaces.WsMan);
                writer.Attribute("xmlns:p", WsManNamespaces.MsWsMan);
                break;
            default:
                writer.Attribute("xmlns:x", WsManNamespaces.Transfer);
                writer.Attribute("xmlns:e", WsManNamespaces.Eventing);
                writer.Attribute("xmlns:n", WsManNamespaces.Enumeration);
                writer.Attribute("xmlns:w", WsManNamespaces.WsMan);
                writer.Attribute("xmlns:p", WsManNamespaces.MsWsMan);
                break;
        }

        writer.StartElement("s:Header");
        writer.Element("a:Action", action);
        writer.Element("a:MessageID", NewMessageId());
        writer.Element("a:To", WsManNamespaces.AnonymousRole);
        if (!string.IsNullOrEmpty(relatesTo))
        {
            writer.Element("a:RelatesTo", relatesTo);
        }

        writer.EndElement();
        writer.StartElement("s:Body");
    }

    /// <summary>Closes the Body and the Envelope.</summary>
    public static void WriteEnd(Utf8XmlWriter writer)
    {
        writer.FullEndElement();
        writer.EndElement();
    }

    /// <summary>
    /// Writes an IdentifyResponse. Unauthenticated: no xml:lang, <c>&lt;s:Header/&gt;</c>, a zero OS
    /// version and no security profiles, as the real captures show.
    /// </summary>
    public static void WriteIdentify(Utf8XmlWriter writer, string? language, string productVersion, IReadOnlyList<string>? securityProfiles)
    {
        writer.StartElement("s:Envelope");
        if (language is not null)
        {
            writer.Attribute("xml:lang", language);
        }

        writer.Attribute("xmlns:s", WsManNamespaces.Soap);
        writer.StartElement("s:Header");
        if (language is not null)
        {
            writer.FullEndElement();
        }
        else
        {
            writer.EndElement();
        }

        writer.StartElement("s:Body");
        writer.StartElement("wsmid:IdentifyResponse");
        writer.Attribute("xmlns:wsmid", WsManNamespaces.Identity);
        writer.Element("wsmid:ProtocolVersion", WsManNamespaces.WsMan);
        writer.Element("wsmid:ProductVendor", "Microsoft Corporation");
        writer.Element("wsmid:ProductVersion", productVersion);
        if (securityProfiles is { Count: > 0 })
        {
            writer.StartElement("wsmid:SecurityProfiles");
            foreach (var profile in securityProfiles)
            {
                writer.Element("wsmid:SecurityProfileName", WsManNamespaces.SecurityProfilePrefix + profile);
            }

            writer.EndElement();
        }

        writer.EndElement();
        writer.EndElement();
        writer.EndElement();
    }
}
