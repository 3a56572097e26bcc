namespace HyperVLibvirt.Commands;

/// <summary>
/// What a <see cref="DomainCollector"/> does with piped domains: use them as they came (their identity is all the
/// read needs), or list them again with everything else (the read depends on their state now, and a domain deleted
/// since is reported as not found).
/// </summary>
internal enum PipedDomainUse
{
    /// <summary>Use the piped objects; no listing for them.</summary>
    AsGiven,

    /// <summary>List them again by UUID, in the host's one listing.</summary>
    ReadAgain,
}
