namespace HyperVLibvirt.Core.WsMan;

/// <summary>The namespace URIs of the WS-Management wire format (MS-WSMV 2.2.1). Match by these, never by prefix.</summary>
internal static class WsManNamespaces
{
    public const string Soap = "http://www.w3.org/2003/05/soap-envelope";
    public const string Addressing = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    public const string WsMan = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    public const string MsWsMan = "http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd";
    public const string Enumeration = "http://schemas.xmlsoap.org/ws/2004/09/enumeration";
    public const string Transfer = "http://schemas.xmlsoap.org/ws/2004/09/transfer";
    public const string Eventing = "http://schemas.xmlsoap.org/ws/2004/08/eventing";
    public const string Identity = "http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd";
    public const string WsManFault = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault";
    public const string Cim = "http://schemas.dmtf.org/wbem/wscim/1/common";
    public const string CimBinding = "http://schemas.dmtf.org/wbem/wsman/1/cimbinding.xsd";
    public const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    public const string Xml = "http://www.w3.org/XML/1998/namespace";

    public const string AnonymousAddress = "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous";

    /// <summary>The conventional prefix WinRM uses for a namespace, for display of resolved QNames.</summary>
    public static string? ConventionalPrefix(string? ns) => ns switch
    {
        Soap => "s",
        Addressing => "a",
        WsMan => "w",
        MsWsMan => "p",
        Enumeration => "n",
        Transfer => "x",
        Eventing => "e",
        WsManFault => "f",
        _ => null,
    };
}

/// <summary>The action URIs of the operations (MS-WSMV 3.1.4.2–3.1.4.10).</summary>
internal static class WsManActions
{
    public const string Get = "http://schemas.xmlsoap.org/ws/2004/09/transfer/Get";
    public const string Enumerate = "http://schemas.xmlsoap.org/ws/2004/09/enumeration/Enumerate";
    public const string Pull = "http://schemas.xmlsoap.org/ws/2004/09/enumeration/Pull";
    public const string Release = "http://schemas.xmlsoap.org/ws/2004/09/enumeration/Release";
}
