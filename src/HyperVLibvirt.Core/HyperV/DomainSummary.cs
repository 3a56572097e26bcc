using System.Globalization;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.HyperV;

/// <summary>
/// What Get-VM shows of a VM, from one Msvm_SummaryInformation instance (Microsoft's class documentation):
/// processor load, memory assigned, uptime, heartbeat, status and configuration version.
/// </summary>
public sealed record DomainSummary
{
    private const ulong BytesPerMebibyte = 1024 * 1024;

    /// <summary>The VM's GUID (Name).</summary>
    public required Guid Uuid { get; init; }

    /// <summary>Processor load in percent (ProcessorLoad); 0 while the VM is not running.</summary>
    public int? CpuUsage { get; init; }

    /// <summary>Memory assigned in bytes (MemoryUsage, MiB); 0 while the VM holds none.</summary>
    public ulong? MemoryAssignedBytes { get; init; }

    /// <summary>Time since the VM started (UpTime, milliseconds); zero while it is not running.</summary>
    public TimeSpan? Uptime { get; init; }

    /// <summary>The heartbeat, by Get-VM's name for it; null while the VM is not running.</summary>
    public HeartbeatStatus? Heartbeat { get; init; }

    /// <summary>The status text (StatusDescriptions, joined), e.g. <c>Operating normally</c>.</summary>
    public string? Status { get; init; }

    /// <summary>The configuration version (Version), e.g. <c>9.0</c>; null on hosts before Windows Server 2016.</summary>
    public string? Version { get; init; }

    /// <summary>Hyper-V's raw EnabledState, as the summary gave it.</summary>
    public ushort? EnabledState { get; init; }

    /// <summary>The instance as read.</summary>
    public required CimObject Instance { get; init; }

    /// <summary>Reads one embedded Msvm_SummaryInformation; null when its Name is not a VM GUID.</summary>
    public static DomainSummary? FromInstance(CimObject summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (!Guid.TryParse(summary.GetString("Name"), out var uuid))
        {
            return null;
        }
        var statuses = summary.GetArray("StatusDescriptions").Select(v => v.AsString()).Where(s => !string.IsNullOrEmpty(s)).ToArray();
        var load = summary.GetUInt64("ProcessorLoad");
        var memory = summary.GetUInt64("MemoryUsage");
        var uptime = summary.GetUInt64("UpTime");
        var state = summary.GetUInt64("EnabledState");
        return new DomainSummary
        {
            Uuid = uuid,
            CpuUsage = load is <= 100 ? (int)load.Value : null,
            MemoryAssignedBytes = memory is { } mb && mb <= ulong.MaxValue / BytesPerMebibyte ? mb * BytesPerMebibyte : null,
            Uptime = uptime is <= (ulong)(long.MaxValue / TimeSpan.TicksPerMillisecond) ? TimeSpan.FromMilliseconds(uptime.Value) : null,
            Heartbeat = HeartbeatStatuses.FromSummary(summary.GetUInt64("Heartbeat"), summary.GetUInt64("ApplicationHealth")),
            Status = statuses.Length == 0 ? null : string.Join(", ", statuses),
            Version = summary.GetString("Version") is { Length: > 0 } version ? version : null,
            EnabledState = state is <= ushort.MaxValue ? (ushort)state.Value : null,
            Instance = summary,
        };
    }

    /// <summary>The uptime as Get-HvDomain writes it: <c>[d.]hh:mm:ss</c>.</summary>
    public static string? FormatUptime(TimeSpan? uptime) => uptime is { } u
        ? new TimeSpan(u.Ticks - u.Ticks % TimeSpan.TicksPerSecond).ToString("c", CultureInfo.InvariantCulture)
        : null;
}
