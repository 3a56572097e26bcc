using System.Text.RegularExpressions;

namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// The class schemas of one WMI namespace: <c>Msvm_*</c> classes live in the virtualization
/// namespaces, everything else in <c>root/cimv2</c>.
/// </summary>
public sealed partial class CimSchemaCatalog
{
    private readonly Dictionary<string, CimClassDefinition> _classes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _parents = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Builds the catalog of a namespace (<c>root/cimv2</c>, <c>root/virtualization</c> or <c>root/virtualization/v2</c>), without the classes <paramref name="profile"/>'s release lacks there.</summary>
    public CimSchemaCatalog(string wmiNamespace, HostProfile? profile = null)
    {
        Namespace = wmiNamespace;
        var isVirtualization = wmiNamespace.StartsWith("root/virtualization", StringComparison.OrdinalIgnoreCase);
        var sources = ClientClassSchemas.All.Concat(SimulatorClassSchemas.Associations).Concat(DeviceClassSchemas.Classes)
            .Concat(GuestClassSchemas.All).Concat(SnapshotClassSchemas.All).Concat(SimulatorClassSchemas.Embedded)
            .Concat(ImageClassSchemas.All).ToArray();
        var texts = sources.ToDictionary(s => s.Name, s => s, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, parent, _) in sources)
        {
            if (name.StartsWith("Msvm_", StringComparison.Ordinal) != isVirtualization
                || (profile is not null && DeviceClassSchemas.IsMissing(name, wmiNamespace, profile)))
            {
                continue;
            }

            if (parent is not null)
            {
                _parents[name] = parent;
            }

            var properties = CollectProperties(name, texts);
            var keys = SimulatorClassSchemas.Keys.TryGetValue(name, out var k) ? k
                : DeviceClassSchemas.Keys.GetValueOrDefault(name) ?? GuestClassSchemas.Keys.GetValueOrDefault(name) ?? SnapshotClassSchemas.Keys.GetValueOrDefault(name) ?? ImageClassSchemas.Keys.GetValueOrDefault(name, []);
            _classes[name] = new CimClassDefinition(name, wmiNamespace, properties, keys);
        }
    }

    /// <summary>The namespace, with forward slashes.</summary>
    public string Namespace { get; }

    /// <summary>Every class of the namespace.</summary>
    public IEnumerable<CimClassDefinition> Classes => _classes.Values;

    /// <summary>A class by name (case-insensitive), or null.</summary>
    public CimClassDefinition? Find(string className) => _classes.GetValueOrDefault(className);

    /// <summary>Whether <paramref name="className"/> is <paramref name="ancestor"/> or derives from it.</summary>
    public bool IsSameOrDerived(string className, string ancestor)
    {
        // Bounded: the schema has no cycles, and the walk stops after the class count.
        var current = className;
        for (var depth = 0; depth <= _classes.Count && current is not null; depth++)
        {
            if (string.Equals(current, ancestor, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            current = _parents.GetValueOrDefault(current);
        }

        return false;
    }

    /// <summary>The parent class, or null.</summary>
    public string? ParentOf(string className) => _parents.GetValueOrDefault(className);

    /// <summary>Parses a property list in the schema text form, <c>Name (type), Name[] (type)</c>.</summary>
    internal static IEnumerable<CimPropertyDefinition> ParsePropertyList(string text)
    {
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = PropertyPattern().Match(part);
            if (!match.Success)
            {
                throw new FormatException($"Bad property declaration '{part}'.");
            }

            yield return new CimPropertyDefinition(match.Groups[1].Value, ParseType(match.Groups[3].Value), match.Groups[2].Success);
        }
    }

    private static List<CimPropertyDefinition> CollectProperties(string name, Dictionary<string, (string Name, string? Parent, string Properties)> texts)
    {
        var byName = new Dictionary<string, CimPropertyDefinition>(StringComparer.OrdinalIgnoreCase);
        var chain = new List<string>();
        for (var current = name; current is not null && texts.ContainsKey(current) && chain.Count < texts.Count; current = texts[current].Parent)
        {
            chain.Insert(0, current);
        }

        foreach (var cls in chain)
        {
            foreach (var p in ParsePropertyList(texts[cls].Properties))
            {
                byName[p.Name] = p;
            }

            if (SimulatorClassSchemas.ExtraProperties.TryGetValue(cls, out var extra))
            {
                foreach (var p in ParsePropertyList(extra))
                {
                    byName[p.Name] = p;
                }
            }
        }

        return byName.Values.ToList();
    }

    private static CimType ParseType(string type) => type.ToLowerInvariant() switch
    {
        "string" => CimType.String,
        "boolean" => CimType.Boolean,
        "uint8" => CimType.UInt8,
        "sint8" or "int8" => CimType.SInt8,
        "uint16" => CimType.UInt16,
        "sint16" or "int16" => CimType.SInt16,
        "uint32" => CimType.UInt32,
        "sint32" or "int32" => CimType.SInt32,
        "uint64" => CimType.UInt64,
        "sint64" or "int64" => CimType.SInt64,
        "real32" => CimType.Real32,
        "real64" => CimType.Real64,
        "char16" => CimType.Char16,
        "datetime" => CimType.DateTime,
        "ref" => CimType.Reference,
        "object" => CimType.Object,
        _ => throw new FormatException($"Unknown CIM type '{type}'."),
    };

    [GeneratedRegex(@"^(\w+)(\[\])?\s*\((\w+)\)$")]
    private static partial Regex PropertyPattern();
}
