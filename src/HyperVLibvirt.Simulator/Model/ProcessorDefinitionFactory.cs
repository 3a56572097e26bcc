namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// The four Msvm_ProcessorSettingData "definition" instances every Hyper-V host has beside the
/// VMs' own settings: <c>Microsoft:Definition\&lt;processor resource GUID&gt;\Default</c>,
/// <c>…\Minimum</c>, <c>…\Maximum</c> and <c>…\Increment</c> (Microsoft's Msvm_ProcessorSettingData
/// and Msvm_AllocationCapabilities documentation). libvirt's hypervConnectGetMaxVcpus reads
/// <c>VirtualQuantity</c> of the Maximum one.
/// </summary>
internal static class ProcessorDefinitionFactory
{
    // The resource GUID Hyper-V uses for processors (the same one inside per-VM InstanceIDs).
    private const string ProcessorResourceId = "B637F346-6A6E-4DEC-AF52-BD70CB80A21D";

    /// <summary>The most vCPUs one VM may have on a host with <paramref name="logicalProcessors"/> logical processors.</summary>
    /// <remarks>
    /// Hyper-V caps a VM at the host's logical processor count and at the release's limit
    /// (Server 2008/R2: 4, 2012/R2: 64, 2016/2019: 240, 2022 and later: 1024 for generation 2 VMs).
    /// </remarks>
    public static ulong MaximumVcpus(HostProfile profile, ulong logicalProcessors)
    {
        var release = profile.Name switch
        {
            "ws2008" or "ws2008r2" => 4UL,
            "ws2012" or "ws2012r2" => 64UL,
            "ws2016" or "ws2019" => 240UL,
            _ => 1024UL,
        };
        return Math.Min(release, logicalProcessors);
    }

    /// <summary>The Default, Minimum, Maximum and Increment definitions, in that order.</summary>
    public static IReadOnlyList<CimInstance> Definitions(HostNamespace ns, ulong maximumVcpus) =>
    [
        // Limit and Reservation are in thousandths of a percent ("percent / 1000"): 100000 is 100 %.
        Definition(ns, "Default", vcpus: 1, reservation: 0, limit: 100_000, weight: 100),
        Definition(ns, "Minimum", vcpus: 1, reservation: 0, limit: 0, weight: 1),
        Definition(ns, "Maximum", vcpus: maximumVcpus, reservation: 100_000, limit: 100_000, weight: 10_000),
        Definition(ns, "Increment", vcpus: 1, reservation: 1, limit: 1, weight: 1),
    ];

    private static CimInstance Definition(HostNamespace ns, string kind, ulong vcpus, ulong reservation, ulong limit, ulong weight)
    {
        var p = ns.New("Msvm_ProcessorSettingData");
        p["InstanceID"] = @"Microsoft:Definition\" + ProcessorResourceId + @"\" + kind;
        p["Caption"] = "Processor";
        p["Description"] = "Describes the " + kind.ToLowerInvariant() + " settings for the processors.";
        p["ElementName"] = "Processor";
        p["ResourceType"] = CimValues.UInt(3);
        p["ResourceSubType"] = "Microsoft:Hyper-V:Processor";
        p["PoolID"] = string.Empty;
        p["ConsumerVisibility"] = CimValues.UInt(3);
        p["AllocationUnits"] = "percent / 1000";
        p["VirtualQuantity"] = CimValues.UInt(vcpus);
        p["Reservation"] = CimValues.UInt(reservation);
        p["Limit"] = CimValues.UInt(limit);
        p["Weight"] = CimValues.UInt(weight);
        p["AutomaticAllocation"] = CimValues.True;
        p["AutomaticDeallocation"] = CimValues.True;
        p["VirtualQuantityUnits"] = "count";
        p["LimitCPUID"] = CimValues.False;
        p["LimitProcessorFeatures"] = CimValues.False;
        p["MaxProcessorsPerNumaNode"] = CimValues.UInt(64);
        p["MaxNumaNodesPerSocket"] = CimValues.UInt(1);
        return p;
    }
}
