namespace HyperVLibvirt.Core.HyperV;

/// <summary><c>RequestedState</c> values for Msvm_ComputerSystem.RequestStateChange, as libvirt sends them.</summary>
public static class RequestedStates
{
    /// <summary>Start or resume.</summary>
    public const ushort Enabled = 2;

    /// <summary>Turn off (destroy; also discards a saved state).</summary>
    public const ushort Disabled = 3;

    /// <summary>Save (v2 managed save).</summary>
    public const ushort Offline = 6;

    /// <summary>Pause (v2 suspend).</summary>
    public const ushort Quiesce = 9;

    /// <summary>Reboot.</summary>
    public const ushort Reboot = 10;

    /// <summary>Hard reset.</summary>
    public const ushort Reset = 11;

    /// <summary>Pause (v1 suspend).</summary>
    public const ushort Paused = 32768;

    /// <summary>Save (v1 managed save).</summary>
    public const ushort Suspended = 32769;
}
