using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.HyperV;

/// <summary>The WMI namespaces a Hyper-V host serves, and their WS-Man resource URIs.</summary>
public static class WmiNamespace
{
    /// <summary>Hyper-V's v2 namespace (Windows Server 2012 and later; the only one libvirt 6.10+ uses).</summary>
    public const string V2 = "root/virtualization/v2";

    /// <summary>Hyper-V's v1 namespace (Windows Server 2008 – 2012).</summary>
    public const string V1 = "root/virtualization";

    /// <summary>The Win32 namespace.</summary>
    public const string CimV2 = "root/cimv2";

    /// <summary>The namespace of a WMI API.</summary>
    public static string Of(WmiApi api) => api == WmiApi.V2 ? V2 : V1;

    /// <summary>The namespace wildcard URI that WQL Enumerates target, e.g. <c>…/wmi/root/virtualization/v2/*</c>.</summary>
    public static string AllClassesUri(string wmiNamespace) => WsManResourceUris.NamespaceWildcard(wmiNamespace);

    /// <summary>One class's resource URI, e.g. <c>…/wmi/root/virtualization/v2/Msvm_ComputerSystem</c>.</summary>
    public static string ClassUri(string wmiNamespace, string className) => WsManResourceUris.Class(wmiNamespace, className);

    /// <summary>The namespace libvirt uses for a class: <c>Msvm_*</c> in v2, everything else in cimv2.</summary>
    public static string ForClass(string className)
    {
        ArgumentException.ThrowIfNullOrEmpty(className);
        return className.StartsWith("Msvm_", StringComparison.OrdinalIgnoreCase) ? V2 : CimV2;
    }

    /// <summary>The resource URI of a class in the namespace <see cref="ForClass"/> picks.</summary>
    public static string ClassUri(string className) => ClassUri(ForClass(className), className);
}
