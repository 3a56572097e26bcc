namespace HyperVLibvirt.Simulator.Wire;

/// <summary>Namespace URIs and fixed URIs of WS-Management as WinRM writes them.</summary>
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

    public const string AnonymousRole = "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous";
    public const string WmiResourcePrefix = "http://schemas.microsoft.com/wbem/wsman/1/wmi/";
    public const string DmtfResourcePrefix = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/";
    public const string WqlDialect = "http://schemas.microsoft.com/wbem/wsman/1/WQL";
    public const string SelectorFilterDialect = "http://schemas.dmtf.org/wbem/wsman/1/wsman/SelectorFilter";
    public const string FaultDetailPrefix = "http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/";
    public const string SecurityProfilePrefix = "http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/";

    public const string ActionGet = "http://schemas.xmlsoap.org/ws/2004/09/transfer/Get";
    public const string ActionGetResponse = "http://schemas.xmlsoap.org/ws/2004/09/transfer/GetResponse";
    public const string ActionEnumerate = "http://schemas.xmlsoap.org/ws/2004/09/enumeration/Enumerate";
    public const string ActionEnumerateResponse = "http://schemas.xmlsoap.org/ws/2004/09/enumeration/EnumerateResponse";
    public const string ActionPull = "http://schemas.xmlsoap.org/ws/2004/09/enumeration/Pull";
    public const string ActionPullResponse = "http://schemas.xmlsoap.org/ws/2004/09/enumeration/PullResponse";
    public const string ActionRelease = "http://schemas.xmlsoap.org/ws/2004/09/enumeration/Release";
    public const string ActionReleaseResponse = "http://schemas.xmlsoap.org/ws/2004/09/enumeration/ReleaseResponse";

    public const string FaultActionWsMan = "http://schemas.dmtf.org/wbem/wsman/1/wsman/fault";
    public const string FaultActionAddressing = "http://schemas.xmlsoap.org/ws/2004/08/addressing/fault";
    public const string FaultActionEnumeration = "http://schemas.xmlsoap.org/ws/2004/09/enumeration/fault";
    public const string FaultActionTransfer = "http://schemas.xmlsoap.org/ws/2004/09/transfer/fault";
}
