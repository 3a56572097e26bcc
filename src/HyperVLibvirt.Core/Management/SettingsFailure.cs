namespace HyperVLibvirt.Core.Management;

/// <summary>Why a configuration change did not happen; the name is the ErrorId.</summary>
public enum SettingsFailure
{
    /// <summary>The host no longer has the domain.</summary>
    DomainNotFound,

    /// <summary>The domain's setting data (system, memory or processor) could not be read.</summary>
    SettingsNotFound,

    /// <summary>The value is outside what Hyper-V accepts (checked before anything is sent).</summary>
    ValueOutOfRange,

    /// <summary>The virtual processor count changes only while the domain is off (checked before anything is sent).</summary>
    VcpusNeedDomainOff,

    /// <summary>A domain holding memory without dynamic memory cannot be resized (checked before anything is sent).</summary>
    MemoryFixedWhileActive,

    /// <summary>The host refused the method with a return code.</summary>
    HostRefused,

    /// <summary>The answer had no ReturnValue, or a job without its InstanceID.</summary>
    InvalidResponse,

    /// <summary>The domain is active, and removing it was not asked to stop it first (checked before anything is sent).</summary>
    DomainActive,
}
