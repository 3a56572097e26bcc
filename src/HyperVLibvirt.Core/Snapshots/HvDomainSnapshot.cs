using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Snapshots;

/// <summary>
/// One snapshot (Hyper-V checkpoint) of a domain, placed in its tree: what <c>virsh snapshot-list</c> lists and
/// <c>virsh snapshot-info</c> shows (name, creation time, state, parent, whether it is current, children and descendants).
/// </summary>
/// <remarks>Public properties are plain values for Export-Csv and ConvertTo-Json; the raw settings are behind <see cref="GetSettings"/>.</remarks>
public sealed class HvDomainSnapshot
{
    private readonly CimObject _settings;

    internal HvDomainSnapshot(CimObject settings, SnapshotNode node, string domain, Guid domainUuid, string computerName, Guid connectionId)
    {
        _settings = settings;
        Name = node.Name;
        Id = node.Id;
        InstanceId = node.InstanceId;
        Parent = node.Parent?.Name;
        ParentId = node.Parent?.Id;
        IsCurrent = node.IsCurrent;
        Children = node.Children.Count;
        Descendants = node.CountDescendants();
        Depth = node.Depth;
        CreationTime = settings.GetDateTime("CreationTime");
        HasMemory = settings.GetBoolean("IsSaved") == true;
        Type = string.Equals(settings.GetString("VirtualSystemType"), HyperV.SnapshotQuery.RecoverySnapshotType, StringComparison.OrdinalIgnoreCase)
            ? "Recovery" : "Standard";
        Description = string.Join("\n", settings.GetArray("Notes").Select(n => n.AsString()).OfType<string>()) is { Length: > 0 } notes ? notes : null;
        Domain = domain;
        DomainUuid = domainUuid;
        ComputerName = computerName;
        ConnectionId = connectionId;
    }

    /// <summary>The snapshot's name (its ElementName). Hyper-V allows two snapshots of a VM the same name; <see cref="Id"/> tells them apart.</summary>
    public string Name { get; }

    /// <summary>The domain's name.</summary>
    public string Domain { get; }

    /// <summary>When the snapshot was taken.</summary>
    public DateTimeOffset? CreationTime { get; }

    /// <summary>libvirt's snapshot state: <c>running</c> when it holds the guest's memory (taken while it ran), else <c>shutoff</c>.</summary>
    public string State => HasMemory ? "running" : "shutoff";

    /// <summary>The parent snapshot's name; null for a root.</summary>
    public string? Parent { get; }

    /// <summary>Whether the domain runs from this snapshot (libvirt's current snapshot, Hyper-V's most current in branch).</summary>
    public bool IsCurrent { get; }

    /// <summary>How many snapshots have this one as parent.</summary>
    public int Children { get; }

    /// <summary>How many snapshots descend from this one.</summary>
    public int Descendants { get; }

    /// <summary>The depth in the tree: 0 for a root.</summary>
    public int Depth { get; }

    /// <summary>Whether the snapshot holds the guest's memory (IsSaved), so reverting to it resumes the guest.</summary>
    public bool HasMemory { get; }

    /// <summary><c>Standard</c> for a checkpoint a user or the host took, <c>Recovery</c> for one backup software left.</summary>
    public string Type { get; }

    /// <summary>The snapshot's notes, as libvirt's description; null when there are none.</summary>
    public string? Description { get; }

    /// <summary>The snapshot's GUID (from its InstanceID <c>Microsoft:&lt;GUID&gt;</c>).</summary>
    public Guid? Id { get; }

    /// <summary>The parent snapshot's GUID; null for a root.</summary>
    public Guid? ParentId { get; }

    /// <summary>The snapshot's Msvm_VirtualSystemSettingData InstanceID.</summary>
    public string InstanceId { get; }

    /// <summary>The domain's UUID.</summary>
    public Guid DomainUuid { get; }

    /// <summary>The host the domain lives on, as its session names it.</summary>
    public string ComputerName { get; }

    /// <summary>The identity of the session the snapshot was read through.</summary>
    public Guid ConnectionId { get; }

    /// <summary>The snapshot's Msvm_VirtualSystemSettingData as the host sent it.</summary>
    public CimObject GetSettings() => _settings;

    /// <inheritdoc />
    public override string ToString() => Name;
}
