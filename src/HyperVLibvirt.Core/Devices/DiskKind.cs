namespace HyperVLibvirt.Core.Devices;

/// <summary>What a <see cref="DiskSpec"/> attaches: libvirt's <c>&lt;disk type device&gt;</c> in Hyper-V's terms.</summary>
public enum DiskKind
{
    /// <summary><c>type='file' device='disk'</c>: a synthetic disk drive holding a VHD or VHDX (hypervDomainAttachVirtualDisk).</summary>
    VirtualHardDisk,

    /// <summary><c>device='cdrom'</c>: a synthetic DVD drive, with an ISO image or empty (hypervDomainAttachCDROM).</summary>
    Dvd,

    /// <summary><c>device='floppy'</c>: a floppy image in the generation-1 diskette drive (hypervDomainAttachFloppy).</summary>
    Floppy,

    /// <summary><c>type='block' device='disk'</c>: a host disk passed through (hypervDomainAttachPhysicalDisk).</summary>
    PassThroughDisk,
}
