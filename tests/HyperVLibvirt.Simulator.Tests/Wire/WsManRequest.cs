using System.Security;
using System.Text;

namespace HyperVLibvirt.Simulator.Tests.Wire;

/// <summary>Builds request envelopes the way WS-Man clients send them.</summary>
internal static class WsManRequest
{
    public const string V2 = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/";
    public const string Cimv2 = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/cimv2/";
    public const string Anonymous = "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous";
    public const string EnumerateAction = "http://schemas.xmlsoap.org/ws/2004/09/enumeration/Enumerate";
    public const string PullAction = "http://schemas.xmlsoap.org/ws/2004/09/enumeration/Pull";
    public const string ReleaseAction = "http://schemas.xmlsoap.org/ws/2004/09/enumeration/Release";
    public const string GetAction = "http://schemas.xmlsoap.org/ws/2004/09/transfer/Get";

    /// <summary>Identify with an empty header.</summary>
    public static string Identify() =>
        "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:wsmid=\"http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd\"><s:Header/><s:Body><wsmid:Identify/></s:Body></s:Envelope>";

    /// <summary>A full envelope with the usual headers; <paramref name="extraHeaders"/> replace nothing, they are appended.</summary>
    public static string Envelope(string action, string resourceUri, string body, string? extraHeaders = null, string? selectors = null,
        string? messageId = null, bool replyTo = true, string? operationTimeout = "PT60S", string? maxEnvelopeSize = "512000")
    {
        var sb = new StringBuilder();
        sb.Append("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\" xmlns:n=\"http://schemas.xmlsoap.org/ws/2004/09/enumeration\" xmlns:p=\"http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd\"><s:Header>");
        sb.Append("<a:To>http://127.0.0.1:5985/wsman</a:To>");
        sb.Append("<w:ResourceURI s:mustUnderstand=\"true\">").Append(SecurityElement.Escape(resourceUri)).Append("</w:ResourceURI>");
        if (replyTo)
        {
            sb.Append("<a:ReplyTo><a:Address s:mustUnderstand=\"true\">").Append(Anonymous).Append("</a:Address></a:ReplyTo>");
        }

        sb.Append("<a:Action s:mustUnderstand=\"true\">").Append(SecurityElement.Escape(action)).Append("</a:Action>");
        if (maxEnvelopeSize is not null)
        {
            sb.Append("<w:MaxEnvelopeSize s:mustUnderstand=\"true\">").Append(maxEnvelopeSize).Append("</w:MaxEnvelopeSize>");
        }

        sb.Append("<a:MessageID>").Append(messageId ?? "uuid:" + Guid.NewGuid().ToString("D").ToUpperInvariant()).Append("</a:MessageID>");
        if (operationTimeout is not null)
        {
            sb.Append("<w:OperationTimeout>").Append(operationTimeout).Append("</w:OperationTimeout>");
        }

        if (selectors is not null)
        {
            sb.Append(selectors);
        }

        sb.Append(extraHeaders);
        sb.Append("</s:Header><s:Body>").Append(body).Append("</s:Body></s:Envelope>");
        return sb.ToString();
    }

    /// <summary>A SelectorSet header.</summary>
    public static string Selectors(params (string Name, string Value)[] selectors) =>
        "<w:SelectorSet>" + string.Concat(selectors.Select(s => $"<w:Selector Name=\"{s.Name}\">{SecurityElement.Escape(s.Value)}</w:Selector>")) + "</w:SelectorSet>";

    /// <summary>Enumerate with a WQL filter on a namespace URI.</summary>
    public static string EnumerateWql(string namespaceUri, string wql, bool optimize = false, int? maxElements = null, string? mode = null) =>
        Envelope(EnumerateAction, namespaceUri + "*", EnumerateBody("<w:Filter Dialect=\"http://schemas.microsoft.com/wbem/wsman/1/WQL\">" + SecurityElement.Escape(wql) + "</w:Filter>", optimize, maxElements, mode));

    /// <summary>Enumerate every instance of a class URI.</summary>
    public static string EnumerateClass(string classUri, bool optimize = false, int? maxElements = null) =>
        Envelope(EnumerateAction, classUri, EnumerateBody(string.Empty, optimize, maxElements, null));

    /// <summary>Pull with an optional MaxElements.</summary>
    public static string Pull(string resourceUri, string context, int? maxElements = null, string? maxEnvelopeSize = "512000") =>
        Envelope(PullAction, resourceUri, "<n:Pull><n:EnumerationContext>" + context + "</n:EnumerationContext>" +
            (maxElements is null ? string.Empty : $"<n:MaxElements>{maxElements}</n:MaxElements>") + "</n:Pull>", maxEnvelopeSize: maxEnvelopeSize);

    /// <summary>Release.</summary>
    public static string Release(string resourceUri, string context) =>
        Envelope(ReleaseAction, resourceUri, "<n:Release><n:EnumerationContext>" + context + "</n:EnumerationContext></n:Release>");

    /// <summary>Get by selectors.</summary>
    public static string Get(string classUri, params (string Name, string Value)[] selectors) =>
        Envelope(GetAction, classUri, string.Empty, selectors: Selectors(selectors));

    private static string EnumerateBody(string filter, bool optimize, int? maxElements, string? mode) =>
        "<n:Enumerate>" + (optimize ? "<w:OptimizeEnumeration/>" : string.Empty) +
        (maxElements is null ? string.Empty : $"<w:MaxElements>{maxElements}</w:MaxElements>") +
        (mode is null ? string.Empty : $"<w:EnumerationMode>{mode}</w:EnumerationMode>") + filter + "</n:Enumerate>";
}
