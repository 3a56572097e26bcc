namespace HyperVLibvirt.Simulator.Model;

/// <summary>One WMI namespace of the host: its schemas and the instances of each class.</summary>
internal sealed class HostNamespace
{
    private readonly Dictionary<string, ClassTable> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<CimInstance>> _associationsByEnd = new(StringComparer.OrdinalIgnoreCase);
    private DeferredTables? _deferred;

    public HostNamespace(string name, HostProfile? profile = null)
    {
        Name = name;
        Catalog = new CimSchemaCatalog(name, profile);
        IsV1 = string.Equals(name, HostProfile.V1Namespace, StringComparison.OrdinalIgnoreCase);
        IsVirtualization = name.StartsWith("root/virtualization", StringComparison.OrdinalIgnoreCase);
        foreach (var cimClass in Catalog.Classes)
        {
            _tables[cimClass.Name] = new ClassTable(cimClass);
        }
    }

    public string Name { get; }

    public CimSchemaCatalog Catalog { get; }

    /// <summary>Whether this is the v1 <c>root/virtualization</c> namespace (v1 state numbers).</summary>
    public bool IsV1 { get; }

    public bool IsVirtualization { get; }

    public IEnumerable<ClassTable> Tables => _tables.Values;

    /// <summary>A class's table; the first look at a deferred class fills the deferred tables.</summary>
    public ClassTable? Table(string className)
    {
        if (_deferred is { } deferred && deferred.Classes.Contains(className))
        {
            LoadDeferred();
        }

        return _tables.GetValueOrDefault(className);
    }

    /// <summary>
    /// Defers filling some tables until a query first looks at one of them (or at an association
    /// that may reach them), so hosts with many VMs pay for device instances only when asked.
    /// </summary>
    public void Defer(IReadOnlyCollection<string> classNames, Action load) =>
        _deferred = new DeferredTables(new HashSet<string>(classNames, StringComparer.OrdinalIgnoreCase), new Lazy<bool>(() =>
        {
            load();
            return true;
        }, LazyThreadSafetyMode.ExecutionAndPublication));

    /// <summary>Whether a class is filled on first use (see <see cref="Defer"/>).</summary>
    public bool IsDeferred(string className) => _deferred is { } deferred && deferred.Classes.Contains(className);

    /// <summary>Fills the deferred tables now (once; concurrent callers wait for it).</summary>
    public void LoadDeferred() => _ = _deferred?.Loaded.Value;

    /// <summary>The table of a class this namespace is known to have (a programming error otherwise).</summary>
    public ClassTable Required(string className) =>
        _tables.TryGetValue(className, out var table) ? table : throw new InvalidOperationException($"{Name} has no class {className}.");

    public CimInstance New(string className) => new(Required(className).Class);

    /// <summary>Publishes association instances and indexes them by each reference they hold.</summary>
    public void AddAssociations(string className, IReadOnlyCollection<CimInstance> associations)
    {
        lock (_associationsByEnd)
        {
            foreach (var association in associations)
            {
                foreach (var end in ReferenceTexts(association))
                {
                    if (!_associationsByEnd.TryGetValue(end, out var list))
                    {
                        list = [];
                        _associationsByEnd[end] = list;
                    }

                    list.Add(association);
                }
            }
        }

        Required(className).AddRange(associations);
    }

    /// <summary>Withdraws one association instance.</summary>
    public void RemoveAssociation(CimInstance association)
    {
        Required(association.Class.Name).Remove(association);
        lock (_associationsByEnd)
        {
            foreach (var end in ReferenceTexts(association))
            {
                if (_associationsByEnd.TryGetValue(end, out var list))
                {
                    list.Remove(association);
                    if (list.Count == 0)
                    {
                        _associationsByEnd.Remove(end);
                    }
                }
            }
        }
    }

    /// <summary>The association instances that reference the instance with this normalized reference text.</summary>
    public IReadOnlyList<CimInstance> AssociationsOf(string referenceText)
    {
        lock (_associationsByEnd)
        {
            return _associationsByEnd.TryGetValue(referenceText, out var list) ? list.ToArray() : [];
        }
    }

    private static IEnumerable<string> ReferenceTexts(CimInstance association)
    {
        for (var i = 0; i < association.Class.Properties.Count; i++)
        {
            if (association.GetValue(i) is CimReference reference)
            {
                yield return InstanceKeys.ReferenceText(reference);
            }
        }
    }

    private sealed record DeferredTables(HashSet<string> Classes, Lazy<bool> Loaded);
}
