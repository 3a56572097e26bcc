using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Core.Storage;

/// <summary>A host file or virtual hard disk operation refused before it was sent, by the host's return code, or by its job.</summary>
public sealed class HvStorageException : HvHostException
{
    /// <summary>Creates the exception.</summary>
    public HvStorageException(StorageFailure reason, string path, string message, uint? returnValue = null, string? recommendedAction = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
        Path = path;
        ReturnValue = returnValue;
        RecommendedAction = recommendedAction;
    }

    /// <summary>What went wrong; its name is the ErrorId.</summary>
    public StorageFailure Reason { get; }

    /// <summary>The file the operation was for, as given.</summary>
    public string Path { get; }

    /// <summary>The method's return value, for <see cref="StorageFailure.HostRefused"/> and the codes mapped to other reasons.</summary>
    public uint? ReturnValue { get; }

    /// <summary>What the user can do about it.</summary>
    public string? RecommendedAction { get; }
}
