using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Snapshots;

/// <summary>
/// Builds every VM's snapshot tree from a host's snapshot settings (one query) and its Msvm_MostCurrentSnapshotInBranch
/// associations (another), client-side: a snapshot belongs to the VM named by its VirtualSystemIdentifier, hangs under
/// the snapshot its Parent path names (a root when that is null, unknown, another VM's or would close a loop), and is
/// current when the VM's association names it.
/// </summary>
public static class SnapshotTree
{
    /// <summary>A VM's snapshots in tree order: depth first, roots and siblings oldest first.</summary>
    public static IReadOnlyDictionary<Guid, IReadOnlyList<HvDomainSnapshot>> Build(
        IEnumerable<CimObject> snapshotSettings, IEnumerable<CimObject> currentSnapshots,
        Func<Guid, (string Name, string ComputerName, Guid ConnectionId)?> domainOf)
    {
        ArgumentNullException.ThrowIfNull(snapshotSettings);
        ArgumentNullException.ThrowIfNull(currentSnapshots);
        ArgumentNullException.ThrowIfNull(domainOf);
        var current = CurrentByVm(currentSnapshots);
        var perVm = new Dictionary<Guid, List<(SnapshotNode Node, CimObject Settings)>>();
        foreach (var settings in snapshotSettings)
        {
            if (!SnapshotQuery.IsSnapshotType(settings.GetString("VirtualSystemType"))
                || !Guid.TryParse(settings.GetString("VirtualSystemIdentifier"), out var vm)
                || settings.GetString("InstanceID") is not { Length: > 0 } instanceId)
            {
                continue;
            }
            var node = new SnapshotNode(instanceId, SettingsInstanceId.GuidOf(instanceId), settings.GetString("ElementName") ?? string.Empty,
                settings.GetDateTime("CreationTime"), WmiObjectPath.KeyValue(settings.GetString("Parent"), "InstanceID"));
            node.IsCurrent = current.TryGetValue(vm, out var currentId) && string.Equals(currentId, instanceId, StringComparison.OrdinalIgnoreCase);
            if (!perVm.TryGetValue(vm, out var list))
            {
                list = [];
                perVm[vm] = list;
            }
            list.Add((node, settings));
        }

        var trees = new Dictionary<Guid, IReadOnlyList<HvDomainSnapshot>>();
        foreach (var (vm, nodes) in perVm)
        {
            if (domainOf(vm) is not { } domain)
            {
                continue;
            }
            trees[vm] = Order(Link(nodes))
                .Select(entry => new HvDomainSnapshot(entry.Settings, entry.Node, domain.Name, vm, domain.ComputerName, domain.ConnectionId))
                .ToArray();
        }
        return trees;
    }

    private static Dictionary<Guid, string> CurrentByVm(IEnumerable<CimObject> associations)
    {
        var current = new Dictionary<Guid, string>();
        foreach (var association in associations)
        {
            if (Guid.TryParse(association.GetReference("Antecedent")?.GetSelector("Name"), out var vm)
                && association.GetReference("Dependent")?.GetSelector("InstanceID") is { } instanceId)
            {
                current.TryAdd(vm, instanceId);
            }
        }
        return current;
    }

    private static List<(SnapshotNode Node, CimObject Settings)> Link(List<(SnapshotNode Node, CimObject Settings)> nodes)
    {
        var byId = new Dictionary<string, SnapshotNode>(StringComparer.OrdinalIgnoreCase);
        foreach (var (node, _) in nodes)
        {
            byId.TryAdd(node.InstanceId, node);
        }
        foreach (var (node, _) in nodes)
        {
            if (node.ParentInstanceId is { } parentId && byId.TryGetValue(parentId, out var parent) && !IsAncestorOrSelf(node, parent, nodes.Count))
            {
                node.Parent = parent;
                parent.Children.Add(node);
            }
        }
        return nodes;
    }

    // Whether linking node under parent would close a loop: walks parent's ancestors, at most the tree's size.
    private static bool IsAncestorOrSelf(SnapshotNode node, SnapshotNode parent, int bound)
    {
        var step = parent;
        for (var i = 0; step is not null && i <= bound; i++, step = step.Parent)
        {
            if (ReferenceEquals(step, node))
            {
                return true;
            }
        }
        return false;
    }

    private static IEnumerable<(SnapshotNode Node, CimObject Settings)> Order(List<(SnapshotNode Node, CimObject Settings)> nodes)
    {
        var settingsOf = nodes.ToDictionary(n => n.Node, n => n.Settings);
        var pending = new Stack<SnapshotNode>(OldestFirst(nodes.Select(n => n.Node).Where(n => n.Parent is null)).Reverse());
        while (pending.TryPop(out var node))
        {
            node.Depth = node.Parent is null ? 0 : node.Parent.Depth + 1;
            yield return (node, settingsOf[node]);
            foreach (var child in OldestFirst(node.Children).Reverse())
            {
                pending.Push(child);
            }
        }
    }

    private static IEnumerable<SnapshotNode> OldestFirst(IEnumerable<SnapshotNode> nodes) =>
        nodes.OrderBy(n => n.Created ?? DateTimeOffset.MaxValue).ThenBy(n => n.Name, StringComparer.Ordinal).ToArray();
}
