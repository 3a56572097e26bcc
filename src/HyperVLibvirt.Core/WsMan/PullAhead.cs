namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// A Pull sent before the current page was finished. It runs on its own token source, not the caller's, so
/// that when the caller stops or cancels, the answer can still be awaited (briefly) and its context released.
/// </summary>
internal sealed class PullAhead
{
    private readonly CancellationTokenSource _cts = new();
    private readonly TimeSpan _abandonTimeout;
    private readonly Task<EnumerationPage> _pull;

    /// <summary>Starts the Pull with <paramref name="send"/>, on this object's own token.</summary>
    public PullAhead(Func<CancellationToken, Task<EnumerationPage>> send, TimeSpan abandonTimeout)
    {
        _abandonTimeout = abandonTimeout;
        _pull = send(_cts.Token);
    }

    /// <summary>The next page; cancelling <paramref name="cancellationToken"/> also aborts the Pull.</summary>
    public async Task<EnumerationPage> TakeAsync(CancellationToken cancellationToken)
    {
        var registration = cancellationToken.Register(static s => ((CancellationTokenSource)s!).Cancel(), _cts);
        try
        {
            return await _pull.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        finally
        {
            // The registration first: it waits for a running callback, which must not meet a disposed source.
            registration.Dispose();
            _cts.Dispose();
        }
    }

    /// <summary>
    /// Gives the Pull up: waits (bounded) for its answer and returns the context to release, which is the one
    /// the host returned, or <paramref name="releaseTo"/> when there is no answer. Never throws.
    /// </summary>
    public async Task<string?> AbandonAsync(string? releaseTo)
    {
        try
        {
            _cts.CancelAfter(_abandonTimeout);
            using var page = await _pull.ConfigureAwait(false);
            // The context precedes the items: reading one item is enough to learn it.
            _ = page.ReadNext();
            return page.EndOfSequence ? null : page.EnumerationContext;
        }
        catch (Exception)
        {
            // No answer (timed out, fault, network): the host may not have seen it; release what we had.
            return releaseTo;
        }
        finally
        {
            _cts.Dispose();
        }
    }
}
