namespace HyperVLibvirt.Core.Management;

/// <summary>What to change in a domain's configuration; null leaves a value as it is.</summary>
public sealed record DomainSettingsChange
{
    /// <summary>Startup memory in bytes (libvirt's setmem), rounded as <see cref="MemoryRounding"/> does.</summary>
    public ulong? MemoryBytes { get; init; }

    /// <summary>Maximum memory in bytes (libvirt's setmaxmem: Msvm_MemorySettingData.Limit), rounded the same way.</summary>
    public ulong? MaxMemoryBytes { get; init; }

    /// <summary>The number of virtual processors (libvirt's setvcpus).</summary>
    public int? VcpuCount { get; init; }

    /// <summary>Whether the domain starts with the host (libvirt's autostart: AutomaticStartupAction 4, or 2 when off).</summary>
    public bool? Autostart { get; init; }

    /// <summary>Whether anything is to change.</summary>
    public bool IsEmpty => MemoryBytes is null && MaxMemoryBytes is null && VcpuCount is null && Autostart is null;
}
