namespace HyperVLibvirt.Core.WsMan;

/// <summary>One property of a <see cref="CimObject"/>.</summary>
/// <param name="Name">The property name as the wire spells it.</param>
/// <param name="Value">Its value; never null (nil is <see cref="CimValue.Null"/>).</param>
public sealed record CimProperty(string Name, CimValue Value);

/// <summary>
/// An instance of any WMI class as read off the wire: a typed property bag. Property names
/// match case-insensitively, as WMI's do. A property the host left out reads as absent
/// (<see cref="TryGet"/> false), which real hosts do for null arrays.
/// </summary>
public sealed class CimObject
{
    // Built on first lookup: enumerations create many instances that are often read only in part.
    private Dictionary<string, CimValue>? _byName;

    /// <summary>Creates an instance. Repeated names must already be folded into one array value.</summary>
    public CimObject(string className, string? resourceUri, IReadOnlyList<CimProperty> properties)
        : this(className, resourceUri, properties, null)
    {
    }

    /// <summary>Creates an instance that also carries its own endpoint reference (EnumerationMode EPR items).</summary>
    public CimObject(string className, string? resourceUri, IReadOnlyList<CimProperty> properties, EndpointReference? reference)
    {
        Reference = reference;
        ClassName = className;
        ResourceUri = resourceUri;
        Properties = properties;
    }

    // Most instances are read a few times (a listing maps each to a record and drops it): a scan of
    // the properties is cheaper than building a dictionary, which only pays off after many lookups.
    private const int ScanLookups = 16;
    private const int ScanProperties = 64;
    private int _lookups;

    private bool Find(string name, out CimValue value)
    {
        if (Volatile.Read(ref _byName) is null && Properties.Count <= ScanProperties && _lookups++ < ScanLookups)
        {
            // From the end: with repeated names the last one wins, as in the dictionary.
            for (var i = Properties.Count - 1; i >= 0; i--)
            {
                var p = Properties[i];
                if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = p.Value;
                    return true;
                }
            }
            value = CimValue.Null;
            return false;
        }
        if (ByName.TryGetValue(name, out var v))
        {
            value = v;
            return true;
        }
        value = CimValue.Null;
        return false;
    }

    private Dictionary<string, CimValue> ByName
    {
        get
        {
            var map = Volatile.Read(ref _byName);
            if (map is not null)
            {
                return map;
            }
            map = new Dictionary<string, CimValue>(Properties.Count, StringComparer.OrdinalIgnoreCase);
            foreach (var p in Properties)
            {
                map[p.Name] = p.Value;
            }
            return Interlocked.CompareExchange(ref _byName, map, null) ?? map;
        }
    }

    /// <summary>The class name (the instance element's local name).</summary>
    public string ClassName { get; }

    /// <summary>The class resource URI (the instance element's namespace), when known.</summary>
    public string? ResourceUri { get; }

    /// <summary>
    /// The instance's own endpoint reference, when the server sent one (enumerations with
    /// <see cref="WsManEnumerationMode.EndpointReferences"/> or <see cref="WsManEnumerationMode.ObjectsAndEndpointReferences"/>); else null.
    /// </summary>
    public EndpointReference? Reference { get; }

    /// <summary>The properties in wire order.</summary>
    public IReadOnlyList<CimProperty> Properties { get; }

    /// <summary>A property's value, or null when absent.</summary>
    public CimValue? this[string name] => Find(name, out var v) ? v : null;

    /// <summary>Looks a property up.</summary>
    public bool TryGet(string name, out CimValue value) => Find(name, out value);

    /// <summary>A string property; null when absent or nil.</summary>
    public string? GetString(string name) => this[name]?.AsString();

    /// <summary>An unsigned integer property; null when absent, nil or not a number.</summary>
    public ulong? GetUInt64(string name) => this[name]?.AsUInt64();

    /// <summary>A signed integer property; null when absent, nil or not a number.</summary>
    public long? GetInt64(string name) => this[name]?.AsInt64();

    /// <summary>A boolean property; null when absent or nil.</summary>
    public bool? GetBoolean(string name) => this[name]?.AsBoolean();

    /// <summary>A datetime property; null when absent, nil or not a timestamp.</summary>
    public DateTimeOffset? GetDateTime(string name) => this[name]?.AsDateTime();

    /// <summary>A reference property; null when absent or nil.</summary>
    public EndpointReference? GetReference(string name) => this[name]?.AsReference();

    /// <summary>An array property's items; empty when absent or nil.</summary>
    public IReadOnlyList<CimValue> GetArray(string name) => this[name]?.AsArray() ?? Array.Empty<CimValue>();

    /// <inheritdoc />
    public override string ToString() => ClassName;
}
