using HyperVLibvirt.Core.Domains;

namespace HyperVLibvirt.Core.Vcpus;

/// <summary>What a vcpuinfo read found for a host's domains.</summary>
/// <param name="Rows">Every vCPU of every domain whose processor settings were found, domain by domain.</param>
/// <param name="Ambiguous">Active domains whose name another running VM of the host shares: their vCPUs are <c>Unknown</c>.</param>
/// <param name="MissingSettings">Domains the host listed but whose Msvm_ProcessorSettingData it did not return (being created or deleted).</param>
public sealed record VcpuReport(IReadOnlyList<HvDomainVcpu> Rows, IReadOnlyList<HvDomain> Ambiguous, IReadOnlyList<HvDomain> MissingSettings);
