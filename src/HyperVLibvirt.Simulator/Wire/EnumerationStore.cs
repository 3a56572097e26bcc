using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator.Wire;

/// <summary>One open enumeration: the snapshot being walked and how to write its items.</summary>
internal sealed class EnumerationState
{
    /// <summary>Creates the state.</summary>
    public EnumerationState(string user, IReadOnlyList<CimInstance> items, IReadOnlyList<string>? selectedProperties, EnumerationMode mode)
    {
        User = user;
        Items = items;
        SelectedProperties = selectedProperties;
        Mode = mode;
    }

    /// <summary>The user who opened it (contexts are per user).</summary>
    public string User { get; }

    /// <summary>The instances, taken when the enumeration started.</summary>
    public IReadOnlyList<CimInstance> Items { get; }

    /// <summary>The property list of <c>SELECT A, B</c> (null for whole instances).</summary>
    public IReadOnlyList<string>? SelectedProperties { get; }

    /// <summary>Objects, EPRs or both.</summary>
    public EnumerationMode Mode { get; }

    /// <summary>Index of the next item to send.</summary>
    public int Position { get; set; }

    /// <summary>When the last response for it was sent (the idle timer starts here).</summary>
    public DateTimeOffset LastTouched { get; set; }

    /// <summary>True when every item has been sent.</summary>
    public bool IsFinished => Position >= Items.Count;
}

/// <summary>
/// Open enumeration contexts. Each response gets a new context value; a context idle longer than
/// the enumeration timeout is gone (n:InvalidEnumerationContext), and each user may hold at most
/// MaxConcurrentOperationsPerUser contexts (w:InternalError 2150859174), as WinRM enforces.
/// </summary>
internal sealed class EnumerationStore
{
    private readonly Dictionary<string, EnumerationState> _contexts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _perUser = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();
    private readonly TimeProvider _clock;
    private readonly Func<TimeSpan> _timeout;
    private readonly Func<int> _maxPerUser;

    /// <summary>Creates the store; timeout and cap are read on each call so they can change at run time.</summary>
    public EnumerationStore(TimeProvider clock, Func<TimeSpan> timeout, Func<int> maxPerUser)
    {
        _clock = clock;
        _timeout = timeout;
        _maxPerUser = maxPerUser;
    }

    /// <summary>How many contexts are open (expired ones not yet swept included).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _contexts.Count;
            }
        }
    }

    /// <summary>Stores a state under a new context value; faults when the user's quota is used up.</summary>
    public string Add(EnumerationState state, bool enforceQuota)
    {
        lock (_lock)
        {
            var now = _clock.GetUtcNow();
            if (enforceQuota)
            {
                var limit = _maxPerUser();
                if (_perUser.GetValueOrDefault(state.User) >= limit)
                {
                    SweepExpired(now);
                    if (_perUser.GetValueOrDefault(state.User) >= limit)
                    {
                        throw new WsManFaultException(WsManFaults.MaxConcurrentOperationsPerUser(limit));
                    }
                }
            }

            var id = EnvelopeWriter.NewMessageId();
            state.LastTouched = now;
            _contexts[id] = state;
            _perUser[state.User] = _perUser.GetValueOrDefault(state.User) + 1;
            return id;
        }
    }

    /// <summary>Removes and returns the state of a live context owned by <paramref name="user"/>, or faults.</summary>
    public EnumerationState Take(string context, string user)
    {
        lock (_lock)
        {
            if (!_contexts.TryGetValue(context, out var state) || !string.Equals(state.User, user, StringComparison.OrdinalIgnoreCase))
            {
                throw new WsManFaultException(WsManFaults.InvalidEnumerationContext());
            }

            RemoveLocked(context, state);
            if (IsExpired(state, _clock.GetUtcNow()))
            {
                throw new WsManFaultException(WsManFaults.InvalidEnumerationContext());
            }

            return state;
        }
    }

    /// <summary>Drops every expired context (they also vanish lazily when touched).</summary>
    public void SweepExpired()
    {
        lock (_lock)
        {
            SweepExpired(_clock.GetUtcNow());
        }
    }

    private void SweepExpired(DateTimeOffset now)
    {
        List<string>? dead = null;
        foreach (var (id, state) in _contexts)
        {
            if (IsExpired(state, now))
            {
                (dead ??= []).Add(id);
            }
        }

        if (dead is null)
        {
            return;
        }

        foreach (var id in dead)
        {
            RemoveLocked(id, _contexts[id]);
        }
    }

    private bool IsExpired(EnumerationState state, DateTimeOffset now) => now - state.LastTouched > _timeout();

    private void RemoveLocked(string id, EnumerationState state)
    {
        _contexts.Remove(id);
        var left = _perUser.GetValueOrDefault(state.User) - 1;
        if (left <= 0)
        {
            _perUser.Remove(state.User);
        }
        else
        {
            _perUser[state.User] = left;
        }
    }
}
