using System.Management.Automation;

namespace HyperVLibvirt.Commands;

/// <summary>
/// The base of every HyperVLibvirt cmdlet. It owns a cancellation token that
/// <see cref="StopProcessing"/> cancels, so Ctrl+C (or <c>PowerShell.Stop()</c>) aborts a
/// network call in flight instead of waiting for it to time out.
/// </summary>
public abstract class HvCmdletBase : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
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
    /// Runs asynchronous work on the pipeline thread and waits for it. Cancellation surfaces
    /// as <see cref="PipelineStoppedException"/>, which PowerShell expects from a stopped cmdlet.
    /// </summary>
    protected T Wait<T>(Func<CancellationToken, Task<T>> work)
    {
        try
        {
            return work(CancellationToken).GetAwaiter().GetResult();
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
    /// Writes each item of an asynchronous stream to the pipeline as it arrives, on the
    /// pipeline thread (WriteObject may not be called from another thread). Stopping the
    /// pipeline disposes the enumerator, which lets the source release server-side state.
    /// </summary>
    protected void WriteStream<T>(IAsyncEnumerable<T> source, Func<T, object?>? project = null)
    {
        var items = source.GetAsyncEnumerator(CancellationToken);
        try
        {
            // Block on each MoveNext here rather than awaiting, so WriteObject stays on this thread.
            while (Wait(_ => items.MoveNextAsync().AsTask()))
            {
                var item = items.Current;
                WriteObject(project is null ? item : project(item));
            }
        }
        finally
        {
            // Disposing an unfinished stream releases the enumeration; never let that mask the first error.
            try
            {
                items.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            catch (Exception) when (CancellationToken.IsCancellationRequested)
            {
            }
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
        }
        _disposed = true;
    }
}
