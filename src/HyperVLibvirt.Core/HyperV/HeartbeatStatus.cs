namespace HyperVLibvirt.Core.HyperV;

/// <summary>
/// A VM's heartbeat, named as Get-VM's Heartbeat column names it (VMHeartbeatStatus), from
/// Msvm_SummaryInformation.Heartbeat and ApplicationHealth (Microsoft's class documentation).
/// </summary>
public enum HeartbeatStatus
{
    /// <summary>A value the host reports that is not documented.</summary>
    Unknown,

    /// <summary>The guest answers; it reports no application health (Heartbeat 2, ApplicationHealth absent).</summary>
    OkApplicationsUnknown,

    /// <summary>The guest answers and its applications are healthy (ApplicationHealth 2).</summary>
    OkApplicationsHealthy,

    /// <summary>The guest answers and reports a critical application (ApplicationHealth 32782).</summary>
    OkApplicationsCritical,

    /// <summary>The heartbeat service reports an error (Heartbeat 6).</summary>
    Error,

    /// <summary>The guest has never answered: booting, or no integration services (Heartbeat 12).</summary>
    NoContact,

    /// <summary>The guest answered before and stopped (Heartbeat 13).</summary>
    LostCommunication,
}

/// <summary>Maps Msvm_SummaryInformation's heartbeat values.</summary>
public static class HeartbeatStatuses
{
    /// <summary>Heartbeat: OK.</summary>
    public const ulong Ok = 2;

    /// <summary>Heartbeat: Error.</summary>
    public const ulong Error = 6;

    /// <summary>Heartbeat: No Contact.</summary>
    public const ulong NoContact = 12;

    /// <summary>Heartbeat: Lost Communication.</summary>
    public const ulong LostCommunication = 13;

    /// <summary>ApplicationHealth: OK.</summary>
    public const ulong ApplicationsOk = 2;

    /// <summary>ApplicationHealth: Application Critical.</summary>
    public const ulong ApplicationsCritical = 32782;

    /// <summary>The status for a Heartbeat value and ApplicationHealth; null when the host reports no heartbeat (a VM that is not running).</summary>
    public static HeartbeatStatus? FromSummary(ulong? heartbeat, ulong? applicationHealth) => heartbeat switch
    {
        null => null,
        Ok => applicationHealth switch
        {
            ApplicationsOk => HeartbeatStatus.OkApplicationsHealthy,
            ApplicationsCritical => HeartbeatStatus.OkApplicationsCritical,
            _ => HeartbeatStatus.OkApplicationsUnknown,
        },
        Error => HeartbeatStatus.Error,
        NoContact => HeartbeatStatus.NoContact,
        LostCommunication => HeartbeatStatus.LostCommunication,
        _ => HeartbeatStatus.Unknown,
    };

    /// <summary>Whether the guest answers (any of Get-VM's Ok… values).</summary>
    public static bool IsOk(this HeartbeatStatus status) =>
        status is HeartbeatStatus.OkApplicationsUnknown or HeartbeatStatus.OkApplicationsHealthy or HeartbeatStatus.OkApplicationsCritical;
}
