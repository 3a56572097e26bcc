using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Core.Devices;

/// <summary>A device refused before anything was sent, refused by the host, or attached only in part. A failed job alone is an <c>HvJobException</c>.</summary>
public sealed class HvDeviceException : HvHostException
{
    /// <summary>Creates the exception.</summary>
    public HvDeviceException(DeviceFailure reason, string domainName, Guid domainUuid, string message, uint? returnValue = null,
        string? recommendedAction = null, Exception? inner = null)
        : base(message, inner)
    {
        Reason = reason;
        DomainName = domainName;
        DomainUuid = domainUuid;
        ReturnValue = returnValue;
        RecommendedAction = recommendedAction;
    }

    /// <summary>What went wrong; <c>"Device" + name</c> is the ErrorId.</summary>
    public DeviceFailure Reason { get; }

    /// <summary>The domain's name.</summary>
    public string DomainName { get; }

    /// <summary>The domain's UUID.</summary>
    public Guid DomainUuid { get; }

    /// <summary>The method's return value, for <see cref="DeviceFailure.HostRefused"/>.</summary>
    public uint? ReturnValue { get; }

    /// <summary>What the user can do about it.</summary>
    public string? RecommendedAction { get; }

    /// <summary>Whether the domain's state is why nothing happened.</summary>
    public bool IsStateConflict => Reason == DeviceFailure.NeedsDomainOff || (Reason == DeviceFailure.HostRefused && ReturnValue is 32775 or 32774);
}
