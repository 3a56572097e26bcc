using System.Security.Cryptography;
using System.Text;

namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// Edits one v2 namespace's snapshot trees as Hyper-V's snapshot service does: a new snapshot becomes the VM's current
/// one with the previous current as parent; applying one makes it current; destroying one hands its children to its
/// parent; destroying a subtree removes the snapshot and everything below it. When the current snapshot goes, its
/// parent (if any) becomes current. Callers hold the host's state lock.
/// </summary>
internal sealed class SnapshotTreeEditor
{
    private const string SettingsClass = "Msvm_VirtualSystemSettingData";
    private const string OfSystemClass = "Msvm_SnapshotOfVirtualSystem";
    private const string ParentChildClass = "Msvm_ParentChildSettingData";
    private const string MostCurrentClass = "Msvm_MostCurrentSnapshotInBranch";

    private readonly HostNamespace _ns;
    private readonly SnapshotInstanceFactory _factory;

    public SnapshotTreeEditor(HostNamespace ns, SnapshotInstanceFactory factory)
    {
        _ns = ns;
        _factory = factory;
    }

    /// <summary>The snapshot a reference names (a realized VM's settings are not snapshots), or null.</summary>
    public CimInstance? Find(CimReference reference) => Find(reference.Selectors);

    /// <summary>The snapshot its key selectors (InstanceID) name, or null.</summary>
    public CimInstance? Find(IReadOnlyList<KeyValuePair<string, string>> selectors)
    {
        var table = _ns.Required(SettingsClass);
        var key = InstanceKeys.FromSelectors(table.Class, selectors);
        return key is not null && table.Find(key) is { } settings
            && string.Equals((string?)settings["VirtualSystemType"], "Microsoft:Hyper-V:Snapshot:Realized", StringComparison.Ordinal)
            ? settings : null;
    }

