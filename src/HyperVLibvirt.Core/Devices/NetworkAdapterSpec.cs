namespace HyperVLibvirt.Core.Devices;

/// <summary>
/// A synthetic network adapter connected to a virtual switch: libvirt's <c>&lt;interface type='bridge'&gt;</c>
/// (hypervDomainAttachSyntheticEthernetAdapter).
/// </summary>
public sealed record NetworkAdapterSpec : DeviceSpec
{
    /// <summary>The switch: its Name (the GUID <c>virsh dumpxml</c> writes as the bridge) or its ElementName when no other switch has it.</summary>
    public required string Switch { get; init; }

    /// <summary>A static MAC as Hyper-V writes it (12 upper-case hex digits); null: Hyper-V assigns a dynamic one.</summary>
    public string? MacAddress { get; init; }

    /// <inheritdoc/>
    public override string Describe() => MacAddress is null
        ? $"network adapter on switch '{Switch}'"
        : $"network adapter {MacAddress} on switch '{Switch}'";
}
