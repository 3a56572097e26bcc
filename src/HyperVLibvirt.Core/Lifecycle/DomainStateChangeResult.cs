using HyperVLibvirt.Core.Domains;

namespace HyperVLibvirt.Core.Lifecycle;

/// <summary>The outcome of a lifecycle operation that the host accepted.</summary>
/// <param name="Domain">The domain as read after the change (or, without waiting, as it is now).</param>
/// <param name="JobInstanceId">The InstanceID of the job the host started, if it started one.</param>
/// <param name="Completed">True when the change is known to be done; false when the caller did not wait for the job.</param>
public sealed record DomainStateChangeResult(HvDomain Domain, string? JobInstanceId, bool Completed);