    /// <summary>Takes a snapshot of the VM: it becomes current, its parent the snapshot that was current.</summary>
    public CimInstance Create(VmRecord vm, string name, DateTimeOffset now, bool withMemory)
    {
        var parent = Current(vm);
        var id = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(vm.Name + "/taken/" + now.UtcTicks + "/" + _ns.Required(SettingsClass).Items.Length)).AsSpan(0, 16));
        var snapshot = _factory.Taken(vm, id, name, now, withMemory, parent);
        _ns.Required(SettingsClass).Add(snapshot);
        var reference = InstanceKeys.ReferenceTo(snapshot);
        _ns.AddAssociations(OfSystemClass, [_factory.Association(OfSystemClass, SystemOf(vm), reference)]);
        if (parent is not null)
        {
            _ns.AddAssociations(ParentChildClass, [_factory.Association(ParentChildClass, InstanceKeys.ReferenceTo(parent), reference)]);
        }

        SetCurrent(vm, snapshot);
        return snapshot;
    }

    /// <summary>Makes the snapshot the VM's current one; true when it holds memory (the VM comes back saved).</summary>
    public bool Apply(VmRecord vm, CimInstance snapshot)
    {
        SetCurrent(vm, snapshot);
        return snapshot["IsSaved"] is true;
    }

    /// <summary>Destroys one snapshot; its children take its parent (or become roots).</summary>
    public void Destroy(VmRecord vm, CimInstance snapshot)
    {
        var parent = ParentOf(snapshot);
        var wasCurrent = IsCurrent(vm, snapshot);
        foreach (var child in ChildrenOf(snapshot))
        {
            var moved = Clone(child);
            moved["Parent"] = parent is null ? null : _factory.ObjectPath(parent);
            _ns.Required(SettingsClass).Replace(moved);
            if (parent is not null)
            {
                _ns.AddAssociations(ParentChildClass, [_factory.Association(ParentChildClass, InstanceKeys.ReferenceTo(parent), InstanceKeys.ReferenceTo(child))]);
            }
        }

        Remove(snapshot);
        if (wasCurrent && parent is not null)
        {
            SetCurrent(vm, parent);
        }
    }

    /// <summary>Destroys a snapshot and all its descendants.</summary>
    public void DestroyTree(VmRecord vm, CimInstance snapshot)
    {
        var parent = ParentOf(snapshot);
        var subtree = new List<CimInstance>();
        var pending = new Stack<CimInstance>([snapshot]);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            subtree.Add(next);
            foreach (var child in ChildrenOf(next))
            {
                pending.Push(child);
            }
        }

        var currentGoes = subtree.Any(s => IsCurrent(vm, s));
        foreach (var gone in subtree)
        {
            Remove(gone);
        }

        if (currentGoes && parent is not null)
        {
            SetCurrent(vm, parent);
        }
    }

    /// <summary>Gives the snapshot a new name (ElementName); its place in the tree does not change.</summary>
    public void Rename(CimInstance snapshot, string name)
    {
        var renamed = Clone(snapshot);
        renamed["ElementName"] = name;
        _ns.Required(SettingsClass).Replace(renamed);
    }

    private void Remove(CimInstance snapshot)
    {
        foreach (var association in _ns.AssociationsOf(ReferenceText(snapshot)))
        {
            _ns.RemoveAssociation(association);
        }

        _ns.Required(SettingsClass).Remove(snapshot);
    }

    private CimInstance? Current(VmRecord vm) =>
        _ns.AssociationsOf(InstanceKeys.ReferenceText(SystemOf(vm)))
            .Where(a => a.Class.Name == MostCurrentClass)
            .Select(a => Resolve((CimReference)a["Dependent"]!))
            .FirstOrDefault(s => s is not null);

    private bool IsCurrent(VmRecord vm, CimInstance snapshot) => Current(vm) is { } current && InstanceKeys.Of(current) == InstanceKeys.Of(snapshot);

    private void SetCurrent(VmRecord vm, CimInstance snapshot)
    {
        var system = SystemOf(vm);
        foreach (var old in _ns.AssociationsOf(InstanceKeys.ReferenceText(system)).Where(a => a.Class.Name == MostCurrentClass))
        {
            _ns.RemoveAssociation(old);
        }

        _ns.AddAssociations(MostCurrentClass, [_factory.Association(MostCurrentClass, system, InstanceKeys.ReferenceTo(snapshot))]);
    }

    private CimInstance? ParentOf(CimInstance snapshot) =>
        _ns.AssociationsOf(ReferenceText(snapshot))
            .Where(a => a.Class.Name == ParentChildClass && InstanceKeys.ReferenceText((CimReference)a["Dependent"]!) == ReferenceText(snapshot))
            .Select(a => Resolve((CimReference)a["Antecedent"]!))
            .FirstOrDefault(s => s is not null);

    private List<CimInstance> ChildrenOf(CimInstance snapshot) =>
        _ns.AssociationsOf(ReferenceText(snapshot))
            .Where(a => a.Class.Name == ParentChildClass && InstanceKeys.ReferenceText((CimReference)a["Antecedent"]!) == ReferenceText(snapshot))
            .Select(a => Resolve((CimReference)a["Dependent"]!))
            .OfType<CimInstance>()
            .ToList();

    private CimInstance? Resolve(CimReference reference) =>
        InstanceKeys.FromSelectors(_ns.Required(SettingsClass).Class, reference.Selectors) is { } key ? _ns.Required(SettingsClass).Find(key) : null;

    private CimReference SystemOf(VmRecord vm)
    {
        var table = _ns.Required("Msvm_ComputerSystem");
        var system = table.Find(InstanceKeys.FromSelectors(table.Class, [new("CreationClassName", "Msvm_ComputerSystem"), new("Name", vm.Name)])!)!;
        return InstanceKeys.ReferenceTo(system);
    }

    private static string ReferenceText(CimInstance instance) => InstanceKeys.ReferenceText(InstanceKeys.ReferenceTo(instance));

    private CimInstance Clone(CimInstance source)
    {
        var copy = new CimInstance(source.Class);
        for (var i = 0; i < source.Class.Properties.Count; i++)
        {
            copy[source.Class.Properties[i].Name] = source.GetValue(i);
        }

        return copy;
    }
}
