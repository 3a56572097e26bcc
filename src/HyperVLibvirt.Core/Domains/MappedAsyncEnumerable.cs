namespace HyperVLibvirt.Core.Domains;

/// <summary>
/// A listing's items mapped (and filtered: a null mapping is skipped) inside the consumer's own
/// <c>MoveNextAsync</c>: while the source has the next item at hand, as it has for every item of a page
/// already received, no state machine of this layer runs. An async iterator here instead added one
/// more resumable frame per item between the WS-Man enumeration and the pipeline.
/// </summary>
/// <remarks>
/// The source is made when enumeration starts, as an iterator's body would run only then: a closed
/// session, say, fails the enumeration, not the call that describes it.
/// </remarks>
internal sealed class MappedAsyncEnumerable<TIn, TOut>(Func<IAsyncEnumerable<TIn>> source, Func<TIn, TOut?> map) : IAsyncEnumerable<TOut>
    where TOut : class
{
    public IAsyncEnumerator<TOut> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        new Enumerator(source().GetAsyncEnumerator(cancellationToken), map);

    private sealed class Enumerator(IAsyncEnumerator<TIn> inner, Func<TIn, TOut?> map) : IAsyncEnumerator<TOut>
    {
        public TOut Current { get; private set; } = null!;

        public ValueTask<bool> MoveNextAsync()
        {
            while (true)
            {
                var next = inner.MoveNextAsync();
                if (!next.IsCompletedSuccessfully)
                {
                    return AwaitAsync(next);
                }
                if (!next.Result)
                {
                    return new ValueTask<bool>(false);
                }
                if (map(inner.Current) is { } mapped)
                {
                    Current = mapped;
                    return new ValueTask<bool>(true);
                }
            }
        }

        // The source is waiting for the network (the next page): only then does this layer await.
        private async ValueTask<bool> AwaitAsync(ValueTask<bool> pending)
        {
            while (await pending.ConfigureAwait(false))
            {
                if (map(inner.Current) is { } mapped)
                {
                    Current = mapped;
                    return true;
                }
                pending = inner.MoveNextAsync();
            }
            return false;
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
