using HyperVLibvirt.Core.Domains;

namespace HyperVLibvirt.Core.Guest;

/// <summary>The outcome for one domain: its guest information, or why there is none (with a message that says what to do).</summary>
public sealed class GuestInfoRead
{
    private GuestInfoRead(HvDomain domain, HvDomainGuestInfo? info, GuestInfoUnavailability? unavailable, string? message)
    {
        Domain = domain;
        Info = info;
        Unavailable = unavailable;
        Message = message;
    }

    /// <summary>The domain asked about, as listed just before its guest was read.</summary>
    public HvDomain Domain { get; }

    /// <summary>The guest's information, or null.</summary>
    public HvDomainGuestInfo? Info { get; }

    /// <summary>Why there is no information, or null when there is.</summary>
    public GuestInfoUnavailability? Unavailable { get; }

    /// <summary>What went wrong and what to do, when there is no information.</summary>
    public string? Message { get; }

    /// <summary>A domain whose guest answered.</summary>
    public static GuestInfoRead Found(HvDomain domain, HvDomainGuestInfo info) => new(domain, info, null, null);

    /// <summary>A domain without information, for <paramref name="reason"/>.</summary>
    public static GuestInfoRead Missing(HvDomain domain, GuestInfoUnavailability reason) => new(domain, null, reason, reason switch
    {
        GuestInfoUnavailability.DomainNotRunning =>
            $"Domain '{domain.Name}' is not running (state {domain.State}); its guest reports information only while it runs. " +
            "Start it with Start-HvDomain and ask again once the guest has booted.",
        _ =>
            $"The guest of domain '{domain.Name}' reports no information: its data exchange integration service (Key-Value Pair Exchange) " +
            "is off, not installed, or not started yet. Turn the service on for the VM (Enable-VMIntegrationService 'Key-Value Pair Exchange'), " +
            "make sure the guest runs its integration services, or wait for it to finish booting.",
    });
}
