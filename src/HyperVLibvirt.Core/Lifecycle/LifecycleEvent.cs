using HyperVLibvirt.Core.Domains;

namespace HyperVLibvirt.Core.Lifecycle;

/// <summary>Something that happened to one domain of a <see cref="LifecycleBatch"/>, in the order it happened.</summary>
/// <param name="Target">The domain as the caller gave it.</param>
public abstract record LifecycleEvent(HvDomain Target);

/// <summary>The request is about to be sent: from here on the host may act on it.</summary>
public sealed record LifecycleRequestSending(HvDomain Target) : LifecycleEvent(Target);

/// <summary>A job started, or was polled.</summary>
public sealed record LifecycleJobUpdate(HvDomain Target, JobStatus Status) : LifecycleEvent(Target);

/// <summary>The operation is done (or accepted, when not waiting).</summary>
public sealed record LifecycleSucceeded(HvDomain Target, DomainStateChangeResult Result) : LifecycleEvent(Target);

/// <summary>The operation failed for this domain; the others go on.</summary>
public sealed record LifecycleFailed(HvDomain Target, Exception Error) : LifecycleEvent(Target);
