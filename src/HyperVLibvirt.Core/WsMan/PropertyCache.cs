using System.Runtime.CompilerServices;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// Shares the <see cref="CimProperty"/> objects of short text values that repeat from instance to
/// instance (class names, captions, states, flags, small numbers): every VM of a listing carries
/// dozens of them, and without sharing each costs a string, a value and a property.
/// </summary>
/// <remarks>
/// Belongs to one <see cref="XmlNames"/> (so one thread at a time) and lives as long as it, across
/// responses. Names are atomized in that table, so they compare by reference. Bounded: values up to
/// <see cref="MaxLength"/> characters and at most <see cref="Capacity"/> entries; once full, values
/// it does not hold are simply allocated as before, and the next response starts with an empty table
/// (<see cref="StartResponse"/>), so unique values (GUIDs, names, ids) cannot crowd out the shared
/// ones for good in a long session.
/// </remarks>
internal sealed class PropertyCache
{
    /// <summary>The longest text value shared.</summary>
    public const int MaxLength = 40;

    /// <summary>The most entries held (half the slots, so probes stay short).</summary>
    public const int Capacity = 1024;

    private const int Slots = Capacity * 2;

    private readonly CimProperty?[] _table = new CimProperty?[Slots];
    private readonly Dictionary<string, CimProperty> _nil = new(ReferenceEqualityComparer.Instance);
    private int _count;

    /// <summary>Called as a response is opened: a full table is emptied, so the values this response repeats get shared.</summary>
    public void StartResponse()
    {
        if (_count >= Capacity)
        {
            Array.Clear(_table);
            _count = 0;
        }
    }

    /// <summary>The property <paramref name="name"/> (atomized) with the text <paramref name="text"/>, shared when possible.</summary>
    public CimProperty Text(string name, ReadOnlySpan<char> text)
    {
        if (text.Length == 0)
        {
            return Share(name, text, CimValue.EmptyText);
        }
        return text.Length > MaxLength ? new CimProperty(name, CimValue.FromText(new string(text))) : Share(name, text, null);
    }

    /// <summary>The nil property <paramref name="name"/> (atomized), shared.</summary>
    public CimProperty Nil(string name)
    {
        if (_nil.TryGetValue(name, out var p))
        {
            return p;
        }
        p = new CimProperty(name, CimValue.Null);
        if (_nil.Count < Capacity)
        {
            _nil[name] = p;
        }
        return p;
    }

    private CimProperty Share(string name, ReadOnlySpan<char> text, CimValue? value)
    {
        var mask = Slots - 1;
        var i = (RuntimeHelpers.GetHashCode(name) * 31 + string.GetHashCode(text)) & mask;
        while (_table[i] is { } p)
        {
            if ((object)p.Name == name && text.SequenceEqual(p.Value.AsString()))
            {
                return p;
            }
            i = (i + 1) & mask;
        }
        var created = new CimProperty(name, value ?? CimValue.FromText(new string(text)));
        if (_count < Capacity)
        {
            _table[i] = created;
            _count++;
        }
        return created;
    }
}
