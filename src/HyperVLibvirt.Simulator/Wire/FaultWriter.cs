using System.Globalization;

namespace HyperVLibvirt.Simulator.Wire;

/// <summary>Writes a SOAP fault envelope in WinRM's shape (a SOAP 1.2 Fault with DSP0226's subcodes and MS-WSMV 2.2.4.43's WSManFault detail, as in MS-WSMV 4.10's example).</summary>
internal static class FaultWriter
{
    /// <summary>
    /// Writes the fault. <paramref name="machine"/> is the host name the client addressed (WinRM echoes
    /// the host of a:To); <paramref name="computerName"/> is the real host inside provider faults.
    /// <paramref name="legacyExtendedStatus"/> selects the 2008 R2 form of <c>__ExtendedStatus</c>.
    /// </summary>
    public static void Write(Utf8XmlWriter writer, WsManFault fault, string language, string? relatesTo, string machine, string computerName, bool legacyExtendedStatus)
    {
        EnvelopeWriter.WriteStart(writer, language, EnvelopeNamespaces.Fault, fault.Action, relatesTo);
        writer.StartElement("s:Fault");
        writer.StartElement("s:Code");
        writer.Element("s:Value", fault.IsReceiver ? "s:Receiver" : "s:Sender");
        writer.StartElement("s:Subcode");
        writer.Element("s:Value", fault.QualifiedSubcode);
        writer.EndElement();
        writer.EndElement();
        writer.StartElement("s:Reason");
        writer.StartElement("s:Text");
        writer.Attribute("xml:lang", fault.ReasonLanguage);
        writer.Text(fault.Reason);
        writer.EndElement();
        writer.EndElement();
        writer.StartElement("s:Detail");
        if (fault.FaultDetail is not null)
        {
            writer.Element("w:FaultDetail", WsManNamespaces.FaultDetailPrefix + fault.FaultDetail);
        }

        if (fault.WmiError is { } wmiError)
        {
            WriteWmiError(writer, wmiError);
        }
        else
        {
            WriteWsManFault(writer, fault, machine, computerName, legacyExtendedStatus);
        }

        writer.EndElement();
        writer.EndElement();
        EnvelopeWriter.WriteEnd(writer);
    }

    private static void WriteWsManFault(Utf8XmlWriter writer, WsManFault fault, string machine, string computerName, bool legacyExtendedStatus)
    {
        var code = fault.Code.ToString(CultureInfo.InvariantCulture);
        writer.StartElement("f:WSManFault");
        writer.Attribute("xmlns:f", WsManNamespaces.WsManFault);
        writer.Attribute("Code", code);
        writer.Attribute("Machine", machine);
        writer.StartElement("f:Message");
        if (fault.Provider is { } provider)
        {
            writer.StartElement("f:ProviderFault");
            writer.Attribute("provider", provider.Provider);
            writer.Attribute("path", provider.Path);
            if (provider.NestedMessage is not null)
            {
                writer.StartElement("f:WSManFault");
                writer.Attribute("xmlns:f", WsManNamespaces.WsManFault);
                writer.Attribute("Code", code);
                writer.Attribute("Machine", computerName);
                writer.Element("f:Message", provider.NestedMessage);
                writer.EndElement();
                if (provider.Extended is { } extended)
                {
                    writer.StartElement("f:ExtendedError");
                    WriteExtendedStatus(writer, extended, legacyExtendedStatus);
                    writer.EndElement();
                }
            }
            else
            {
                writer.Text(provider.PlainText ?? string.Empty);
            }

            writer.EndElement();
        }
        else
        {
            writer.Text(fault.Message ?? fault.Reason);
        }

        writer.EndElement();
        writer.EndElement();
    }

