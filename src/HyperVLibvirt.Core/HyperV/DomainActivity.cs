namespace HyperVLibvirt.Core.HyperV;

/// <summary>Which VMs a domain query returns, by libvirt's "active" notion.</summary>
public enum DomainActivity
{
    /// <summary>All VMs.</summary>
    Any,

    /// <summary>Only VMs that map to active (running, paused, in transition).</summary>
    Active,

    /// <summary>Only VMs that map to inactive (off, saved, unknown).</summary>
    Inactive,
}
