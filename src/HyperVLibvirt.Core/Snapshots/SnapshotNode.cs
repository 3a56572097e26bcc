namespace HyperVLibvirt.Core.Snapshots;

/// <summary>One snapshot in a domain's tree, as <see cref="SnapshotTree"/> builds it from the host's settings.</summary>
internal sealed class SnapshotNode
{
    public SnapshotNode(string instanceId, Guid? id, string name, DateTimeOffset? created, string? parentInstanceId)
    {
        InstanceId = instanceId;
        Id = id;
        Name = name;
        Created = created;
        ParentInstanceId = parentInstanceId;
    }

    public string InstanceId { get; }

    public Guid? Id { get; }

    public string Name { get; }

    public DateTimeOffset? Created { get; }

    /// <summary>The InstanceID named by the snapshot's Parent path (null for a root).</summary>
    public string? ParentInstanceId { get; }

    public SnapshotNode? Parent { get; set; }

    public List<SnapshotNode> Children { get; } = [];

    public bool IsCurrent { get; set; }

    public int Depth { get; set; }

    // Iterative, so a deep chain cannot overflow the stack.
    public int CountDescendants()
    {
        var count = 0;
        var pending = new Stack<SnapshotNode>(Children);
        while (pending.TryPop(out var node))
        {
            count++;
            foreach (var child in node.Children)
            {
                pending.Push(child);
            }
        }
        return count;
    }
}
