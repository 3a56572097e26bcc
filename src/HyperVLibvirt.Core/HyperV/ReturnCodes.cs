namespace HyperVLibvirt.Core.HyperV;

/// <summary>Hyper-V method return values and libvirt's texts for them.</summary>
public static class ReturnCodes
{
    /// <summary>Success.</summary>
    public const uint Completed = 0;

    /// <summary>The method started a job; poll the returned Msvm_ConcreteJob.</summary>
    public const uint TransitionStarted = 4096;

    private static readonly Dictionary<uint, string> Texts = new()
    {
        [0] = "Completed with no error",
        [1] = "Not supported",
        [2] = "Unknown error",
        [3] = "Cannot complete within timeout period",
        [4] = "Failed",
        [5] = "Invalid parameter",
        [6] = "In use",
        [4096] = "Transition started",
        [4097] = "Invalid state transition",
        [4098] = "Timeout parameter not supported",
        [4099] = "Busy",
        [32768] = "Failed",
        [32769] = "Access denied",
        [32770] = "Not supported",
        [32771] = "Status is unknown",
        [32772] = "Timeout",
        [32773] = "Invalid parameter",
        [32774] = "System is in use",
        [32775] = "Invalid state for this operation",
        [32776] = "Incorrect data type",
        [32777] = "System is not available",
        [32778] = "Out of memory",
    };

    /// <summary>libvirt's text for a return value; <c>Unknown return code</c> for any other.</summary>
    public static string ToText(uint returnValue) =>
        Texts.TryGetValue(returnValue, out var text) ? text : "Unknown return code";
}
