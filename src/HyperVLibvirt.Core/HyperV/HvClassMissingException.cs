using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.HyperV;

/// <summary>
/// The host has no such WMI class in its virtualization namespace (WinRM's CannotProcessFilter fault for a query
/// on it, as the WS2008 R2 capture of a missing class shows): an older Windows, or a Hyper-V role without it.
/// </summary>
public sealed class HvClassMissingException : HvHostException
{
    /// <summary>Creates the exception for <paramref name="className"/> on <paramref name="computerName"/>.</summary>
    public HvClassMissingException(string className, string computerName, string whatNeedsIt, Exception? innerException = null)
        : base($"{computerName} has no {className} class, so {whatNeedsIt} cannot be read there. " +
               "Hyper-V publishes it from Windows Server 2012 on (root/virtualization/v2); check the host's Windows version and the Hyper-V role.", innerException)
    {
        ClassName = className;
    }

    /// <summary>The missing class.</summary>
    public string ClassName { get; }

    /// <summary>Whether a fault says the class of a query does not exist (CannotProcessFilter).</summary>
    public static bool IsClassMissing(WsManFaultException fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        return fault.Fault.WsManCode == WsManFaultException.CodeCannotProcessFilter || fault.Fault.Subcode == "n:CannotProcessFilter";
    }
}
