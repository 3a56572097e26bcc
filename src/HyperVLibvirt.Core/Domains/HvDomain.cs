using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Core.Domains;

/// <summary>
/// A virtual machine ("domain") as libvirt describes it: id, name, UUID and libvirt's state, with Hyper-V's raw
/// state beside it, and the identity of the session it came from, so that later cmdlets in a pipeline reach the
/// right host. The detail fields are filled by <c>-Detailed</c>, Get-VM's columns by <c>-Summary</c>.
/// </summary>
/// <remarks>
/// Every public property is a plain value (states as names, the uptime as text), so that Export-Csv and
/// ConvertTo-Json give flat data; the parsed record, the detail and the typed state are reached through methods.
/// </remarks>
public sealed class HvDomain
{
    private readonly DomainRecord _record;
    private readonly DomainDetail? _detail;
    private readonly DomainSummary? _summary;

    /// <summary>Creates a domain from its record and, optionally, its detail and summary, read through the session <paramref name="connectionId"/>.</summary>
    public HvDomain(DomainRecord record, Guid connectionId, string computerName, DomainDetail? detail = null, DomainSummary? summary = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(computerName);
        _record = record;
        _detail = detail;
        _summary = summary;
        ConnectionId = connectionId;
        ComputerName = computerName;
    }

    /// <summary>libvirt's domain id: the VM worker's ProcessID while active, otherwise none (virsh shows '-').</summary>
    public int? Id => _record.Id;

    /// <summary>The VM's name (ElementName).</summary>
    public string Name => _record.Name;

    /// <summary>The VM's UUID (Msvm_ComputerSystem.Name).</summary>
    public Guid Uuid => _record.Uuid;

    /// <summary>libvirt's state, by name (Running, Paused, Shutoff, ...); <see cref="GetState"/> gives it typed.</summary>
    public string State => _record.State.ToString();

    /// <summary>Whether libvirt counts the domain as active (it has an id).</summary>
    public bool IsActive => _record.IsActive;

    /// <summary>Whether the domain has saved state that the next start resumes from (Hyper-V "Saved").</summary>
    public bool HasManagedSave => _record.HasManagedSave;

    /// <summary>Whether the domain is between states (starting, saving, stopping, ...).</summary>
    public bool InTransition => _record.InTransition;

    /// <summary>Hyper-V's raw EnabledState.</summary>
    public ushort EnabledState => _record.EnabledState;

    /// <summary>Hyper-V's name for the state: Running, Off, Saved, Paused, Starting, ...</summary>
    public string HyperVState => _record.HyperVState;

    /// <summary>How long the VM has been running, as <c>[d.]hh:mm:ss</c> (a <c>[timespan]</c> cast reads it back), when the host reports it.</summary>
    public string? Uptime => DomainSummary.FormatUptime(GetUptime());

    /// <summary>The host the domain lives on, as its session names it.</summary>
    public string ComputerName { get; }

    /// <summary>The identity of the session the domain was read through (<c>HvConnection.Id</c>).</summary>
    public Guid ConnectionId { get; }

    /// <summary>Virtual CPUs (Msvm_ProcessorSettingData.VirtualQuantity); with -Detailed.</summary>
    public int? VCpus => _detail?.VCpus;

    /// <summary>Maximum memory in bytes (Msvm_MemorySettingData.Limit); with -Detailed.</summary>
    public ulong? MaxMemory => _detail?.MaxMemoryBytes;

    /// <summary>Memory in bytes (Msvm_MemorySettingData.VirtualQuantity); with -Detailed.</summary>
    public ulong? Memory => _detail?.MemoryBytes;

    /// <summary>Whether the host starts the VM when it boots (AutomaticStartupAction = 4); with -Detailed.</summary>
    public bool? Autostart => _detail?.Autostart;

    /// <summary>Always <c>hvm</c> for Hyper-V, as libvirt reports; with -Detailed.</summary>
    public string? OsType => _detail?.OsType;

    /// <summary>Always true for Hyper-V, as libvirt reports; with -Detailed.</summary>
    public bool? Persistent => _detail?.Persistent;

    /// <summary>Processor load in percent, as Get-VM's CPUUsage; with -Summary.</summary>
    public int? CPUUsage => _summary?.CpuUsage;

    /// <summary>Memory assigned in bytes, as Get-VM's MemoryAssigned; with -Summary.</summary>
    public ulong? MemoryAssigned => _summary?.MemoryAssignedBytes;

    /// <summary>The heartbeat by Get-VM's name for it (OkApplicationsUnknown, NoContact, LostCommunication, ...); with -Summary, empty while not running.</summary>
    public string? Heartbeat => _summary?.Heartbeat?.ToString();

    /// <summary>The host's status text, as Get-VM's Status (e.g. "Operating normally"); with -Summary.</summary>
    public string? Status => _summary?.Status;

    /// <summary>The configuration version, as Get-VM's Version (e.g. "9.0"); with -Summary, on Windows Server 2016 and later.</summary>
    public string? Version => _summary?.Version;

    /// <summary>libvirt's state, typed.</summary>
    public HvDomainState GetState() => _record.State;

    /// <summary>How long the VM has been running, typed, when the host reports it (the summary's, when read).</summary>
    public TimeSpan? GetUptime() => _summary?.Uptime ?? _record.Uptime;

    /// <summary>The parsed record, including the raw Msvm_ComputerSystem instance.</summary>
    public DomainRecord GetRecord() => _record;

    /// <summary>The detail, when it was asked for.</summary>
    public DomainDetail? GetDetail() => _detail;

    /// <summary>Get-VM's columns, when they were asked for (<c>-Summary</c>).</summary>
    public DomainSummary? GetSummary() => _summary;

    /// <summary>Whether the detail was read (<c>-Detailed</c>).</summary>
    internal bool IsDetailed => _detail is not null;

    /// <inheritdoc />
    public override string ToString() => Name;
}
