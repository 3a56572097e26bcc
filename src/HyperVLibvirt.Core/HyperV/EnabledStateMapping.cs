using System.Globalization;

namespace HyperVLibvirt.Core.HyperV;

/// <summary>
/// Maps Msvm_ComputerSystem <c>EnabledState</c> to libvirt's domain state, activity, transition
/// and managed-save flags. See STATE-MAPPING.md beside this file for the full table.
/// </summary>
/// <remarks>
/// libvirt's table (src/hyperv/hyperv_wmi.c, hypervMsvmComputerSystemEnabledStateToDomainState) is kept for every value it knows. It only knows v1-style values, so a
/// v2 host's paused (9) and saved (6) VMs come out as NOSTATE there. We deliberately add:
/// <list type="bullet">
/// <item><description>9 Quiesce → Paused, active (libvirt's own suspend on v2 produces it; its resume expects it).</description></item>
/// <item><description>6 Enabled but offline → Shutoff, inactive, managed save (libvirt's managed save on v2 requests it).</description></item>
/// <item><description>10 Starting → Running, active, in transition (like 32770).</description></item>
/// <item><description>4 Shutting down → Shutdown, active, in transition (like 32774).</description></item>
/// <item><description>32769 Suspended also sets HasManagedSave, as libvirt's domainHasManagedSaveImage does.</description></item>
/// </list>
/// The WQL filters in <see cref="DomainQuery"/> are generated from <see cref="ActiveStates"/>, so
/// listing by activity and <see cref="MappedState.IsActive"/> never disagree (libvirt's do).
/// </remarks>
public static class EnabledStateMapping
{
    private static readonly Dictionary<ushort, MappedState> Table = new()
    {
        [EnabledStates.Unknown] = new(HvDomainState.NoState, false, false, false),
        [EnabledStates.Enabled] = new(HvDomainState.Running, true, false, false),
        [EnabledStates.Disabled] = new(HvDomainState.Shutoff, false, false, false),
        [EnabledStates.ShuttingDown] = new(HvDomainState.Shutdown, true, true, false),
        [EnabledStates.EnabledButOffline] = new(HvDomainState.Shutoff, false, false, true),
        [EnabledStates.Quiesce] = new(HvDomainState.Paused, true, false, false),
        [EnabledStates.Starting] = new(HvDomainState.Running, true, true, false),
        [EnabledStates.Paused] = new(HvDomainState.Paused, true, false, false),
        [EnabledStates.Suspended] = new(HvDomainState.Shutoff, false, false, true),
        [EnabledStates.StartingV1] = new(HvDomainState.Running, true, true, false),
        [EnabledStates.Snapshotting] = new(HvDomainState.Running, true, true, false),
        [EnabledStates.Saving] = new(HvDomainState.Running, true, true, false),
        [EnabledStates.Stopping] = new(HvDomainState.Shutdown, true, true, false),
        [EnabledStates.Pausing] = new(HvDomainState.Running, true, true, false),
        [EnabledStates.Resuming] = new(HvDomainState.Running, true, true, false),
    };

    private static readonly Dictionary<ushort, string> Names = new()
    {
        [EnabledStates.Unknown] = "Unknown",
        [EnabledStates.Enabled] = "Running",
        [EnabledStates.Disabled] = "Off",
        [EnabledStates.ShuttingDown] = "ShuttingDown",
        [EnabledStates.EnabledButOffline] = "Saved",
        [EnabledStates.Quiesce] = "Paused",
        [EnabledStates.Starting] = "Starting",
        [EnabledStates.Paused] = "Paused",
        [EnabledStates.Suspended] = "Saved",
        [EnabledStates.StartingV1] = "Starting",
        [EnabledStates.Snapshotting] = "Snapshotting",
        [EnabledStates.Saving] = "Saving",
        [EnabledStates.Stopping] = "Stopping",
        [EnabledStates.Pausing] = "Pausing",
        [EnabledStates.Resuming] = "Resuming",
        [EnabledStates.FastSaved] = "FastSaved",
    };

    /// <summary>The values that map to an active domain, in ascending order.</summary>
    public static IReadOnlyList<ushort> ActiveStates { get; } =
        Table.Where(e => e.Value.IsActive).Select(e => e.Key).Order().ToArray();

    /// <summary>
    /// Maps an <c>EnabledState</c>. Values not in the table (e.g. 32779 FastSaved) give NoState,
    /// inactive, not in transition, as in libvirt.
    /// </summary>
    public static MappedState Map(ushort enabledState) =>
        Table.TryGetValue(enabledState, out var mapped) ? mapped : new(HvDomainState.NoState, false, false, false);

    /// <summary>
    /// The state's name as Hyper-V users know it: Running, Off, Saved, Paused, Starting,
    /// ShuttingDown (4), Stopping (32774), Snapshotting, Saving, Pausing, Resuming, FastSaved,
    /// Unknown (0); anything else is <c>Other(&lt;n&gt;)</c>.
    /// </summary>
    public static string HyperVStateName(ushort enabledState) =>
        Names.TryGetValue(enabledState, out var name)
            ? name
            : string.Create(CultureInfo.InvariantCulture, $"Other({enabledState})");
}
