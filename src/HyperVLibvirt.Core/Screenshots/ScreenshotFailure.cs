namespace HyperVLibvirt.Core.Screenshots;

/// <summary>Why a domain has no screenshot.</summary>
public enum ScreenshotFailure
{
    /// <summary>The domain shows no screen: no enabled video head, or the host answered 32775 (invalid state).</summary>
    NotRunning,

    /// <summary>The size asked for cannot come back in one answer of the connection's envelope size.</summary>
    TooLarge,

    /// <summary>The host refused the call with another return code.</summary>
    Refused,

    /// <summary>The host's answer had no ReturnValue, no ImageData, or image data of the wrong length.</summary>
    InvalidResponse,
}
