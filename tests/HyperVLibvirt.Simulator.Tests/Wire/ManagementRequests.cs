using System.Security;
using System.Xml.Linq;

namespace HyperVLibvirt.Simulator.Tests.Wire;

/// <summary>Msvm_VirtualSystemManagementService invocations as libvirt's hypervInvokeMethod writes them (src/hyperv/hyperv_wmi.c): embedded instances in CDATA, references as EPRs.</summary>
internal static class ManagementRequests
{
    public const string ServiceUri = WsManRequest.V2 + "Msvm_VirtualSystemManagementService";

    /// <summary>An Invoke of <paramref name="method"/> on the management service with these parameter elements (already written).</summary>
    public static string Invoke(string method, string parameters) =>
        WsManRequest.Envelope(ServiceUri + "/" + method, ServiceUri,
            $"<p:{method}_INPUT xmlns:p=\"{ServiceUri}\">{parameters}</p:{method}_INPUT>",
            selectors: WsManRequest.Selectors(("CreationClassName", "Msvm_VirtualSystemManagementService"), ("Name", "vmms"),
                ("SystemCreationClassName", "Msvm_ComputerSystem"), ("SystemName", "HV-SIM01")));

    /// <summary>An embedded-instance parameter: CIM-XML in CDATA.</summary>
    public static string Embedded(string name, string instance) => $"<p:{name}><![CDATA[{instance}]]></p:{name}>";

    /// <summary>A CIM-XML INSTANCE with string properties (null values left out) and string arrays.</summary>
    public static string Instance(string className, params (string Name, object? Value)[] properties) =>
        $"<INSTANCE CLASSNAME=\"{className}\">"
        + string.Concat(properties.Where(p => p.Value is not null).Select(p => p.Value switch
        {
            string[] items => $"<PROPERTY.ARRAY NAME=\"{p.Name}\" TYPE=\"string\"><VALUE.ARRAY>{string.Concat(items.Select(i => $"<VALUE>{SecurityElement.Escape(i)}</VALUE>"))}</VALUE.ARRAY></PROPERTY.ARRAY>",
            var value => $"<PROPERTY NAME=\"{p.Name}\" TYPE=\"string\"><VALUE>{SecurityElement.Escape(value!.ToString())}</VALUE></PROPERTY>",
        }))
        + "</INSTANCE>";

    /// <summary>A reference parameter (EPR) to an instance of a v2 class.</summary>
    public static string Reference(string name, string className, params (string Name, string Value)[] selectors) =>
        $"<p:{name}><a:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address><a:ReferenceParameters>"
        + $"<w:ResourceURI>{WsManRequest.V2}{className}</w:ResourceURI>{WsManRequest.Selectors(selectors)}</a:ReferenceParameters></p:{name}>";

    /// <summary>The method's output element.</summary>
    public static XElement Output(WsManResponse response, string method) =>
        response.Xml.Element(WsManResponse.S + "Body")!.Element(XName.Get(method + "_OUTPUT", ServiceUri))
        ?? throw new InvalidOperationException("No " + method + "_OUTPUT in " + response.Text);

    public static string ReturnValue(XElement output) => output.Element(XName.Get("ReturnValue", ServiceUri))!.Value;

    /// <summary>The selectors of an EPR output parameter.</summary>
    public static Dictionary<string, string> SelectorsOf(XElement epr) =>
        epr.Descendants(WsManResponse.W + "Selector").ToDictionary(s => (string)s.Attribute("Name")!, s => s.Value);
}
