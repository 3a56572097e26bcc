using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator.Wire;

/// <summary>Maps the model's failures (<see cref="CimException"/>) to the faults WinRM sends for them.</summary>
internal static class ModelFaults
{
    /// <summary>The fault for a failed WQL Enumerate: WinRM's CannotProcessFilter, or InvalidParameter.</summary>
    public static WsManFault ForQuery(CimException ex, string query)
    {
        var message = ex.Kind switch
        {
            CimErrorKind.InvalidClass => "The specified class does not exist in the given namespace. ",
            CimErrorKind.InvalidNamespace => "The WMI namespace does not exist on this host. ",
            _ => "The WQL query is not valid: " + ex.Message + " ",
        };
        return ex.Kind == CimErrorKind.InvalidParameter
            ? WsManFaults.InvalidParameter(ex.Message)
            : WsManFaults.CannotProcessFilter(message, query);
    }

    /// <summary>The fault for a failed Get, Invoke or selector Enumerate, by what the provider refused.</summary>
    public static WsManFault For(CimException ex, string operation, string parameterInfo) => ex.Kind switch
    {
        CimErrorKind.InvalidSelectors => WsManFaults.InvalidSelectors(ex.Detail ?? "UnexpectedSelectors"),
        CimErrorKind.InvalidParameter => WsManFaults.InvalidParameter(ex.Message),
        CimErrorKind.InvalidMethod => WsManFaults.ActionNotSupported(parameterInfo),
        CimErrorKind.InvalidQuery => WsManFaults.CannotProcessFilter("The WQL query is not valid: " + ex.Message + " ", parameterInfo),
        _ => WsManFaults.DestinationUnreachable(operation, parameterInfo),
    };

    /// <summary>The WMI object path of an address (<c>Class.Key="value",...</c>), as faults quote it.</summary>
    public static string ObjectPath(ResourceAddress address)
    {
        if (address.Selectors.Count == 0)
        {
            return address.ClassName;
        }

        return address.ClassName + "." + string.Join(",", address.Selectors.Select(s => s.Key + "=\"" + s.Value + "\""));
    }
}
