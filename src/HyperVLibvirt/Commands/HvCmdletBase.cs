using System.Collections.Concurrent;
using System.Management.Automation;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Commands;

/// <summary>
/// The base of every HyperVLibvirt cmdlet. It owns a cancellation token that
/// <see cref="StopProcessing"/> cancels, so Ctrl+C (or <c>PowerShell.Stop()</c>) aborts a
/// network call in flight instead of waiting for it to time out. It also pumps work that
/// background tasks post (verbose lines, objects from many hosts) onto the pipeline thread,
/// the only thread allowed to write to the pipeline. It is also the trace sink of its WS-Man calls:
/// one verbose line per operation and, under -Debug, the envelopes.
/// </summary>
public abstract class HvCmdletBase : PSCmdlet, IDisposable, IWsManTrace
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<Action> _posted = new();
    private readonly SemaphoreSlim _signal = new(0);
    private bool _disposed;

    /// <summary>Cancelled when the pipeline is stopped.</summary>
    protected CancellationToken CancellationToken => _stopping.Token;

    /// <summary>Cancels work in flight; PowerShell calls this on Ctrl+C.</summary>
    protected override void StopProcessing()
    {
        // StopProcessing runs on another thread while the pipeline thread is blocked in Wait.
        try
        {
            _stopping.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The cmdlet already finished; nothing is in flight.
        }
    }

    /// <summary>
    /// Queues an action to run on the pipeline thread during the current <see cref="Wait{T}"/>.
    /// Safe to call from any thread.
    /// </summary>
    protected void Post(Action action)
    {
        _posted.Enqueue(action);
        _signal.Release();
    }

    /// <summary>
    /// Runs asynchronous work and waits for it on the pipeline thread, running whatever the
    /// work posts meanwhile. Cancellation surfaces as <see cref="PipelineStoppedException"/>,
    /// which PowerShell expects from a stopped cmdlet.
    /// </summary>
    protected T Wait<T>(Func<CancellationToken, Task<T>> work)
    {
        Task<T> task;
        try
        {
            task = work(CancellationToken);
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }

        if (!task.IsCompleted)
        {
            _ = task.ContinueWith(static (_, state) => ((SemaphoreSlim)state!).Release(), _signal,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            while (!task.IsCompleted)
            {
                _signal.Wait();
                DrainPosted();
            }
        }
        DrainPosted();

        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>Runs asynchronous work that returns nothing; see <see cref="Wait{T}"/>.</summary>
    protected void Wait(Func<CancellationToken, Task> work) =>
        Wait<bool>(async token =>
        {
            await work(token).ConfigureAwait(false);
            return true;
        });

    /// <summary>
    /// Writes each item of an asynchronous stream to the pipeline as it arrives. Stopping
    /// early (an error, Ctrl+C, or <c>Select-Object -First</c>) disposes the enumerator, which
    /// lets the source release its server-side state.
    /// </summary>
    protected void WriteStream<T>(IAsyncEnumerable<T> source, Func<T, object?>? project = null) =>
        ForEachStreamed(source, item => WriteItem(project is null ? item : project(item)));

    /// <summary>
    /// Runs <paramref name="handle"/> on the pipeline thread for each item of an asynchronous stream as it arrives, so it may write
    /// to any stream; stopping early disposes the enumerator as <see cref="WriteStream{T}"/> does.
    /// </summary>
    protected void ForEachStreamed<T>(IAsyncEnumerable<T> source, Action<T> handle)
    {
        var items = source.GetAsyncEnumerator(CancellationToken);
        try
        {
            // Block on each MoveNext here rather than awaiting, so WriteObject stays on this thread.
            while (MoveNext(items))
            {
                handle(items.Current);
            }
        }
        finally
        {
            // Disposing an unfinished stream releases the enumeration; it must not mask the first error.
            try
            {
                Wait(_ => items.DisposeAsync().AsTask());
            }
            catch (Exception ex) when (ex is OperationCanceledException || CancellationToken.IsCancellationRequested)
            {
            }
        }
    }

    /// <summary>
    /// Writes an output object, or the error or warning a <see cref="StreamNotice"/> carries. Runs on the pipeline thread, so a
    /// cmdlet that finishes an item there (Save-HvDomainScreenshot writes its files after ShouldProcess) overrides it.
    /// </summary>
    protected virtual void WriteItem(object? item)
    {
        if (item is StreamNotice notice)
        {
            notice.WriteTo(this);
        }
        else
        {
            WriteObject(item);
        }
    }

    /// <summary>
    /// Advances <paramref name="items"/>. Most items come from a page already received, so the
    /// step completes at once and needs none of <see cref="Wait{T}"/>'s task and signal machinery.
    /// </summary>
    private bool MoveNext<T>(IAsyncEnumerator<T> items)
    {
        ValueTask<bool> next;
        try
        {
            next = items.MoveNextAsync();
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        if (!next.IsCompleted)
        {
            var pending = next.AsTask();
            return Wait(_ => pending);
        }
        DrainPosted();
        try
        {
            return next.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>
    /// The sink to hand to Core's services and WS-Man calls: this cmdlet. Read it on the pipeline thread
    /// (it settles there whether -Debug asks for envelopes); events then arrive from any thread.
    /// </summary>
    protected IWsManTrace TraceSink
    {
        get
        {
            _wantsEnvelopes = IsDebugEnabled;
            return this;
        }
    }

    private volatile bool _wantsEnvelopes;

    bool IWsManTrace.WantsEnvelopes => _wantsEnvelopes;

    void IWsManTrace.Write(WsManTraceEvent traceEvent) => Post(() => WriteTrace(traceEvent));

    private bool IsDebugEnabled => _debugEnabled ??=
        (MyInvocation.BoundParameters.TryGetValue("Debug", out var debug) && debug is SwitchParameter { IsPresent: true })
        || (GetVariableValue("DebugPreference") is ActionPreference preference && preference != ActionPreference.SilentlyContinue);

    private bool? _debugEnabled;

    /// <summary>
    /// Writes a verbose line without ever prompting. PowerShell 7 gives a cmdlet run with -Debug
    /// (and without -Verbose) a verbose preference of Inquire, so each WriteVerbose would ask
    /// "Continue with this operation?" and fail under -NonInteractive; -Debug means "show more",
    /// so then the line goes to the debug stream, which -Debug shows without asking. Hides
    /// <see cref="Cmdlet.WriteVerbose"/> so every cmdlet of the module gets this.
    /// </summary>
    protected new void WriteVerbose(string text)
    {
        if (IsDebugSwitchWithoutVerbose)
        {
            WriteDebug(text);
            return;
        }
        base.WriteVerbose(text);
    }

    private bool IsDebugSwitchWithoutVerbose => _debugWithoutVerbose ??=
        MyInvocation.BoundParameters.TryGetValue("Debug", out var debug) && debug is SwitchParameter { IsPresent: true }
        && !MyInvocation.BoundParameters.ContainsKey("Verbose");

    private bool? _debugWithoutVerbose;

    private void WriteTrace(WsManTraceEvent trace)
    {
        if (trace.Kind == WsManTraceKind.Operation)
        {
            WriteVerbose("WS-Man " + trace);
        }
        else
        {
            // Envelopes carry host text as sent; the console must show it, not obey it.
            WriteDebug(DisplayText.NeutralizeKeepingLines(trace.ToString()));
        }
    }

    /// <summary>
    /// Whether a person is watching: progress bars are drawn only then, never in services, runbooks,
    /// jobs, <c>pwsh -NonInteractive</c> (any abbreviation down to <c>-noni</c>) or redirected output.
    /// </summary>
    protected bool IsInteractive => _interactive ??=
        Environment.UserInteractive
        && !Console.IsOutputRedirected
        && !Environment.GetCommandLineArgs().Any(a => a.Length >= 5 && "-noninteractive".StartsWith(a, StringComparison.OrdinalIgnoreCase))
        && Host?.UI?.RawUI is not null;

    private bool? _interactive;

    private void DrainPosted()
    {
        while (_posted.TryDequeue(out var action))
        {
            action();
        }
    }

    /// <summary>Disposes the cancellation source.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes owned resources; derived cmdlets extend this.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }
        if (disposing)
        {
            _stopping.Dispose();
            _signal.Dispose();
        }
        _disposed = true;
    }
}
