using HyperVLibvirt.Core.Connection;

namespace HyperVLibvirt.Core.Management;

/// <summary>
/// One snapshot change for a <see cref="SnapshotBatch"/>: what to do with a host's <see cref="SnapshotManagement"/>, for one domain.
/// <paramref name="Target"/> is the caller's (the domain or snapshot it reports on); <paramref name="Change"/> returns what the
/// caller wants back (null for nothing).
/// </summary>
public sealed record SnapshotChange(HvConnection Session, Guid DomainUuid, object Target,
    Func<SnapshotManagement, CancellationToken, Task<object?>> Change);

/// <summary>A change's outcome: what it returned, or the exception it failed with.</summary>
public sealed record SnapshotChangeResult(SnapshotChange Change, object? Result, Exception? Error);
