using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;

namespace HyperVLibvirt.Core.Lifecycle;

/// <summary>A domain to change, with the session it is changed through (the one it was read from).</summary>
/// <param name="Session">The open session of the domain's host.</param>
/// <param name="Domain">The domain.</param>
public sealed record LifecycleTarget(HvConnection Session, HvDomain Domain);
