using System.Diagnostics;

namespace HyperVLibvirt.Simulator;

/// <summary>Counters for benchmarks: requests served and the time spent serving them.</summary>
public sealed class SimulatorStatistics
{
    private long _requests;
    private long _elapsedTicks;
    private long _faults;
    private long _abandoned;

    /// <summary>HTTP requests handled (any status).</summary>
    public long RequestCount => Interlocked.Read(ref _requests);

    /// <summary>Requests answered with a SOAP fault or an injected error.</summary>
    public long FaultCount => Interlocked.Read(ref _faults);

    /// <summary>Requests the client gave up on (closed the connection) before their answer was finished.</summary>
    public long AbandonedCount => Interlocked.Read(ref _abandoned);

    /// <summary>Enumeration contexts currently open (neither finished, released nor expired).</summary>
    public int OpenEnumerations => OpenEnumerationCount?.Invoke() ?? 0;

    internal Func<int>? OpenEnumerationCount { get; set; }

    /// <summary>Total time from receiving a request to finishing its response (injected delays included).</summary>
    public TimeSpan TotalServingTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _elapsedTicks));

    /// <summary>Sets every counter to zero.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _elapsedTicks, 0);
        Interlocked.Exchange(ref _faults, 0);
        Interlocked.Exchange(ref _abandoned, 0);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{RequestCount} requests, {FaultCount} faults, {TotalServingTime.TotalMilliseconds:F1} ms serving, {OpenEnumerations} open enumeration(s)";

    /// <summary>The counters as JSON, for <c>GET /simulator/stats</c>.</summary>
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(new
    {
        requests = RequestCount,
        faults = FaultCount,
        abandoned = AbandonedCount,
        servingMs = Math.Round(TotalServingTime.TotalMilliseconds, 3),
        openEnumerations = OpenEnumerations,
    });

    internal void Record(long startTimestamp, bool fault, bool abandoned = false)
    {
        Interlocked.Increment(ref _requests);
        if (abandoned)
        {
            Interlocked.Increment(ref _abandoned);
        }
        Interlocked.Add(ref _elapsedTicks, Stopwatch.GetTimestamp() - startTimestamp);
        if (fault)
        {
            Interlocked.Increment(ref _faults);
        }
    }
}
