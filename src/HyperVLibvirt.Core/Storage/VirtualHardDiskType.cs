namespace HyperVLibvirt.Core.Storage;

/// <summary>A virtual hard disk's type, numbered as Msvm_VirtualHardDiskSettingData.Type (Microsoft's class documentation).</summary>
public enum VirtualHardDiskType : ushort
{
    /// <summary>Every block allocated when the disk is made (New-VHD -Fixed).</summary>
    Fixed = 2,

    /// <summary>Blocks allocated as the guest writes them (New-VHD -Dynamic, the default).</summary>
    Dynamic = 3,

    /// <summary>Changes over a parent disk; read only here.</summary>
    Differencing = 4,
}
