using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.HyperV;

/// <summary>
/// The host has no such WMI class in the namespace asked (WinRM answers a query for an unknown class with
/// <c>n:CannotProcessFilter</c>, or <c>a:DestinationUnreachable</c> for its resource URI; [MS-WSMV] 3.1.4.1.30.1),
/// e.g. a feature this Hyper-V release does not have.
/// </summary>
public sealed class HvClassMissingException : HvHostException
{
    /// <summary>Creates the exception for <paramref name="className"/> in <paramref name="wmiNamespace"/> on <paramref name="host"/>.</summary>
    public HvClassMissingException(string host, string wmiNamespace, string className, string whatNeedsIt, Exception? innerException = null)
        : base($"{host} has no WMI class {className} in {wmiNamespace}, which {whatNeedsIt} needs. " +
               "This Hyper-V release may not offer it; check the host's Windows version and that its Hyper-V role is complete.", innerException)
    {
        ClassName = className;
        Namespace = wmiNamespace;
    }

    /// <summary>The class that is missing.</summary>
    public string ClassName { get; }

    /// <summary>The namespace it was looked for in.</summary>
    public string Namespace { get; }

    /// <summary>Whether a fault is WinRM's answer to a class it does not know.</summary>
    public static bool IsClassNotFound(WsManFaultException fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        return fault.WsManCode is WsManFaultException.CodeCannotProcessFilter or WsManFaultException.CodeDestinationUnreachable
            || fault.Subcode is "n:CannotProcessFilter" or "a:DestinationUnreachable";
    }
}
