namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// Resource URIs and filter dialects for WMI over WS-Management (MS-WSMV 3.1.4.1.1; Microsoft's WinRM
/// "Resource URIs" documentation). Which WMI namespaces a Hyper-V host has is Hyper-V's business (HyperV/WmiNamespace).
/// </summary>
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

    /// <summary>The wildcard (WQL) URI of a WMI namespace, e.g. <c>…/wmi/root/cimv2/*</c>; backslashes are accepted (<c>root\cimv2</c>).</summary>
    public static string NamespaceWildcard(string wmiNamespace) => WmiPrefix + NormalizeNamespace(wmiNamespace) + "/*";

    /// <summary>The class resource URI, e.g. <c>…/wmi/root/virtualization/v2/Msvm_ComputerSystem</c>.</summary>
    public static string Class(string wmiNamespace, string className)
    {
        ArgumentException.ThrowIfNullOrEmpty(className);
        return WmiPrefix + NormalizeNamespace(wmiNamespace) + "/" + className;
    }

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
