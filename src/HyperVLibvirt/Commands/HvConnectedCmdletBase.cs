using System.Management.Automation;
using System.Threading.Channels;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;

namespace HyperVLibvirt.Commands;

/// <summary>
/// The base of cmdlets that talk to hosts: it resolves <c>-Connection</c> (one or many, from
/// the pipeline by value or by property name) or else the runspace's default connection, and
/// runs the per-connection work concurrently, writing results and errors as they complete.
/// </summary>
public abstract class HvConnectedCmdletBase : HvCmdletBase
{
    /// <summary>
    /// The connections to use. Without it, the default connection (the newest one made by
    /// Connect-HvLibvirt without -NotDefault) is used.
    /// </summary>
    [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ConnectionId")]
    [ConnectionTransformation]
    [ValidateNotNullOrEmpty]
    public HvConnection[]? Connection { get; set; }

    /// <summary>
    /// The connections this call works on. With none given and no default, it stops the
    /// cmdlet with an error that says to connect first.
    /// </summary>
    protected IReadOnlyList<HvConnection> ResolveConnections()
    {
        if (Connection is { Length: > 0 })
        {
            return Connection;
        }
        var fallback = ConnectionStore.Current.Default;
        if (fallback is null)
        {
            ThrowTerminatingError(ErrorRecords.Create(
                "There is no default Hyper-V connection in this session.",
                "NoDefaultConnection", ErrorCategory.ConnectionError, null,
                "Run Connect-HvLibvirt 'hyperv://user@host/' first, or pass -Connection."));
        }
        return new[] { fallback! };
    }

    /// <summary>
    /// Runs <paramref name="work"/> for every connection at once and writes each result as it
    /// completes. A failure on one host becomes a non-terminating error targeted at that
    /// connection; the others carry on.
    /// </summary>
    protected void ForEachConnection<T>(IReadOnlyList<HvConnection> connections, Func<HvConnection, CancellationToken, Task<T>> work)
    {
        StreamFromConnections(connections, (c, token) => Single(work, c, token));
    }

    /// <summary>
    /// Streams items from every connection, writing each as it arrives. One host is read
    /// directly; several are read concurrently through a bounded buffer, so a fast host never
    /// floods memory while the pipeline is busy.
    /// </summary>
    protected void StreamFromConnections<T>(IReadOnlyList<HvConnection> connections, Func<HvConnection, CancellationToken, IAsyncEnumerable<T>> source,
        string? progressActivity = null)
    {
        var progress = progressActivity is not null && IsInteractive ? new StreamProgress(this, progressActivity, connections.Count) : null;
        try
        {
            StreamFromConnectionsCore(connections, source, progress);
        }
        finally
        {
            progress?.Complete();
        }
    }

    /// <summary>
    /// Resolves the domains <paramref name="collector"/> gathered over the pipeline (one listing per host), writes what
    /// that reports (closed hosts, names that matched nothing), and returns each host's domains; none when nothing came.
    /// </summary>
    private protected IReadOnlyList<(HvConnection Connection, IReadOnlyList<HvDomain> Domains)> ResolveCollected(DomainCollector collector)
    {
        if (collector.IsEmpty)
        {
            return [];
        }
        var trace = TraceSink;
        var collection = Wait(token => collector.ResolveAsync(trace, token));
        foreach (var notice in collection.Notices)
        {
            notice.WriteTo(this);
        }
        return collection.Hosts;
    }

    private void StreamFromConnectionsCore<T>(IReadOnlyList<HvConnection> connections, Func<HvConnection, CancellationToken, IAsyncEnumerable<T>> source,
        StreamProgress? progress)
    {
        if (connections.Count == 1)
        {
            var connection = connections[0];
            try
            {
                WriteStream(source(connection, CancellationToken), item =>
                {
                    progress?.Item();
                    return item;
                });
            }
            catch (Exception ex) when (ErrorRecords.IsReportable(ex))
            {
                WriteError(ErrorRecords.From(ex, connection));
            }
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken);
        var channel = Channel.CreateBounded<(object? Item, Exception? Error, HvConnection From)>(
            new BoundedChannelOptions(1024) { SingleReader = true });
        var producers = Task.WhenAll(connections.Select(c => Task.Run(() => ProduceAsync(c, source, channel.Writer, stop.Token))));
        _ = producers.ContinueWith(_ => channel.Writer.TryComplete(), TaskScheduler.Default);
        try
        {
            while (Wait(token => channel.Reader.WaitToReadAsync(token).AsTask()))
            {
                while (channel.Reader.TryRead(out var entry))
                {
                    if (entry.Error is null)
                    {
                        progress?.Item();
                        WriteItem(entry.Item);
                    }
                    else
                    {
                        WriteError(ErrorRecords.From(entry.Error, entry.From));
                    }
                }
            }
        }
        finally
        {
            // Stopped early (Select-Object -First, Ctrl+C, an error): stop the other hosts too.
            stop.Cancel();
            try
            {
                producers.GetAwaiter().GetResult();
            }
            catch (Exception)
            {
                // Producers report their own errors through the channel; cancellation is expected here.
            }
        }
    }

    private static async Task ProduceAsync<T>(HvConnection connection, Func<HvConnection, CancellationToken, IAsyncEnumerable<T>> source,
        ChannelWriter<(object? Item, Exception? Error, HvConnection From)> writer, CancellationToken token)
    {
        try
        {
            await foreach (var item in source(connection, token).WithCancellation(token).ConfigureAwait(false))
            {
                await writer.WriteAsync((item, null, connection), token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (!token.IsCancellationRequested && ErrorRecords.IsReportable(ex))
        {
            try
            {
                await writer.WriteAsync((null, ex, connection), token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The reader has stopped; nobody is left to tell.
            }
        }
    }

    private static async IAsyncEnumerable<T> Single<T>(Func<HvConnection, CancellationToken, Task<T>> work, HvConnection connection,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
    {
        yield return await work(connection, token).ConfigureAwait(false);
    }
}
