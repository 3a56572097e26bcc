namespace HyperVLibvirt.Core.Devices;

/// <summary>The controller kind a disk goes on: libvirt's <c>&lt;target bus&gt;</c>.</summary>
public enum DiskBus
{
    /// <summary>One of a generation-1 VM's two IDE channels (<c>bus='ide'</c>).</summary>
    Ide,

    /// <summary>A synthetic SCSI controller (<c>bus='scsi'</c>).</summary>
    Scsi,

    /// <summary>The generation-1 diskette controller (<c>bus='fdc'</c>).</summary>
    Fdc,
}
