using HyperVLibvirt.Core.Domains;

namespace HyperVLibvirt.Core.DomainXml;

/// <summary>One domain's XML, or why it could not be built (then <see cref="Error"/> is set and the rest null).</summary>
/// <param name="Domain">The domain.</param>
/// <param name="Definition">The typed definition.</param>
/// <param name="Xml">The text virsh dumpxml prints.</param>
/// <param name="Error">Why the XML could not be built.</param>
public sealed record DomainXmlResult(HvDomain Domain, DomainDefinition? Definition, string? Xml, DomainXmlException? Error);
