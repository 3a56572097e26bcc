namespace HyperVLibvirt.Core.Keyboard;

/// <summary>Why keys could not be sent to a domain.</summary>
public enum KeyboardFailure
{
    /// <summary>The domain no longer exists on the host.</summary>
    DomainNotFound,

    /// <summary>The host refused because the domain is not running (return code 32775, invalid state).</summary>
    DomainNotRunning,

    /// <summary>The domain has no Msvm_Keyboard.</summary>
    NoKeyboard,

    /// <summary>The host refused the call with another return code.</summary>
    Refused,

    /// <summary>The host's answer had no ReturnValue.</summary>
    InvalidResponse,
}
