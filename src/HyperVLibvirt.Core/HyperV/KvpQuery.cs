namespace HyperVLibvirt.Core.HyperV;

/// <summary>
/// WQL for the VMs' key-value pair exchange components (Microsoft's Msvm_KvpExchangeComponent class, one per VM,
/// its <c>SystemName</c> the VM's GUID): a whole host in one query, or a few VMs named in one query.
/// </summary>
public static class KvpQuery
{
    /// <summary>The most VMs one filtered query names; above it the class-wide query is as cheap and shorter.</summary>
    public const int MaxSystemsPerQuery = 32;

    /// <summary>
    /// Every VM's component, with only the two properties read: <c>SELECT SystemName, GuestIntrinsicExchangeItems FROM Msvm_KvpExchangeComponent</c>
    /// (the item arrays are most of each instance; the rest is a third more bytes for nothing).
    /// </summary>
    public const string All = "SELECT SystemName, GuestIntrinsicExchangeItems FROM Msvm_KvpExchangeComponent";

    /// <summary>
    /// The components of these VMs, in one query:
    /// <c>SELECT SystemName, GuestIntrinsicExchangeItems FROM Msvm_KvpExchangeComponent WHERE SystemName = '&lt;guid&gt;' OR …</c>.
    /// </summary>
    /// <exception cref="ArgumentException">No VM, or more than <see cref="MaxSystemsPerQuery"/>.</exception>
    public static string ForSystems(IReadOnlyCollection<Guid> vms)
    {
        ArgumentNullException.ThrowIfNull(vms);
        if (vms.Count is 0 or > MaxSystemsPerQuery)
        {
            throw new ArgumentException($"Between 1 and {MaxSystemsPerQuery} VMs are needed; use {nameof(All)} for more.", nameof(vms));
        }
        // Msvm_ComputerSystem.Name is the GUID in lower case; WQL compares strings case-insensitively anyway.
        return All + " WHERE " + string.Join(" OR ", vms.Select(vm => "SystemName = " + DomainQuery.UuidLiteral(vm)));
    }

    /// <summary>The query for <paramref name="vms"/>: named when few, class-wide when many.</summary>
    public static string For(IReadOnlyCollection<Guid> vms) =>
        vms.Count is > 0 and <= MaxSystemsPerQuery ? ForSystems(vms) : All;
}
