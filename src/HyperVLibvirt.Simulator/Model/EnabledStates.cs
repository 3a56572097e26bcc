namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// Msvm_ComputerSystem.EnabledState values. The model keeps each VM's state as a v2 value and
/// maps it for the v1 namespace, where paused and saved have their own numbers.
/// </summary>
public static class EnabledStates
{
    /// <summary>Running (Enabled).</summary>
    public const ushort Running = 2;
    /// <summary>Off (Disabled).</summary>
    public const ushort Off = 3;
    /// <summary>Shutting down (v2; a guest shutdown in progress).</summary>
    public const ushort ShuttingDown = 4;
    /// <summary>Saved (v2, "Enabled but offline").</summary>
    public const ushort Saved = 6;
    /// <summary>Paused (v2, "Quiesce").</summary>
    public const ushort Paused = 9;
    /// <summary>Starting (v2).</summary>
    public const ushort StartingV2 = 10;
    /// <summary>Paused (v1).</summary>
    public const ushort V1Paused = 32768;
    /// <summary>Saved, "Suspended" (v1).</summary>
    public const ushort V1Saved = 32769;
    /// <summary>Starting.</summary>
    public const ushort Starting = 32770;
    /// <summary>Snapshotting.</summary>
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

    /// <summary>Every state a v2 host can show for a VM (the generator covers them all).</summary>
    public static IReadOnlyList<ushort> V2States { get; } =
        [Running, Off, Saved, Paused, StartingV2, ShuttingDown, Starting, Snapshotting, Migrating, Saving, Stopping, Deleted, Pausing, Resuming];

    /// <summary>Every state a v1 host can show for a VM, in the model's (v2) numbering.</summary>
    public static IReadOnlyList<ushort> V1States { get; } =
        [Running, Off, Saved, Paused, Starting, Snapshotting, Migrating, Saving, Stopping, Deleted, Pausing, Resuming];

    /// <summary>The value a namespace shows for a model state.</summary>
    public static ushort ForNamespace(ushort state, bool v1) => !v1 ? state : state switch
    {
        Saved => V1Saved,
        Paused => V1Paused,
        StartingV2 => Starting,
        ShuttingDown => Stopping,
        _ => state,
    };

    /// <summary>The model state for a value written in a namespace's numbering.</summary>
    public static ushort FromNamespace(ushort value, bool v1) => !v1 ? value : value switch
    {
        V1Saved => Saved,
        V1Paused => Paused,
        _ => value,
    };

    /// <summary>Whether the VM has a worker process (and so a ProcessID) in this state.</summary>
    public static bool HasWorkerProcess(ushort state) => state is not (Off or Saved or 0);

    /// <summary>Whether the state is a stable one (not a transition that a job will end).</summary>
    public static bool IsStable(ushort state) => state is Running or Off or Saved or Paused;
}
