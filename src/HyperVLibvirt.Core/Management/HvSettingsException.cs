using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Core.Management;

/// <summary>A configuration change or removal refused before it was sent, or by the host's return code. A failed job is an <c>HvJobException</c>.</summary>
public sealed class HvSettingsException : HvHostException
{
    /// <summary>Creates the exception.</summary>
    public HvSettingsException(SettingsFailure reason, string domainName, Guid domainUuid, string message, uint? returnValue = null,
        string? recommendedAction = null)
        : base(message)
    {
        Reason = reason;
        DomainName = domainName;
        DomainUuid = domainUuid;
        ReturnValue = returnValue;
        RecommendedAction = recommendedAction;
    }

    /// <summary>What went wrong; its name is the ErrorId.</summary>
    public SettingsFailure Reason { get; }

    /// <summary>The domain's name.</summary>
    public string DomainName { get; }

    /// <summary>The domain's UUID.</summary>
    public Guid DomainUuid { get; }

    /// <summary>The method's return value, for <see cref="SettingsFailure.HostRefused"/>.</summary>
    public uint? ReturnValue { get; }

    /// <summary>What the user can do about it.</summary>
    public string? RecommendedAction { get; }

    /// <summary>Whether the domain's state is why nothing happened (a caller's state conflict, not a host fault).</summary>
    public bool IsStateConflict => Reason is SettingsFailure.VcpusNeedDomainOff or SettingsFailure.MemoryFixedWhileActive or SettingsFailure.DomainActive
        || (Reason == SettingsFailure.HostRefused && ReturnValue is 32775 or 32774);
}
