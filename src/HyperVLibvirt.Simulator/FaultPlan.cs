namespace HyperVLibvirt.Simulator;

/// <summary>The fault-injection rules of a simulator; thread-safe, changeable while it runs.</summary>
public sealed class FaultPlan
{
    private readonly Lock _lock = new();
    private FaultRule[] _rules = [];

    /// <summary>The current rules.</summary>
    public IReadOnlyList<FaultRule> Rules => Volatile.Read(ref _rules);

    /// <summary>Adds a rule and returns it (its <see cref="FaultRule.AppliedCount"/> tells whether it fired).</summary>
    public FaultRule Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (_lock)
        {
            _rules = [.. _rules, rule];
        }

        return rule;
    }

    /// <summary>Adds a rule in the command-line syntax (see <see cref="FaultRule.Parse"/>).</summary>
    public FaultRule Add(string specification) => Add(FaultRule.Parse(specification));

    /// <summary>Removes one rule.</summary>
    public bool Remove(FaultRule rule)
    {
        lock (_lock)
        {
            var before = _rules.Length;
            _rules = _rules.Where(r => !ReferenceEquals(r, rule)).ToArray();
            return _rules.Length != before;
        }
    }

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _rules = [];
        }
    }

    /// <summary>Counts an Invoke of a method against every method rule and returns the first that fires on it, or null.</summary>
    internal FaultRule? MatchMethod(string method)
    {
        FaultRule? firing = null;
        foreach (var rule in Volatile.Read(ref _rules))
        {
            if (rule.CountAndMatchMethod(method))
            {
                firing ??= rule;
            }
        }

        return firing;
    }

    /// <summary>Counts the request against every rule and returns the rules that fire on it.</summary>
    internal List<FaultRule>? Match(string operation)
    {
        List<FaultRule>? firing = null;
        foreach (var rule in Volatile.Read(ref _rules))
        {
            if (rule.CountAndMatch(operation))
            {
                (firing ??= []).Add(rule);
            }
        }

        return firing;
    }
}
