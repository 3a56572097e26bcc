using System.Diagnostics;

namespace HyperVLibvirt.Simulator;

/// <summary>Counters for benchmarks: requests served and the time spent serving them.</summary>
public sealed class SimulatorStatistics
{
    private long _requests;
    private long _elapsedTicks;
    private long _faults;
    private long _abandoned;
    private long _encrypted;
    private long _logons;
    private long _openContexts;

    /// <summary>HTTP requests handled (any status).</summary>
    public long RequestCount => Interlocked.Read(ref _requests);

    /// <summary>Requests answered with a SOAP fault or an injected error.</summary>
    public long FaultCount => Interlocked.Read(ref _faults);

    /// <summary>Requests the client gave up on (closed the connection) before their answer was finished.</summary>
    public long AbandonedCount => Interlocked.Read(ref _abandoned);

    /// <summary>Requests that came with WinRM message encryption (multipart/encrypted) and were decrypted.</summary>
    public long EncryptedRequestCount => Interlocked.Read(ref _encrypted);

    /// <summary>Negotiate/Kerberos handshakes that completed (logons by a security context).</summary>
    public long ContextLogonCount => Interlocked.Read(ref _logons);

    /// <summary>Security contexts (pending or established) alive now: at most one per open connection.</summary>
    public long OpenSecurityContexts => Interlocked.Read(ref _openContexts);

    /// <summary>Enumeration contexts currently open (neither finished, released nor expired).</summary>
    public int OpenEnumerations => OpenEnumerationCount?.Invoke() ?? 0;

    internal Func<int>? OpenEnumerationCount { get; set; }

    /// <summary>Total time from receiving a request to finishing its response (injected delays included).</summary>
    public TimeSpan TotalServingTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _elapsedTicks));

    /// <summary>Sets every counter to zero (not the open security contexts, which are a level, not a count).</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _elapsedTicks, 0);
        Interlocked.Exchange(ref _faults, 0);
        Interlocked.Exchange(ref _abandoned, 0);
        Interlocked.Exchange(ref _encrypted, 0);
        Interlocked.Exchange(ref _logons, 0);
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
        encryptedRequests = EncryptedRequestCount,
        contextLogons = ContextLogonCount,
        openSecurityContexts = OpenSecurityContexts,
    });

    internal void EncryptedRequest() => Interlocked.Increment(ref _encrypted);

    internal void ContextLogon() => Interlocked.Increment(ref _logons);

    internal void SecurityContextOpened() => Interlocked.Increment(ref _openContexts);

    internal void SecurityContextClosed() => Interlocked.Decrement(ref _openContexts);

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
