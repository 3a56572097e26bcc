using HyperVLibvirt.Core.Domains;

namespace HyperVLibvirt.Core.DomainXml;

/// <summary>One domain's block devices, or why its XML could not be built.</summary>
/// <param name="Domain">The domain.</param>
/// <param name="Devices">Its disks, in XML order.</param>
/// <param name="Error">Why its devices are unknown.</param>
public sealed record DomainBlockResult(HvDomain Domain, IReadOnlyList<HvDomainBlockDevice> Devices, DomainXmlException? Error);
