namespace HyperVLibvirt.Simulator.Model;

/// <summary>One WMI namespace of the host: its schemas and the instances of each class.</summary>
internal sealed class HostNamespace
{
    private readonly Dictionary<string, ClassTable> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<CimInstance>> _associationsByEnd = new(StringComparer.OrdinalIgnoreCase);

    public HostNamespace(string name)
    {
        Name = name;
        Catalog = new CimSchemaCatalog(name);
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

    public ClassTable? Table(string className) => _tables.GetValueOrDefault(className);

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
}
