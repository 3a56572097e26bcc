using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.HyperV;

/// <summary>
/// Joins batched setting data to domains, so listing N VMs in detail costs three queries
/// (<see cref="SettingsQuery.AllRealizedSystemSettings"/>, <see cref="SettingsQuery.AllProcessorSettings"/>,
/// <see cref="SettingsQuery.AllMemorySettings"/>) instead of libvirt's three per VM.
/// </summary>
/// <remarks>
/// A realized VSSD belongs to the VM named by its <c>VirtualSystemIdentifier</c> (else the GUID in its
/// <c>Microsoft:&lt;GUID&gt;</c> InstanceID); a component setting belongs to the VSSD whose InstanceID is
/// the part of its own InstanceID before the first backslash. Snapshot and definition settings
/// therefore never attach to a VM, even when the batch contains them.
/// </remarks>
public static class DomainDetailJoin
{
    /// <summary>One detail per domain, in the order of <paramref name="domains"/>.</summary>
    public static IReadOnlyList<DomainDetail> Join(
        IEnumerable<DomainRecord> domains,
        IEnumerable<CimObject> systemSettings,
        IEnumerable<CimObject> processorSettings,
        IEnumerable<CimObject> memorySettings)
    {
        ArgumentNullException.ThrowIfNull(domains);
        var settingsByVm = IndexRealizedSettings(systemSettings);
        var processorsByOwner = IndexByOwner(processorSettings);
        var memoryByOwner = IndexByOwner(memorySettings);

        var details = new List<DomainDetail>();
        foreach (var domain in domains)
        {
            settingsByVm.TryGetValue(domain.Uuid, out var vssd);
            // Without the VSSD, fall back to the InstanceID Hyper-V gives realized settings.
            var owner = vssd?.GetString("InstanceID") ?? SettingsInstanceId.ForRealizedSystem(domain.Uuid);
            processorsByOwner.TryGetValue(owner, out var processor);
            memoryByOwner.TryGetValue(owner, out var memory);
            details.Add(DomainDetail.Create(domain, vssd, processor, memory));
        }
        return details;
    }

    private static Dictionary<Guid, CimObject> IndexRealizedSettings(IEnumerable<CimObject> systemSettings)
    {
        ArgumentNullException.ThrowIfNull(systemSettings);
        var byVm = new Dictionary<Guid, CimObject>();
        foreach (var vssd in systemSettings)
        {
            var type = vssd.GetString("VirtualSystemType");
            if (type is not null && !type.Equals(SettingsQuery.RealizedSystemType, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var vm = Guid.TryParse(vssd.GetString("VirtualSystemIdentifier"), out var id)
                ? id
                : SettingsInstanceId.GuidOf(vssd.GetString("InstanceID"));
            if (vm is { } key)
            {
                byVm.TryAdd(key, vssd);
            }
        }
        return byVm;
    }

    private static Dictionary<string, CimObject> IndexByOwner(IEnumerable<CimObject> componentSettings)
    {
        ArgumentNullException.ThrowIfNull(componentSettings);
        var byOwner = new Dictionary<string, CimObject>(StringComparer.OrdinalIgnoreCase);
        foreach (var setting in componentSettings)
        {
            if (SettingsInstanceId.OwnerOf(setting.GetString("InstanceID")) is { } owner)
            {
                byOwner.TryAdd(owner, setting);
            }
        }
        return byOwner;
    }
}
