namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// The instances of one class in one namespace. Readers take the current array without a lock;
/// a state change swaps one slot for a new snapshot (a reference write, so a reader sees either
/// the old or the new instance, both consistent); adding or removing publishes a new array.
/// </summary>
internal sealed class ClassTable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, int> _indexByKey = new(StringComparer.OrdinalIgnoreCase);
    private CimInstance[] _items = [];

    public ClassTable(CimClassDefinition cimClass)
    {
        Class = cimClass;
        // Associations are keyed by their references: long texts nobody looks up by key
        // (ASSOCIATORS goes through the namespace's association index), so skip indexing them.
        _indexed = !cimClass.Keys.Any(k => cimClass.Properties[cimClass.IndexOf(k)].Type == CimType.Reference);
    }

    private readonly bool _indexed;

    public CimClassDefinition Class { get; }

    /// <summary>The current instances; do not write to the array.</summary>
    public CimInstance[] Items => Volatile.Read(ref _items);

    public void AddRange(IReadOnlyCollection<CimInstance> instances)
    {
        lock (_gate)
        {
            var items = new CimInstance[_items.Length + instances.Count];
            Array.Copy(_items, items, _items.Length);
            var i = _items.Length;
            foreach (var instance in instances)
            {
                if (_indexed)
                {
                    _indexByKey[InstanceKeys.Of(instance)] = i;
                }

                items[i++] = instance;
            }

            Volatile.Write(ref _items, items);
        }
    }

    public void Add(CimInstance instance) => AddRange([instance]);

    /// <summary>Swaps in a new set of instances at once (for rows recomputed per query, such as performance counters).</summary>
    public void ReplaceAll(IReadOnlyCollection<CimInstance> instances)
    {
        lock (_gate)
        {
            _indexByKey.Clear();
            Volatile.Write(ref _items, []);
        }

        AddRange(instances);
    }

    /// <summary>Replaces the instance with the same key; returns false when there is none.</summary>
    public bool Replace(CimInstance instance)
    {
        lock (_gate)
        {
            if (!_indexByKey.TryGetValue(InstanceKeys.Of(instance), out var index))
            {
                return false;
            }

            Volatile.Write(ref _items[index], instance);
            return true;
        }
    }

    /// <summary>Removes one instance by identity (for unindexed association tables).</summary>
    public bool Remove(CimInstance instance)
    {
        lock (_gate)
        {
            var index = Array.IndexOf(_items, instance);
            return index >= 0 && RemoveAt(index, _indexed ? InstanceKeys.Of(instance) : null);
        }
    }

    public bool Remove(string key)
    {
        lock (_gate)
        {
            return _indexByKey.TryGetValue(key, out var index) && RemoveAt(index, key);
        }
    }

    // Caller holds _gate.
    private bool RemoveAt(int index, string? key)
    {
        var items = new CimInstance[_items.Length - 1];
        Array.Copy(_items, 0, items, 0, index);
        Array.Copy(_items, index + 1, items, index, _items.Length - index - 1);
        if (key is not null)
        {
            _indexByKey.Remove(key);
            for (var i = index; i < items.Length; i++)
            {
                _indexByKey[InstanceKeys.Of(items[i])] = i;
            }
        }

        Volatile.Write(ref _items, items);
        return true;
    }

    public CimInstance? Find(string key)
    {
        lock (_gate)
        {
            return _indexByKey.TryGetValue(key, out var index) ? _items[index] : null;
        }
    }
}
