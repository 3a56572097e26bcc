namespace HyperVLibvirt.Core.Vcpus;

/// <summary>
/// A domain's vCPU counts as virsh vcpucount prints them, from libvirt's hypervDomainGetVcpusFlags: the current
/// count is the domain's Msvm_ProcessorSettingData.VirtualQuantity; the maximum is the host's (the Maximum
/// processor definition), since Hyper-V has no per-VM maximum. The live values exist only while the domain runs
/// (EnabledState 2), as libvirt refuses VIR_DOMAIN_VCPU_LIVE otherwise ("Domain is not active").
/// </summary>
public sealed class HvDomainVcpuCount
{
    /// <summary>The domain's name.</summary>
    public required string Name { get; init; }

    /// <summary>The domain's UUID.</summary>
    public required Guid Uuid { get; init; }

    /// <summary>"maximum config": the most vCPUs the host lets a VM have.</summary>
    public ulong? MaximumConfig { get; init; }

    /// <summary>"maximum live": as <see cref="MaximumConfig"/> while the domain runs; null otherwise.</summary>
    public ulong? MaximumLive { get; init; }

    /// <summary>"current config": the domain's vCPUs.</summary>
    public ulong? CurrentConfig { get; init; }

    /// <summary>"current live": the domain's vCPUs while it runs; null otherwise.</summary>
    public ulong? CurrentLive { get; init; }

    /// <summary>The host the domain lives on, as its session names it.</summary>
    public required string ComputerName { get; init; }

    /// <summary>The identity of the session the domain was read through, so piping this on reaches the same host.</summary>
    public Guid ConnectionId { get; init; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
