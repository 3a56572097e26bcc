namespace HyperVLibvirt.Core.HyperV;

/// <summary>Which Hyper-V WMI API a host speaks.</summary>
public enum WmiApi
{
    /// <summary><c>root\virtualization\v2</c>: Windows Server 2012 and later.</summary>
    V2,

    /// <summary><c>root\virtualization</c>: Windows Server 2008, 2008 R2 and (deprecated) 2012. libvirt dropped it in 6.10; we keep it.</summary>
    V1,
}
