using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.HyperV;

/// <summary>
/// A domain with the settings virsh dominfo shows: vCPUs, memory, autostart. Built from the VM's
/// realized Msvm_VirtualSystemSettingData, Msvm_ProcessorSettingData and Msvm_MemorySettingData.
/// A value is null when its setting data was not found (for example while a VM is being created).
/// </summary>
public sealed record DomainDetail
{
    private const ulong BytesPerMebibyte = 1024 * 1024;

    /// <summary>The domain itself.</summary>
    public required DomainRecord Domain { get; init; }

    /// <summary>Virtual CPUs (Processor <c>VirtualQuantity</c>).</summary>
    public int? VCpus { get; init; }

    /// <summary>Memory in bytes (Memory <c>VirtualQuantity</c> MiB × 1 MiB): the startup memory, as libvirt reports it.</summary>
    public ulong? MemoryBytes { get; init; }

    /// <summary>Maximum memory in bytes (Memory <c>Limit</c> MiB × 1 MiB).</summary>
    public ulong? MaxMemoryBytes { get; init; }

    /// <summary>True when the VM always starts with the host (VSSD <c>AutomaticStartupAction</c> = 4), as libvirt defines autostart.</summary>
    public bool? Autostart { get; init; }

    /// <summary>Always <c>hvm</c>, as libvirt reports for Hyper-V.</summary>
    public string OsType => "hvm";

    /// <summary>Always true: every Hyper-V VM is persistent.</summary>
    public bool Persistent => true;

    /// <summary>The realized VSSD's InstanceID (<c>Microsoft:&lt;GUID&gt;</c>), needed to modify settings.</summary>
    public string? SystemSettingsInstanceId { get; init; }

    /// <summary>The realized Msvm_VirtualSystemSettingData, when found.</summary>
    public CimObject? SystemSettings { get; init; }

    /// <summary>The Msvm_ProcessorSettingData, when found.</summary>
    public CimObject? ProcessorSettings { get; init; }

    /// <summary>The Msvm_MemorySettingData, when found.</summary>
    public CimObject? MemorySettings { get; init; }

    /// <summary>Builds the detail from setting data the caller already fetched (any may be null).</summary>
    public static DomainDetail Create(DomainRecord domain, CimObject? systemSettings, CimObject? processorSettings, CimObject? memorySettings)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var vcpus = processorSettings?.GetUInt64("VirtualQuantity");
        return new DomainDetail
        {
            Domain = domain,
            VCpus = vcpus is <= int.MaxValue ? (int)vcpus.Value : null,
            MemoryBytes = ToBytes(memorySettings?.GetUInt64("VirtualQuantity")),
            MaxMemoryBytes = ToBytes(memorySettings?.GetUInt64("Limit")),
            Autostart = systemSettings?.GetUInt64("AutomaticStartupAction") is { } action ? action == AutomaticStartupActions.AlwaysStart : null,
            SystemSettingsInstanceId = systemSettings?.GetString("InstanceID"),
            SystemSettings = systemSettings,
            ProcessorSettings = processorSettings,
            MemorySettings = memorySettings,
        };
    }

    private static ulong? ToBytes(ulong? mebibytes) =>
        mebibytes is { } mb && mb <= ulong.MaxValue / BytesPerMebibyte ? mb * BytesPerMebibyte : null;
}
