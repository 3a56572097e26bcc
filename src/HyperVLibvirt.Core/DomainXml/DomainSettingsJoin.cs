using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.DomainXml;

/// <summary>
/// Splits host-wide batches of setting data into one <see cref="DomainSettings"/> per domain: a VSSD belongs
/// to the VM its <c>VirtualSystemIdentifier</c> names, a component to the VSSD whose InstanceID is the part of
/// its own before the first backslash (so definitions, <c>Microsoft:Definition\…</c>, and snapshots attach to
/// no VM). Each domain's lists keep the host's order, which libvirt's output follows.
/// </summary>
public sealed class DomainSettingsJoin
{
    private readonly Dictionary<Guid, CimObject> _systems = new();
    private readonly Dictionary<string, Dictionary<string, List<CimObject>>> _byClass = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Indexes the realized VSSDs.</summary>
    public void AddSystemSettings(IEnumerable<CimObject> systemSettings)
    {
        ArgumentNullException.ThrowIfNull(systemSettings);
        foreach (var vssd in systemSettings)
        {
            var type = vssd.GetString("VirtualSystemType");
            if (type is not null && !type.Equals(SettingsQuery.RealizedSystemType, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var vm = Guid.TryParse(vssd.GetString("VirtualSystemIdentifier"), out var id) ? id : SettingsInstanceId.GuidOf(vssd.GetString("InstanceID"));
            if (vm is { } key)
            {
                _systems.TryAdd(key, vssd);
            }
        }
    }

    /// <summary>Indexes component settings of one class by owner.</summary>
    public void AddComponents(string className, IEnumerable<CimObject> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!_byClass.TryGetValue(className, out var byOwner))
        {
            _byClass[className] = byOwner = new Dictionary<string, List<CimObject>>(StringComparer.OrdinalIgnoreCase);
        }
        foreach (var setting in settings)
        {
            if (SettingsInstanceId.OwnerOf(setting.GetString("InstanceID")) is not { } owner)
            {
                continue;
            }
            if (!byOwner.TryGetValue(owner, out var list))
            {
                byOwner[owner] = list = [];
            }
            list.Add(setting);
        }
    }

    /// <summary>The settings of one domain (empty lists for classes not added).</summary>
    public DomainSettings For(DomainRecord domain, bool serialPortsInResourceSettings)
    {
        ArgumentNullException.ThrowIfNull(domain);
        _systems.TryGetValue(domain.Uuid, out var vssd);
        var owner = vssd?.GetString("InstanceID") ?? SettingsInstanceId.ForRealizedSystem(domain.Uuid);
        return new DomainSettings
        {
            Domain = domain,
            SystemSettings = vssd,
            Processor = Components("Msvm_ProcessorSettingData", owner).FirstOrDefault(),
            Memory = Components("Msvm_MemorySettingData", owner).FirstOrDefault(),
            ResourceSettings = Components("Msvm_ResourceAllocationSettingData", owner),
            StorageSettings = Components("Msvm_StorageAllocationSettingData", owner),
            SerialPortSettings = Components("Msvm_SerialPortSettingData", owner),
            PortAllocations = Components("Msvm_EthernetPortAllocationSettingData", owner),
            EthernetPortSettings = Components("Msvm_SyntheticEthernetPortSettingData", owner),
            SerialPortsInResourceSettings = serialPortsInResourceSettings,
        };
    }

    private IReadOnlyList<CimObject> Components(string className, string owner) =>
        _byClass.TryGetValue(className, out var byOwner) && byOwner.TryGetValue(owner, out var list) ? list : [];
}
