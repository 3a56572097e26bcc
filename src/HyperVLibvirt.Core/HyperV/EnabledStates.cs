namespace HyperVLibvirt.Core.HyperV;

/// <summary>Msvm_ComputerSystem <c>EnabledState</c> values that the state mapping knows.</summary>
public static class EnabledStates
{
    /// <summary>Unknown.</summary>
    public const ushort Unknown = 0;

    /// <summary>Enabled: running.</summary>
    public const ushort Enabled = 2;

    /// <summary>Disabled: off.</summary>
    public const ushort Disabled = 3;

    /// <summary>Shutting down (v2).</summary>
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

    /// <summary>Starting (v1 value).</summary>
    public const ushort StartingV1 = 32770;

    /// <summary>Taking a snapshot.</summary>
    public const ushort Snapshotting = 32771;

    /// <summary>Saving.</summary>
    public const ushort Saving = 32773;

    /// <summary>Stopping.</summary>
    public const ushort Stopping = 32774;

    /// <summary>Pausing.</summary>
    public const ushort Pausing = 32776;

    /// <summary>Resuming.</summary>
    public const ushort Resuming = 32777;

    /// <summary>Fast-saved.</summary>
    public const ushort FastSaved = 32779;
}
