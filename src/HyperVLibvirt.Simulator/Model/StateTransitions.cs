namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// Which RequestStateChange requests Hyper-V accepts from which state, what the VM shows while
/// the job runs and the return codes for refusals.
/// </summary>
/// <remarks>
/// Return codes: 4096 job started; an invalid transition (including any request while a job is
/// already running) is 32775 "Invalid state for this operation" on v2 and 4097 "Invalid state
/// transition" on v1; a RequestedState value the namespace does not know (including the other
/// version's pause/save numbers) is 32773 "Invalid parameter".
/// </remarks>
public static class StateTransitions
{
    /// <summary>Job started.</summary>
    public const uint JobStarted = 4096;
    /// <summary>Completed with no error.</summary>
    public const uint Completed = 0;
    /// <summary>Invalid state for this operation (v2).</summary>
    public const uint InvalidStateV2 = 32775;
    /// <summary>Invalid state transition (v1).</summary>
    public const uint InvalidStateV1 = 4097;
    /// <summary>Invalid parameter.</summary>
    public const uint InvalidParameter = 32773;
    /// <summary>Not supported (e.g. a state change requested on the host itself).</summary>
    public const uint NotSupported = 32770;

    /// <summary>Requested-state values (v2 numbering) a VM accepts.</summary>
    public const ushort RequestStart = 2;
    /// <summary>Turn off.</summary>
    public const ushort RequestTurnOff = 3;
    /// <summary>Save (v2 "Offline").</summary>
    public const ushort RequestSave = 6;
    /// <summary>Pause (v2 "Quiesce").</summary>
    public const ushort RequestPause = 9;
    /// <summary>Reboot.</summary>
    public const ushort RequestReboot = 10;
    /// <summary>Reset.</summary>
    public const ushort RequestReset = 11;

    /// <summary>The code for an invalid transition in a namespace.</summary>
    public static uint InvalidState(bool v1) => v1 ? InvalidStateV1 : InvalidStateV2;

    /// <summary>
    /// Maps a RequestedState written in a namespace's numbering to the model's (v2) request, or
    /// null when the namespace does not know the value.
    /// </summary>
    public static ushort? NormalizeRequest(ulong requested, bool v1) => (requested, v1) switch
    {
        (2 or 3 or 10 or 11, _) => (ushort)requested,
        (6, false) => RequestSave,
        (9, false) => RequestPause,
        (32769, true) => RequestSave,
        (32768, true) => RequestPause,
        _ => null,
    };

    /// <summary>
    /// For a request from a state: the transitional state shown while the job runs and the final
    /// state; null when Hyper-V refuses the transition.
    /// </summary>
    public static (ushort During, ushort Final)? Plan(ushort current, ushort request) => (request, current) switch
    {
        (RequestStart, EnabledStates.Disabled) => (EnabledStates.StartingV1, EnabledStates.Enabled),
        (RequestStart, EnabledStates.EnabledButOffline or EnabledStates.Quiesce) => (EnabledStates.Resuming, EnabledStates.Enabled),
        (RequestTurnOff, EnabledStates.Enabled or EnabledStates.Quiesce or EnabledStates.EnabledButOffline) => (EnabledStates.Stopping, EnabledStates.Disabled),
        (RequestSave, EnabledStates.Enabled or EnabledStates.Quiesce) => (EnabledStates.Saving, EnabledStates.EnabledButOffline),
        (RequestPause, EnabledStates.Enabled) => (EnabledStates.Pausing, EnabledStates.Quiesce),
        (RequestReboot or RequestReset, EnabledStates.Enabled) => (EnabledStates.StartingV1, EnabledStates.Enabled),
        _ => null,
    };
}
