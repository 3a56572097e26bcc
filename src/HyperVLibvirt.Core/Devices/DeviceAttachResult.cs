namespace HyperVLibvirt.Core.Devices;

/// <summary>What one domain of a batch got: the devices attached, or the failure (an <see cref="HvDeviceException"/> or <c>HvJobException</c>).</summary>
/// <param name="Domain">The domain, as read at the start of the attach.</param>
/// <param name="Devices">The devices attached, as the host reports them; empty on failure.</param>
/// <param name="Error">Why the domain got nothing (or only part: the message says what stays), or null.</param>
public sealed record DeviceAttachResult(Domains.HvDomain Domain, IReadOnlyList<HvDomainDevice> Devices, Exception? Error);
