using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;

namespace HyperVLibvirt.Commands;

/// <summary>The outcome of <see cref="DomainCollector.ResolveAsync"/>: each host's domains, and what to report first.</summary>
internal sealed record DomainCollection(IReadOnlyList<(HvConnection Connection, IReadOnlyList<HvDomain> Domains)> Hosts, IReadOnlyList<StreamNotice> Notices);
