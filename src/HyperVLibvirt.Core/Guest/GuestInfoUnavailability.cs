namespace HyperVLibvirt.Core.Guest;

/// <summary>Why a domain has no guest information.</summary>
public enum GuestInfoUnavailability
{
    /// <summary>The domain is not running (libvirt: "domain is not running"); a guest speaks only while it runs.</summary>
    DomainNotRunning,

    /// <summary>The domain runs, but its guest publishes nothing: the data exchange integration service is off, missing or not started yet.</summary>
    GuestNotReporting,
}
