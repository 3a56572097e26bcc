namespace HyperVLibvirt.Core.Definition;

/// <summary>Why a define did not happen; the name is the ErrorId.</summary>
public enum DefineFailure
{
    /// <summary>A domain with the UUID exists already (libvirt's "Domain already exists with UUID"); nothing was sent.</summary>
    DomainExists,

    /// <summary>The host cannot define this domain (a v1 host, or generation 2 before Windows Server 2012 R2); nothing was sent.</summary>
    DefineNotSupported,

    /// <summary>A switch, host disk or image file the definition names is not on the host; nothing was sent.</summary>
    DeviceNotFound,

    /// <summary>A switch name the definition gives is shared by several switches; nothing was sent.</summary>
    DeviceAmbiguous,

    /// <summary>A step failed or was cancelled, and the new domain was removed again: nothing remains.</summary>
    DefineFailed,

    /// <summary>A step failed and removing the new domain failed too: the message says what remains and how to remove it.</summary>
    DefineUndoFailed,
}
