using System.Collections.Concurrent;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// The session's authenticated connections: a request takes an idle one or opens another (the Pull sent ahead and
/// parallel lifecycle calls each need their own), and gives it back when its response is read. Callers bound the
/// concurrency (the lifecycle's per-host throttle, one Pull ahead), so the pool only bounds how many idle ones it keeps.
/// </summary>
internal sealed class ConnectionPool : IDisposable
{
    private const int MaxIdle = 8;

    private readonly Func<Action, HttpClient> _createClient;
    private readonly ConcurrentBag<AuthenticatedConnection> _idle = new();
    private readonly ConcurrentDictionary<AuthenticatedConnection, byte> _all = new();
    private int _idleCount;
    private volatile bool _disposed;
    private int _opened;

    public ConnectionPool(Func<Action, HttpClient> createClient) => _createClient = createClient;

    /// <summary>How many connections were set up (each costs a handshake): the benchmark reports it.</summary>
    public int Opened => Volatile.Read(ref _opened);

    public AuthenticatedConnection Take()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryTake(out var connection))
        {
            Interlocked.Decrement(ref _idleCount);
            return connection;
        }
        connection = new AuthenticatedConnection(_createClient);
        _all[connection] = 0;
        Interlocked.Increment(ref _opened);
        return connection;
    }

    public void Return(AuthenticatedConnection connection)
    {
        if (_disposed || connection.Broken)
        {
            Drop(connection);
            return;
        }
        if (Interlocked.Increment(ref _idleCount) > MaxIdle)
        {
            Interlocked.Decrement(ref _idleCount);
            Drop(connection);
            return;
        }
        _idle.Add(connection);
    }

    private void Drop(AuthenticatedConnection connection)
    {
        _all.TryRemove(connection, out _);
        connection.Dispose();
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var connection in _all.Keys)
        {
            Drop(connection);
        }
    }
}
