namespace HyperVLibvirt.Core.Storage;

/// <summary>A virtual hard disk's format, numbered as Msvm_VirtualHardDiskSettingData.Format (Microsoft's class documentation).</summary>
public enum VirtualHardDiskFormat : ushort
{
    /// <summary>VHD: up to 2040 GiB.</summary>
    Vhd = 2,

    /// <summary>VHDX: up to 64 TiB.</summary>
    Vhdx = 3,
}
