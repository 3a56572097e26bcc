using System.Globalization;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>What a <see cref="CimValue"/> holds.</summary>
public enum CimValueKind
{
    /// <summary>An element with <c>xsi:nil="true"</c>.</summary>
    Null,
    /// <summary>Plain text: strings, numbers and booleans arrive as text and are typed on read.</summary>
    Text,
    /// <summary>A <c>cim:Datetime</c> (or <c>cim:Date</c>, <c>cim:Time</c>, <c>cim:CIM_DateTime</c>) timestamp.</summary>
    DateTime,
    /// <summary>A <c>cim:Interval</c> duration.</summary>
    Interval,
    /// <summary>An endpoint reference (a reference-typed property or parameter).</summary>
    Reference,
    /// <summary>An embedded instance in its own class namespace.</summary>
    Object,
    /// <summary>Repeated sibling elements with the same name.</summary>
    Array,
}

/// <summary>
/// One property value of a WS-Man instance. WS-Man carries no schema, so numbers and booleans
/// stay text until a caller asks for a type; a one-element array looks like a scalar, so
/// <see cref="AsArray"/> accepts both.
/// </summary>
public sealed class CimValue
{
    /// <summary>The shared null value.</summary>
    public static readonly CimValue Null = new(CimValueKind.Null, null);

    /// <summary>A shared empty-string text value (the common <c>&lt;p:X&gt;&lt;/p:X&gt;</c>).</summary>
    internal static readonly CimValue EmptyText = new(CimValueKind.Text, string.Empty);

    private readonly object? _value;

    private CimValue(CimValueKind kind, object? value)
    {
        Kind = kind;
        _value = value;
    }

    /// <summary>What this value holds.</summary>
    public CimValueKind Kind { get; }

    /// <summary>True for <c>xsi:nil</c>.</summary>
    public bool IsNull => Kind == CimValueKind.Null;

    /// <summary>A text value.</summary>
    public static CimValue FromText(string text) => new(CimValueKind.Text, text);

    /// <summary>A timestamp. <paramref name="raw"/> keeps the wire text for round trips and display.</summary>
    public static CimValue FromDateTime(DateTimeOffset value, string raw) => new(CimValueKind.DateTime, (value, raw));

    /// <summary>An interval.</summary>
    public static CimValue FromInterval(TimeSpan value, string raw) => new(CimValueKind.Interval, (value, raw));

    /// <summary>A reference.</summary>
    public static CimValue FromReference(EndpointReference reference) => new(CimValueKind.Reference, reference);

    /// <summary>An embedded instance.</summary>
    public static CimValue FromObject(CimObject value) => new(CimValueKind.Object, value);

    /// <summary>An array of values (each non-array).</summary>
    public static CimValue FromArray(IReadOnlyList<CimValue> items) => new(CimValueKind.Array, items);

    /// <summary>The text of a Text value, the wire text of a datetime or interval, else null.</summary>
    public string? AsString() => _value switch
    {
        string s => s,
        ValueTuple<DateTimeOffset, string> d => d.Item2,
        ValueTuple<TimeSpan, string> i => i.Item2,
        _ => null,
    };

    /// <summary>The timestamp, or null when this is not a datetime.</summary>
    public DateTimeOffset? AsDateTime() => _value is ValueTuple<DateTimeOffset, string> d ? d.Item1 : null;

    /// <summary>The interval, or null when this is not an interval.</summary>
    public TimeSpan? AsInterval() => _value is ValueTuple<TimeSpan, string> i ? i.Item1 : null;

    /// <summary>The reference, or null.</summary>
    public EndpointReference? AsReference() => _value as EndpointReference;

    /// <summary>The embedded instance, or null.</summary>
    public CimObject? AsObject() => _value as CimObject;

    /// <summary>The items: an array's items, a scalar as one item, null as none.</summary>
    public IReadOnlyList<CimValue> AsArray() => Kind switch
    {
        CimValueKind.Array => (IReadOnlyList<CimValue>)_value!,
        CimValueKind.Null => Array.Empty<CimValue>(),
        _ => new[] { this },
    };

    /// <summary>An unsigned integer, or null when absent, nil or not a number.</summary>
    public ulong? AsUInt64() =>
        ulong.TryParse(AsString()?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>A signed integer, or null when absent, nil or not a number.</summary>
    public long? AsInt64() =>
        long.TryParse(AsString()?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>A boolean (<c>true</c>/<c>false</c>, any case), or null.</summary>
    public bool? AsBoolean() => AsString()?.Trim().ToLowerInvariant() switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        CimValueKind.Null => string.Empty,
        CimValueKind.Array => string.Join(", ", AsArray().Select(v => v.ToString())),
        CimValueKind.Reference => AsReference()!.ToString(),
        CimValueKind.Object => AsObject()!.ClassName,
        _ => AsString() ?? string.Empty,
    };
}
