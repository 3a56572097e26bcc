namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// Msvm_ComputerSystem.EnabledState values, named as Microsoft's Msvm_ComputerSystem class
/// documentation names them (the v2 page, and the v1 page for the 327xx values). The model keeps
/// each VM's state in v2 numbering and maps it for the v1 namespace, where paused and saved have
/// their own numbers.
/// </summary>
public static class EnabledStates
{
    /// <summary>Unknown.</summary>
    public const ushort Unknown = 0;
    /// <summary>Enabled: running.</summary>
    public const ushort Enabled = 2;
    /// <summary>Disabled: off.</summary>
    public const ushort Disabled = 3;
    /// <summary>Shutting down (v2; a guest shutdown in progress).</summary>
    public const ushort ShuttingDown = 4;
    /// <summary>Enabled but offline: saved (v2).</summary>
    public const ushort EnabledButOffline = 6;
    /// <summary>Quiesce: paused (v2).</summary>
    public const ushort Quiesce = 9;
    /// <summary>Starting (v2).</summary>
    public const ushort Starting = 10;
    /// <summary>Paused (v1 value).</summary>
    public const ushort Paused = 32768;
    /// <summary>Suspended: saved (v1 value).</summary>
    public const ushort Suspended = 32769;
    /// <summary>Starting (v1 value; v2 hosts show it too while a VM starts).</summary>
    public const ushort StartingV1 = 32770;
    /// <summary>Taking a snapshot.</summary>
    public const ushort Snapshotting = 32771;
    /// <summary>Migrating.</summary>
    public const ushort Migrating = 32772;
    /// <summary>Saving.</summary>
    public const ushort Saving = 32773;
    /// <summary>Stopping.</summary>
    public const ushort Stopping = 32774;
    /// <summary>Deleted (a transitional value some hosts show while a VM is removed).</summary>
    public const ushort Deleted = 32775;
    /// <summary>Pausing.</summary>
    public const ushort Pausing = 32776;
    /// <summary>Resuming.</summary>
    public const ushort Resuming = 32777;

    /// <summary>
    /// The states a VM rests in when no state change runs (running, off, saved, paused): all a
    /// stock generated host shows.
    /// </summary>
    public static IReadOnlyList<ushort> StableStates { get; } = [Enabled, Disabled, EnabledButOffline, Quiesce];

    /// <summary>Every state a v2 host can show for a VM (a generator asked for every state covers them all).</summary>
    public static IReadOnlyList<ushort> V2States { get; } =
        [Enabled, Disabled, EnabledButOffline, Quiesce, Starting, ShuttingDown, StartingV1, Snapshotting, Migrating, Saving, Stopping, Deleted, Pausing, Resuming];

    /// <summary>Every state a v1 host can show for a VM, in the model's (v2) numbering.</summary>
    public static IReadOnlyList<ushort> V1States { get; } =
        [Enabled, Disabled, EnabledButOffline, Quiesce, StartingV1, Snapshotting, Migrating, Saving, Stopping, Deleted, Pausing, Resuming];

    /// <summary>The value a namespace shows for a model state.</summary>
    public static ushort ForNamespace(ushort state, bool v1) => !v1 ? state : state switch
    {
        EnabledButOffline => Suspended,
        Quiesce => Paused,
        Starting => StartingV1,
        ShuttingDown => Stopping,
        _ => state,
    };

    /// <summary>The model state for a value written in a namespace's numbering.</summary>
    public static ushort FromNamespace(ushort value, bool v1) => !v1 ? value : value switch
    {
        Suspended => EnabledButOffline,
        Paused => Quiesce,
        _ => value,
    };

    /// <summary>Whether the VM has a worker process (and so a ProcessID) in this state.</summary>
    public static bool HasWorkerProcess(ushort state) => state is not (Disabled or EnabledButOffline or Unknown);
}
