namespace HyperVLibvirt.Simulator.Model;

/// <summary>One property of a class schema.</summary>
public sealed record CimPropertyDefinition(string Name, CimType Type, bool IsArray);

/// <summary>A WMI class schema: its namespace, properties (inherited ones included) and keys.</summary>
public sealed class CimClassDefinition
{
    /// <summary>Creates a class; properties are stored sorted case-insensitively, as WinRM writes them.</summary>
    public CimClassDefinition(string name, string wmiNamespace, IEnumerable<CimPropertyDefinition> properties, IReadOnlyList<string> keys)
    {
        Name = name;
        Namespace = wmiNamespace;
        Properties = properties.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToArray();
        Keys = keys;
        ResourceUri = "http://schemas.microsoft.com/wbem/wsman/1/wmi/" + wmiNamespace + "/" + name;
        _index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Properties.Count; i++)
        {
            _index[Properties[i].Name] = i;
        }
    }

    private readonly Dictionary<string, int> _index;

    /// <summary>The class name, e.g. <c>Msvm_ComputerSystem</c>.</summary>
    public string Name { get; }

    /// <summary>The WMI namespace with forward slashes, e.g. <c>root/virtualization/v2</c>.</summary>
    public string Namespace { get; }

    /// <summary>The class resource URI, which is also the XML namespace of its instances.</summary>
    public string ResourceUri { get; }

    /// <summary>All properties, sorted case-insensitively by name.</summary>
    public IReadOnlyList<CimPropertyDefinition> Properties { get; }

    /// <summary>The key property names.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>The index of a property in <see cref="Properties"/> (case-insensitive), or -1.</summary>
    public int IndexOf(string propertyName) => _index.TryGetValue(propertyName, out var i) ? i : -1;
}
