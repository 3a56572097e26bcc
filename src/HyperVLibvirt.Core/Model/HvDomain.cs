using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt;

/// <summary>
/// A virtual machine ("domain") as libvirt describes it: id, name, UUID and libvirt's state,
/// with Hyper-V's raw state beside it, and the connection it came from so that later cmdlets
/// in a pipeline reach the right host. The detail fields are filled by <c>-Detailed</c>.
/// </summary>
public sealed class HvDomain
{
    /// <summary>Creates a domain from its record and, optionally, its detail.</summary>
    public HvDomain(DomainRecord record, HvConnection connection, DomainDetail? detail = null)
    {
        Record = record;
        Connection = connection;
        Detail = detail;
    }

    /// <summary>libvirt's domain id: the VM worker's ProcessID while active, otherwise none (virsh shows '-').</summary>
    public int? Id => Record.Id;

    /// <summary>The VM's name (ElementName).</summary>
    public string Name => Record.Name;

    /// <summary>The VM's UUID (Msvm_ComputerSystem.Name).</summary>
    public Guid Uuid => Record.Uuid;

    /// <summary>libvirt's state.</summary>
    public HvDomainState State => Record.State;

    /// <summary>Whether libvirt counts the domain as active (it has an id).</summary>
    public bool IsActive => Record.IsActive;

    /// <summary>Whether the domain has saved state that the next start resumes from (Hyper-V "Saved").</summary>
    public bool HasManagedSave => Record.HasManagedSave;

    /// <summary>Whether the domain is between states (starting, saving, stopping, ...).</summary>
    public bool InTransition => Record.InTransition;

    /// <summary>Hyper-V's raw EnabledState.</summary>
    public ushort EnabledState => Record.EnabledState;

    /// <summary>Hyper-V's name for the state: Running, Off, Saved, Paused, Starting, ...</summary>
    public string HyperVState => Record.HyperVState;

    /// <summary>How long the VM has been running, when the host reports it.</summary>
    public TimeSpan? Uptime => Record.Uptime;

    /// <summary>The host the domain lives on, as its connection names it.</summary>
    public string ComputerName => Connection.ComputerName;

    /// <summary>The connection the domain came from.</summary>
    public HvConnection Connection { get; }

    /// <summary>Virtual CPUs (Msvm_ProcessorSettingData.VirtualQuantity); with -Detailed.</summary>
    public int? VCpus => Detail?.VCpus;

    /// <summary>Maximum memory in bytes (Msvm_MemorySettingData.Limit); with -Detailed.</summary>
    public ulong? MaxMemory => Detail?.MaxMemoryBytes;

    /// <summary>Memory in bytes (Msvm_MemorySettingData.VirtualQuantity); with -Detailed.</summary>
    public ulong? Memory => Detail?.MemoryBytes;

    /// <summary>Whether the host starts the VM when it boots (AutomaticStartupAction = 4); with -Detailed.</summary>
    public bool? Autostart => Detail?.Autostart;

    /// <summary>Always <c>hvm</c> for Hyper-V, as libvirt reports; with -Detailed.</summary>
    public string? OsType => Detail?.OsType;

    /// <summary>Always true for Hyper-V, as libvirt reports; with -Detailed.</summary>
    public bool? Persistent => Detail?.Persistent;

    /// <summary>The parsed record, including the raw Msvm_ComputerSystem instance.</summary>
    public DomainRecord Record { get; }

    /// <summary>The detail, when asked for.</summary>
    public DomainDetail? Detail { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
