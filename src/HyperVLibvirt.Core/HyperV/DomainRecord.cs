using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.HyperV;

/// <summary>
/// One Hyper-V VM as libvirt describes a domain, built from its Msvm_ComputerSystem instance.
/// </summary>
public sealed record DomainRecord
{
    /// <summary>The VM's display name (<c>ElementName</c>); empty when the host sent none.</summary>
    public required string Name { get; init; }

    /// <summary>The VM GUID (<c>Name</c>), which libvirt uses as the domain UUID.</summary>
    public required Guid Uuid { get; init; }

    /// <summary>The raw <c>EnabledState</c>; 0 (Unknown) when the host sent none.</summary>
    public required ushort EnabledState { get; init; }

    /// <summary>The libvirt state, see <see cref="EnabledStateMapping.Map"/>.</summary>
    public required HvDomainState State { get; init; }

    /// <summary>libvirt's "active" (the VM has a worker process).</summary>
    public required bool IsActive { get; init; }

    /// <summary>Between two states (starting, stopping, saving …).</summary>
    public required bool InTransition { get; init; }

    /// <summary>The VM is saved (libvirt's "managed save").</summary>
    public required bool HasManagedSave { get; init; }

    /// <summary>The state in Hyper-V's words, see <see cref="EnabledStateMapping.HyperVStateName"/>.</summary>
    public required string HyperVState { get; init; }

    /// <summary>libvirt's domain id: the worker <c>ProcessID</c> while active, else null (virsh shows <c>-</c>).</summary>
    public int? Id { get; init; }

    /// <summary>Time since the VM last started (<c>OnTimeInMilliseconds</c>); zero when off, null when not reported.</summary>
    public TimeSpan? Uptime { get; init; }

    /// <summary>CIM <c>HealthState</c> (5 OK, 20 major failure, 25 critical failure), when reported.</summary>
    public ushort? HealthState { get; init; }

    /// <summary>
    /// The instance this record was built from, for properties not surfaced here. A plain listing
    /// fetches only <see cref="ListedProperties"/>; a detailed one (and a lookup that asks for
    /// <c>SELECT *</c>) holds every property.
    /// </summary>
    public required CimObject ComputerSystem { get; init; }

    /// <summary>
    /// The Msvm_ComputerSystem properties a record is built from, in WMI's (alphabetical) order: all a
    /// listing needs to ask for. Each exists in both the v1 and the v2 class.
    /// </summary>
    public static IReadOnlyList<string> ListedProperties { get; } =
        ["ElementName", "EnabledState", "HealthState", "Name", "OnTimeInMilliseconds", "ProcessID"];

    /// <summary>The UUID as libvirt prints it and as WQL lookups use it: lower case with dashes.</summary>
    public string UuidString => Uuid.ToString("D");

    /// <summary>Builds a record from a VM's Msvm_ComputerSystem instance.</summary>
    /// <exception cref="HvDataException">
    /// <c>Name</c> is not a GUID: <c>Could not parse UUID from string '&lt;s&gt;'</c> (libvirt's text).
    /// </exception>
    public static DomainRecord FromComputerSystem(CimObject computerSystem)
    {
        ArgumentNullException.ThrowIfNull(computerSystem);
        var rawUuid = computerSystem.GetString("Name");
        if (!TryParseVmGuid(rawUuid, out var uuid))
        {
            throw new HvDataException($"Could not parse UUID from string '{rawUuid}'");
        }

        var enabledState = ReadUInt16(computerSystem, "EnabledState") ?? EnabledStates.Unknown;
        var mapped = EnabledStateMapping.Map(enabledState);
        var processId = computerSystem.GetUInt64("ProcessID");
        var onTime = computerSystem.GetUInt64("OnTimeInMilliseconds");

        return new DomainRecord
        {
            Name = computerSystem.GetString("ElementName") ?? string.Empty,
            Uuid = uuid,
            EnabledState = enabledState,
            State = mapped.State,
            IsActive = mapped.IsActive,
            InTransition = mapped.InTransition,
            HasManagedSave = mapped.HasManagedSave,
            HyperVState = EnabledStateMapping.HyperVStateName(enabledState),
            Id = mapped.IsActive && processId is <= int.MaxValue ? (int)processId.Value : null,
            Uptime = onTime is { } ms && ms <= (ulong)TimeSpan.MaxValue.TotalMilliseconds ? TimeSpan.FromMilliseconds(ms) : null,
            HealthState = ReadUInt16(computerSystem, "HealthState"),
            ComputerSystem = computerSystem,
        };
    }

    private static bool TryParseVmGuid(string? text, out Guid uuid)
    {
        uuid = Guid.Empty;
        return text is not null && Guid.TryParse(text.Trim(), out uuid);
    }

    private static ushort? ReadUInt16(CimObject instance, string property) =>
        instance.GetUInt64(property) is { } value && value <= ushort.MaxValue ? (ushort)value : null;
}
