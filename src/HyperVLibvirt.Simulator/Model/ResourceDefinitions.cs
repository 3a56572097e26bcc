namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// The host's resource definitions of the physical disk drive (RASD instances
/// <c>Microsoft:Definition\&lt;GUID&gt;\Default</c>, <c>\Minimum</c>, <c>\Maximum</c>, <c>\Increment</c>, no
/// VM): what a class-wide RASD query returns beside the VMs' devices on a real host (the real RASD
/// capture is the Increment one), and what libvirt's hypervDomainAttachPhysicalDisk reads
/// (<c>WHERE ResourceSubType = 'Microsoft:Hyper-V:Physical Disk Drive' AND InstanceID LIKE '%Default%'</c>)
/// to take the GUID of host disks' DeviceID.
/// </summary>
internal static class ResourceDefinitions
{
    private static readonly (string Kind, ulong Reservation, ulong Limit, ulong Quantity)[] Kinds =
    [
        ("Default", 1, 1, 1),
        ("Minimum", 0, 1, 1),
        ("Maximum", 1, 1, 1),
        ("Increment", 0, 1, 1),
    ];

    public static IEnumerable<CimInstance> PhysicalDiskDrive(HostNamespace ns, Guid hostDiskClassId, HostLanguage language)
    {
        var japanese = language.Name == "ja-JP";
        foreach (var (kind, reservation, limit, quantity) in Kinds)
        {
            var r = ns.New("Msvm_ResourceAllocationSettingData");
            r["InstanceID"] = @"Microsoft:Definition\" + hostDiskClassId.ToString("D").ToUpperInvariant() + @"\" + kind;
            // The ja-JP Increment texts are the capture's; the others follow them.
            r["Caption"] = japanese ? $"物理ディスク ドライブの{JapaneseKind(kind)}設定" : $"Physical Disk Drive {kind} Settings";
            r["Description"] = japanese
                ? $"物理ディスク ドライブ リソースの{JapaneseKind(kind)}設定を示します。"
                : $"Describes the {kind.ToLowerInvariant()} settings for physical disk drive resources.";
            r["ResourceType"] = CimValues.UInt(17);
            r["ResourceSubType"] = "Microsoft:Hyper-V:Physical Disk Drive";
            r["PoolID"] = string.Empty;
            r["ConsumerVisibility"] = CimValues.UInt(2);
            r["AllocationUnits"] = "count";
            r["VirtualQuantity"] = CimValues.UInt(quantity);
            r["Reservation"] = CimValues.UInt(reservation);
            r["Limit"] = CimValues.UInt(limit);
            r["Weight"] = CimValues.UInt(0);
            r["AutomaticAllocation"] = CimValues.True;
            r["AutomaticDeallocation"] = CimValues.True;
            r["VirtualQuantityUnits"] = "count";
            r["TargetVtl"] = CimValues.UInt(0);
            yield return r;
        }
    }

    private static string JapaneseKind(string kind) => kind switch
    {
        "Default" => "既定の",
        "Minimum" => "最小",
        "Maximum" => "最大",
        _ => "増分",
    };
}