    private static void WriteExtendedStatus(Utf8XmlWriter writer, ExtendedStatus status, bool legacy)
    {
        writer.StartElement("p:__ExtendedStatus");
        writer.Attribute("xmlns:xsi", WsManNamespaces.Xsi);
        writer.Attribute("xmlns:p", legacy
            ? WsManNamespaces.WmiResourcePrefix + "root/cimv2/__ExtendedStatus"
            : WsManNamespaces.DmtfResourcePrefix + "__ExtendedStatus");
        writer.Attribute("xmlns:cim", WsManNamespaces.Cim);
        writer.Attribute("xsi:type", "p:__ExtendedStatus_Type");
        TypedProperty(writer, "p:Description", null, "cim:cimString", legacy);
        TypedProperty(writer, "p:Operation", status.Operation, "cim:cimString", legacy);
        TypedProperty(writer, "p:ParameterInfo", status.ParameterInfo, "cim:cimString", legacy);
        TypedProperty(writer, "p:ProviderName", status.ProviderName, "cim:cimString", legacy);
        TypedProperty(writer, "p:StatusCode", null, "cim:cimUnsignedInt", legacy);
        writer.EndElement();
    }

    private static void WriteWmiError(Utf8XmlWriter writer, WmiErrorDetail error)
    {
        writer.StartElement("p:MSFT_WmiError");
        writer.Attribute("b:IsCIM_Error", "true");
        writer.Attribute("xmlns:b", WsManNamespaces.CimBinding);
        writer.Attribute("xmlns:cim", WsManNamespaces.Cim);
        writer.Attribute("xmlns:p", WsManNamespaces.DmtfResourcePrefix + "MSFT_WmiError");
        writer.Attribute("xsi:type", "p:MSFT_WmiError_Type");
        writer.Attribute("xmlns:xsi", WsManNamespaces.Xsi);
        var inv = CultureInfo.InvariantCulture;
        TypedProperty(writer, "p:CIMStatusCode", error.CimStatusCode.ToString(inv), "cim:cimUnsignedInt", false);
        TypedProperty(writer, "p:CIMStatusCodeDescription", null, "cim:cimString", false);
        TypedProperty(writer, "p:ErrorSource", null, "cim:cimString", false);
        TypedProperty(writer, "p:ErrorSourceFormat", "0", "cim:cimUnsignedShort", false);
        TypedProperty(writer, "p:ErrorType", "0", "cim:cimUnsignedShort", false);
        TypedProperty(writer, "p:Message", error.Message, "cim:cimString", false);
        TypedProperty(writer, "p:MessageID", "HRESULT 0x" + error.ErrorCode.ToString("x8", inv), "cim:cimString", false);
        TypedProperty(writer, "p:OtherErrorSourceFormat", null, "cim:cimString", false);
        TypedProperty(writer, "p:OtherErrorType", null, "cim:cimString", false);
        TypedProperty(writer, "p:OwningEntity", null, "cim:cimString", false);
        TypedProperty(writer, "p:PerceivedSeverity", "0", "cim:cimUnsignedShort", false);
        TypedProperty(writer, "p:ProbableCause", "0", "cim:cimUnsignedShort", false);
        TypedProperty(writer, "p:ProbableCauseDescription", null, "cim:cimString", false);
        TypedProperty(writer, "p:error_Category", error.ErrorCategory.ToString(inv), "cim:cimUnsignedInt", false);
        TypedProperty(writer, "p:error_Code", error.ErrorCode.ToString(inv), "cim:cimUnsignedInt", false);
        TypedProperty(writer, "p:error_Type", "HRESULT", "cim:cimString", false);
        TypedProperty(writer, "p:error_WindowsErrorMessage", error.Message, "cim:cimString", false);
        writer.EndElement();
    }

    private static void TypedProperty(Utf8XmlWriter writer, string name, string? value, string cimType, bool untyped)
    {
        writer.StartElement(name);
        if (value is null)
        {
            writer.Attribute("xsi:nil", "true");
        }

        if (!untyped)
        {
            writer.Attribute("xsi:type", cimType);
        }

        if (value is not null)
        {
            writer.Text(value);
        }

        writer.EndElement();
    }
}
