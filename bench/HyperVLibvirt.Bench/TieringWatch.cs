using System.Diagnostics.Tracing;

namespace HyperVLibvirt.Bench;

/// <summary>
/// Watches the runtime's JIT in this process (an in-process listener on the runtime's own event
/// source, JIT keyword) for the methods of some namespaces: how many were compiled, and how many
/// currently run code that tiered compilation will replace, that is instrumented (tiered PGO) or
/// on-stack-replacement code, which the runtime recompiles at tier 1 once it has counted enough
/// calls. The benchmarks' warm-up uses it to tell the runtime's tiering from steady state.
/// </summary>
/// <remarks>
/// The runtime delivers its events to listeners with a short delay (it buffers them), so a count
/// read right after a call may lag by a fraction of a second.
/// </remarks>
public sealed class TieringWatch : EventListener
{
    private const string RuntimeSource = "Microsoft-Windows-DotNETRuntime";
    private const long JitKeyword = 0x10;

    // The runtime's JitOptimizationTier, bits 7-9 of MethodFlags in MethodLoadVerbose.
    private const int TierTier1 = 4;               // OptimizedTier1
    private const int TierOsr = 5;                 // OptimizedTier1OSR
    private const int TierTier0Instrumented = 6;   // QuickJittedInstrumented
    private const int TierTier1Instrumented = 7;   // OptimizedTier1Instrumented

    private readonly object _gate = new();
    // Pending: full key (with signature) -> Namespace.Type::Method; promoted: Namespace.Type::Method.
    private readonly Dictionary<string, string> _pending = new(StringComparer.Ordinal);
    private readonly HashSet<string> _promoted = new(StringComparer.Ordinal);
    private volatile string[]? _prefixes;
    private string[] _excluded = [];
    private int _compiled;
    private int _tier1;

    /// <summary>
    /// Watches methods whose namespace-qualified type name starts with one of <paramref name="prefixes"/>
    /// and with none of <paramref name="excluded"/>.
    /// </summary>
    public TieringWatch(string[] prefixes, string[] excluded)
    {
        // EventListener calls OnEventSourceCreated from its own constructor, before this one runs;
        // events that arrive before the prefixes are set are ignored.
        _excluded = excluded;
        _prefixes = prefixes;
    }

    /// <summary>Compilations (any tier) of watched methods since the watch started.</summary>
    public int Compiled { get { lock (_gate) { return _compiled; } } }

    /// <summary>Tier-1 compilations of watched methods since the watch started.</summary>
    public int Tier1Compiled { get { lock (_gate) { return _tier1; } } }

    /// <summary>Watched methods whose latest code is instrumented or OSR code, due a tier-1 recompilation.</summary>
    public int Pending { get { lock (_gate) { return _pending.Count; } } }

    /// <summary>
    /// True when, for each of <paramref name="methods"/> (<c>Namespace.Type::Method</c>), some overload has been
    /// compiled at tier 1 and no overload still waits in instrumented or OSR code: the hot path runs its final code.
    /// </summary>
    public bool ArePromoted(string[] methods)
    {
        lock (_gate)
        {
            foreach (var method in methods)
            {
                if (!_promoted.Contains(method) || _pending.ContainsValue(method))
                {
                    return false;
                }
            }
            return true;
        }
    }

    /// <summary>The methods (<c>Namespace.Type::Method</c>) compiled at tier 1 so far, for diagnostics.</summary>
    public string[] PromotedMethods() { lock (_gate) { return [.. _promoted.Order(StringComparer.Ordinal)]; } }

    /// <summary>The methods counted by <see cref="Pending"/>, for diagnostics.</summary>
    public string[] PendingMethods() { lock (_gate) { return [.. _pending.Keys.Order(StringComparer.Ordinal)]; } }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == RuntimeSource)
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)JitKeyword);
        }
        base.OnEventSourceCreated(eventSource);
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        var prefixes = _prefixes;
        if (prefixes is null || eventData.EventName is null || eventData.Payload is null || eventData.PayloadNames is null
            || !eventData.EventName.StartsWith("MethodLoadVerbose", StringComparison.Ordinal))
        {
            return;
        }
        var ns = Payload(eventData, "MethodNamespace") as string;
        if (ns is null || !Array.Exists(prefixes, p => ns.StartsWith(p, StringComparison.Ordinal))
            || Array.Exists(_excluded, p => ns.StartsWith(p, StringComparison.Ordinal)))
        {
            return;
        }
        var name = Payload(eventData, "MethodName") as string;
        var signature = Payload(eventData, "MethodSignature") as string;
        var flags = Convert.ToUInt32(Payload(eventData, "MethodFlags") ?? 0u, System.Globalization.CultureInfo.InvariantCulture);
        const uint Jitted = 0x8;
        if ((flags & Jitted) == 0)
        {
            return; // a ReadyToRun method being loaded, not compiled
        }
        var tier = (int)((flags >> 7) & 0x7);
        var method = ns + "::" + name;
        var key = method + " " + signature;
        lock (_gate)
        {
            _compiled++;
            if (tier is TierOsr or TierTier0Instrumented or TierTier1Instrumented)
            {
                _pending[key] = method;
            }
            else
            {
                _pending.Remove(key);
                if (tier == TierTier1)
                {
                    _tier1++;
                    _promoted.Add(method);
                }
            }
        }
    }

    private static object? Payload(EventWrittenEventArgs e, string name)
    {
        var i = e.PayloadNames!.IndexOf(name);
        return i < 0 ? null : e.Payload![i];
    }
}
