namespace HyperVLibvirt.Simulator.Wire;

/// <summary>A WMI resource URI taken apart: namespace (forward slashes) and class name or <c>*</c>.</summary>
internal sealed record ResourceAddress(string Namespace, string ClassName, IReadOnlyList<KeyValuePair<string, string>> Selectors)
{
    /// <summary>True for the WQL form <c>…/wmi/&lt;ns&gt;/*</c>.</summary>
    public bool IsWildcard => ClassName == "*";

    /// <summary>
    /// Parses <c>…/wsman/1/wmi/&lt;ns&gt;/&lt;Class&gt;</c> or the DMTF form
    /// <c>…/cim-schema/2/&lt;Class&gt;</c> (namespace in the <c>__cimnamespace</c> selector);
    /// the <c>__cimnamespace</c> selector is removed from the returned selectors.
    /// </summary>
    public static ResourceAddress? Parse(string resourceUri, IReadOnlyList<KeyValuePair<string, string>> selectors)
    {
        string? cimNamespace = null;
        var rest = new List<KeyValuePair<string, string>>(selectors.Count);
        foreach (var selector in selectors)
        {
            if (selector.Key.Equals("__cimnamespace", StringComparison.OrdinalIgnoreCase))
            {
                cimNamespace = selector.Value.Replace('\\', '/');
            }
            else
            {
                rest.Add(selector);
            }
        }

        if (resourceUri.StartsWith(WsManNamespaces.WmiResourcePrefix, StringComparison.OrdinalIgnoreCase))
        {
            var path = resourceUri[WsManNamespaces.WmiResourcePrefix.Length..].TrimEnd('/');
            var slash = path.LastIndexOf('/');
            if (slash <= 0 || slash == path.Length - 1)
            {
                return null;
            }

            var wmiNamespace = path[..slash];
            if (cimNamespace is not null && !cimNamespace.Equals(wmiNamespace, StringComparison.OrdinalIgnoreCase))
            {
                throw new WsManFaultException(WsManFaults.InternalError("The __cimnamespace selector does not match the namespace of the resource URI. "));
            }

            return new ResourceAddress(wmiNamespace, path[(slash + 1)..], rest);
        }

        if (resourceUri.StartsWith(WsManNamespaces.DmtfResourcePrefix, StringComparison.OrdinalIgnoreCase))
        {
            var className = resourceUri[WsManNamespaces.DmtfResourcePrefix.Length..].TrimEnd('/');
            if (className.Length == 0 || className.Contains('/'))
            {
                return null;
            }

            return new ResourceAddress(cimNamespace ?? "root/cimv2", className, rest);
        }

        return null;
    }
}
