namespace HyperVLibvirt.Core.Storage;

/// <summary>Why a file or virtual hard disk operation did not happen; the name is the ErrorId.</summary>
public enum StorageFailure
{
    /// <summary>The path is not an absolute Windows path (checked before anything is sent).</summary>
    InvalidPath,

    /// <summary>The size, format or type is outside what Hyper-V accepts (checked before anything is sent).</summary>
    ValueOutOfRange,

    /// <summary>A file exists at the path already.</summary>
    FileExists,

    /// <summary>No file exists at the path.</summary>
    FileNotFound,

    /// <summary>The file is no VHD or VHDX.</summary>
    NotAVirtualHardDisk,

    /// <summary>Another process (a running VM's worker) has the file open.</summary>
    FileInUse,

    /// <summary>The account may not delete or create the file.</summary>
    AccessDenied,

    /// <summary>The host does not answer for the class the operation needs (CIM_DataFile, Msvm_ImageManagementService).</summary>
    ClassNotAvailable,

    /// <summary>The host refused the method with another return code.</summary>
    HostRefused,

    /// <summary>The answer had no ReturnValue, a job without its InstanceID, or setting data that cannot be read.</summary>
    InvalidResponse,

    /// <summary>The job failed, vanished or outlasted the wait.</summary>
    JobFailed,
}
