namespace HyperVLibvirt.Core.WsMan;

/// <summary>Resource URIs and filter dialects for WMI over WS-Management (spec §4).</summary>
public static class WsManResourceUris
{
    /// <summary>The prefix of every WMI class resource URI.</summary>
    public const string WmiPrefix = "http://schemas.microsoft.com/wbem/wsman/1/wmi/";

    /// <summary>The DMTF CIM schema prefix (CIM_* classes; the WMI namespace goes in the <c>__cimnamespace</c> selector).</summary>
    public const string DmtfCimSchemaPrefix = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/";

    /// <summary>The WQL filter dialect.</summary>
    public const string WqlDialect = "http://schemas.microsoft.com/wbem/wsman/1/WQL";

    /// <summary>The selector filter dialect.</summary>
    public const string SelectorFilterDialect = "http://schemas.dmtf.org/wbem/wsman/1/wsman/SelectorFilter";

    /// <summary>The WinRM configuration resource.</summary>
    public const string Config = "http://schemas.microsoft.com/wbem/wsman/1/config";

    /// <summary>Wildcard URI for WQL queries in <c>root\cimv2</c>.</summary>
    public const string RootCimV2All = WmiPrefix + "root/cimv2/*";

    /// <summary>Wildcard URI for WQL queries in the Hyper-V v2 namespace <c>root\virtualization\v2</c> (Server 2012 and later).</summary>
    public const string RootVirtualizationV2All = WmiPrefix + "root/virtualization/v2/*";

    /// <summary>Wildcard URI for WQL queries in the Hyper-V v1 namespace <c>root\virtualization</c> (Server 2008/2008 R2).</summary>
    public const string RootVirtualizationV1All = WmiPrefix + "root/virtualization/*";

    /// <summary>The WMI namespace <c>root/cimv2</c>.</summary>
    public const string CimV2Namespace = "root/cimv2";

    /// <summary>The WMI namespace <c>root/virtualization/v2</c>.</summary>
    public const string VirtualizationV2Namespace = "root/virtualization/v2";

    /// <summary>The WMI namespace <c>root/virtualization</c>.</summary>
    public const string VirtualizationV1Namespace = "root/virtualization";

    /// <summary>The wildcard (WQL) URI of a WMI namespace; backslashes are accepted (<c>root\cimv2</c>).</summary>
    public static string NamespaceWildcard(string wmiNamespace) => WmiPrefix + NormalizeNamespace(wmiNamespace) + "/*";

    /// <summary>The class resource URI, e.g. <c>…/wmi/root/virtualization/v2/Msvm_ComputerSystem</c>.</summary>
    public static string Class(string wmiNamespace, string className)
    {
        ArgumentException.ThrowIfNullOrEmpty(className);
        return WmiPrefix + NormalizeNamespace(wmiNamespace) + "/" + className;
    }

    /// <summary>A class in <c>root\cimv2</c>.</summary>
    public static string CimV2Class(string className) => Class(CimV2Namespace, className);

    /// <summary>A class in <c>root\virtualization\v2</c>.</summary>
    public static string VirtualizationV2Class(string className) => Class(VirtualizationV2Namespace, className);

    /// <summary>A class in <c>root\virtualization</c> (v1).</summary>
    public static string VirtualizationV1Class(string className) => Class(VirtualizationV1Namespace, className);

    /// <summary>The class name (last path segment) of a resource URI, or null for a wildcard URI.</summary>
    public static string? ClassNameOf(string resourceUri)
    {
        var slash = resourceUri.LastIndexOf('/');
        var last = slash >= 0 ? resourceUri[(slash + 1)..] : resourceUri;
        return last.Length == 0 || last == "*" ? null : last;
    }

    private static string NormalizeNamespace(string wmiNamespace)
    {
        ArgumentException.ThrowIfNullOrEmpty(wmiNamespace);
        return wmiNamespace.Replace('\\', '/').Trim('/');
    }
}
