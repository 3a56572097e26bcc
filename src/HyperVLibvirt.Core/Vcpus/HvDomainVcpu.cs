using System.Globalization;

namespace HyperVLibvirt.Core.Vcpus;

/// <summary>
/// One virtual processor of a domain, as virsh vcpuinfo prints it: its number, whether it runs, and the
/// processor time it has used (libvirt's hypervDomainGetVcpus: PercentTotalRunTime, a count of 100 ns ticks,
/// × 100 = nanoseconds). Hyper-V has no CPU pinning: every vCPU may run on any host CPU, and the host CPU it
/// last ran on is not reported.
/// </summary>
public sealed class HvDomainVcpu
{
    /// <summary>The domain's name.</summary>
    public required string Name { get; init; }

    /// <summary>The domain's UUID.</summary>
    public required Guid Uuid { get; init; }

    /// <summary>The vCPU's number, from 0 ("VCPU").</summary>
    public required int Vcpu { get; init; }

    /// <summary><c>Running</c> when the hypervisor has the virtual processor, <c>Offline</c> when not (the domain is off or saved),
    /// <c>Unknown</c> when its counters cannot be told from those of another domain of the same name.</summary>
    public required string State { get; init; }

    /// <summary>Processor time used, in nanoseconds (libvirt's cpuTime); null when offline or unknown.</summary>
    public ulong? CpuTimeNs { get; init; }

    /// <summary>Processor time used as <c>[d.]hh:mm:ss.fffffff</c> (a <c>[timespan]</c> cast reads it back); null when not known.</summary>
    public string? CpuTime => CpuTimeNs is { } ns ? TimeSpan.FromTicks((long)(ns / 100)).ToString("c", CultureInfo.InvariantCulture) : null;

    /// <summary>The host the domain lives on, as its session names it.</summary>
    public required string ComputerName { get; init; }

    /// <summary>The identity of the session the domain was read through, so piping this on reaches the same host.</summary>
    public Guid ConnectionId { get; init; }

    /// <summary>The processor time, typed.</summary>
    public TimeSpan? GetCpuTime() => CpuTimeNs is { } ns ? TimeSpan.FromTicks((long)(ns / 100)) : null;

    /// <inheritdoc />
    public override string ToString() => Name + ":" + Vcpu.ToString(CultureInfo.InvariantCulture);
}
