namespace HyperVLibvirt.Core.HyperV;

/// <summary>Msvm_ConcreteJob <c>JobState</c> values and how libvirt reads them.</summary>
public static class JobStates
{
    /// <summary>New.</summary>
    public const ushort New = 2;

    /// <summary>Starting.</summary>
    public const ushort Starting = 3;

    /// <summary>Running.</summary>
    public const ushort Running = 4;

    /// <summary>Suspended (libvirt treats it as an unknown state).</summary>
    public const ushort Suspended = 5;

    /// <summary>Shutting down.</summary>
    public const ushort ShuttingDown = 6;

    /// <summary>Completed successfully.</summary>
    public const ushort Completed = 7;

    /// <summary>Terminated.</summary>
    public const ushort Terminated = 8;

    /// <summary>Killed.</summary>
    public const ushort Killed = 9;

    /// <summary>Ended with an exception.</summary>
    public const ushort Exception = 10;

    /// <summary>Service (in maintenance).</summary>
    public const ushort Service = 11;

    /// <summary>Still going: libvirt sleeps and polls again for New, Starting, Running and ShuttingDown.</summary>
    public static bool IsRunning(ushort jobState) => jobState is New or Starting or Running or ShuttingDown;

    /// <summary>Finished successfully.</summary>
    public static bool IsCompleted(ushort jobState) => jobState == Completed;

    /// <summary>Failed: Terminated, Killed, Exception or Service.</summary>
    public static bool IsError(ushort jobState) => jobState is Terminated or Killed or Exception or Service;

    /// <summary>The state's name (<c>Other(&lt;n&gt;)</c> for unknown values).</summary>
    public static string Name(ushort jobState) => jobState switch
    {
        New => "New",
        Starting => "Starting",
        Running => "Running",
        Suspended => "Suspended",
        ShuttingDown => "ShuttingDown",
        Completed => "Completed",
        Terminated => "Terminated",
        Killed => "Killed",
        Exception => "Exception",
        Service => "Service",
        _ => "Other(" + jobState.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")",
    };
}
