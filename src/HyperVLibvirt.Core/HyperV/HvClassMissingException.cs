namespace HyperVLibvirt.Core.HyperV;

/// <summary>
/// The host has no such WMI class in its Hyper-V namespace (WMI's "class does not exist" fault,
/// a CannotProcessFilter to a query we know is well formed): the release is too old for the
/// feature, e.g. Msvm_VirtualEthernetSwitch, which root\virtualization (Windows Server 2008 and
/// 2008 R2) does not have.
/// </summary>
public sealed class HvClassMissingException : HvHostException
{
    /// <summary>Creates the exception for <paramref name="className"/> missing from <paramref name="wmiNamespace"/> on <paramref name="computerName"/>.</summary>
    public HvClassMissingException(string className, string wmiNamespace, string computerName, string needs, Exception? innerException = null)
        : base($"The host '{computerName}' has no {className} class in {wmiNamespace}: {needs}", innerException)
    {
        ClassName = className;
        WmiNamespace = wmiNamespace;
    }

    /// <summary>The class the host lacks.</summary>
    public string ClassName { get; }

    /// <summary>The namespace that lacks it.</summary>
    public string WmiNamespace { get; }
}
