namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// An instance of a class: one value slot per schema property, in schema order.
/// See CONTRACT.md for the CLR type of each CIM type.
/// </summary>
public sealed class CimInstance
{
    private readonly object?[] _values;

    /// <summary>Creates an instance with every property null.</summary>
    public CimInstance(CimClassDefinition cimClass)
    {
        Class = cimClass;
        _values = new object?[cimClass.Properties.Count];
    }

    /// <summary>The class.</summary>
    public CimClassDefinition Class { get; }

    /// <summary>A value by schema index.</summary>
    public object? GetValue(int propertyIndex) => _values[propertyIndex];

    /// <summary>A value by name (case-insensitive); unknown names throw.</summary>
    public object? this[string name]
    {
        get => _values[IndexOrThrow(name)];
        set => _values[IndexOrThrow(name)] = value;
    }

    private int IndexOrThrow(string name)
    {
        var i = Class.IndexOf(name);
        return i >= 0 ? i : throw new KeyNotFoundException($"{Class.Name} has no property '{name}'.");
    }
}
