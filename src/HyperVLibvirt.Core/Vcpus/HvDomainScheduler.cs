namespace HyperVLibvirt.Core.Vcpus;

/// <summary>
/// A domain's processor allocation as virsh schedinfo prints it (libvirt's hypervDomainGetSchedulerParameters):
/// scheduler <c>allocation</c> with <c>limit</c>, <c>reservation</c> and <c>weight</c> from its
/// Msvm_ProcessorSettingData. Limit and reservation are in thousandths of a percent of the domain's processors
/// (AllocationUnits "percent / 1000": 100000 = 100 %); weight is a relative share from 1 to 10000 (default 100),
/// per Microsoft's Msvm_ProcessorSettingData documentation.
/// </summary>
public sealed class HvDomainScheduler
{
    /// <summary>The domain's name.</summary>
    public required string Name { get; init; }

    /// <summary>The domain's UUID.</summary>
    public required Guid Uuid { get; init; }

    /// <summary>Always <c>allocation</c>, libvirt's name for Hyper-V's scheduler.</summary>
    public string Scheduler => "allocation";

    /// <summary>The most processor time the domain may use, in thousandths of a percent (libvirt's <c>limit</c>).</summary>
    public ulong? Limit { get; init; }

    /// <summary>The processor time kept for the domain, in thousandths of a percent (libvirt's <c>reservation</c>).</summary>
    public ulong? Reservation { get; init; }

    /// <summary>The domain's relative share when processors are contended (libvirt's <c>weight</c>).</summary>
    public ulong? Weight { get; init; }

    /// <summary><see cref="Limit"/> as a percentage (Hyper-V Manager's "Virtual machine limit").</summary>
    public double? LimitPercent => Limit / 1000.0;

    /// <summary><see cref="Reservation"/> as a percentage (Hyper-V Manager's "Virtual machine reserve").</summary>
    public double? ReservationPercent => Reservation / 1000.0;

    /// <summary>The host the domain lives on, as its session names it.</summary>
    public required string ComputerName { get; init; }

    /// <summary>The identity of the session the domain was read through, so piping this on reaches the same host.</summary>
    public Guid ConnectionId { get; init; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
