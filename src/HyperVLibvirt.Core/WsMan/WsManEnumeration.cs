using System.Runtime.CompilerServices;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// WS-Enumeration over WinRM (DMTF DSP0226 §8): Enumerate with OptimizeEnumeration and MaxElements, then Pull with the
/// newest context until EndOfSequence, streaming each instance as it is parsed; a best-effort Release when stopped early.
/// </summary>
/// <remarks>
/// With <see cref="WsManSettings.PullAhead"/>, the next Pull is sent as soon as a page's context has been read (it
/// precedes the items, and WinRM sends one only when more pages follow), so the host produces page N+1 while page N
/// is parsed and consumed. It goes out on a second pooled connection. Stopping early waits (briefly) for that Pull
/// and releases the context it returned, so no enumeration is left open on the host. A <c>w:TimedOut</c> fault on a
/// Pull is retried once with the same context: WinRM reports an empty wait that way, and the context stays valid
/// (MS-WSMV 3.1.4.8).
/// </remarks>
internal sealed class WsManEnumeration
{
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(5);

    private readonly WsManExchange _exchange;
    private readonly RequestEnvelopeWriter _writer;
    private readonly WsManSettings _settings;

    public WsManEnumeration(WsManExchange exchange, RequestEnvelopeWriter writer, WsManSettings settings)
    {
        _exchange = exchange;
        _writer = writer;
        _settings = settings;
    }

    public async IAsyncEnumerable<CimObject> EnumerateAsync(string resourceUri, string? wqlFilter, WsManEnumerationMode mode,
        IWsManTrace? trace, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceUri);
        var fragmentClass = WqlClassName(wqlFilter) ?? WsManResourceUris.ClassNameOf(resourceUri);
        EnumerationPage? page = null;
        PullAhead? ahead = null;
        string? context = null;
        var finished = false;
        try
        {
            page = await _exchange.OpenPageAsync("Enumerate", resourceUri, _writer.Enumerate(resourceUri, wqlFilter, _settings.MaxElements, mode),
                fragmentClass, trace, cancellationToken).ConfigureAwait(false);
            // Bounded: a server that never sends EndOfSequence is cut off once its pages stop bringing anything new.
            var progress = new EnumerationProgress();
            while (true)
            {
                var onPage = 0;
                CimObject? first = null;
                while (!cancellationToken.IsCancellationRequested && page.ReadNext() is { } item)
                {
                    if (ahead is null && _settings.PullAhead && page.MorePagesFollow)
                    {
                        var aheadContext = page.EnumerationContext!;
                        ahead = new PullAhead(token => OpenPullPageAsync(resourceUri, aheadContext, _settings.MaxElements, fragmentClass, trace, token),
                            ReleaseTimeout);
                    }
                    first ??= item;
                    onPage++;
                    yield return item;
                }
                // Cancelled between items (the page itself is already on its way): stop before reading on.
                cancellationToken.ThrowIfCancellationRequested();
                page.Complete();
                context = page.EnumerationContext;
                var end = page.EndOfSequence || context is null;
                page.Dispose();
                page = null;
                if (end)
                {
                    if (ahead is not null)
                    {
                        // A context and EndOfSequence in one page (not WinRM's way): the Pull sent ahead is void.
                        var stray = ahead;
                        ahead = null;
                        await stray.AbandonAsync(releaseTo: null).ConfigureAwait(false);
                    }
                    finished = true;
                    yield break;
                }
                if (progress.PageDone(onPage, first) is { } endless)
                {
                    throw _exchange.Failures.EndlessEnumeration(resourceUri, endless);
                }
                if (ahead is not null)
                {
                    var sent = ahead;
                    ahead = null;
                    page = await sent.TakeAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    page = await OpenPullPageAsync(resourceUri, context!, _settings.MaxElements, fragmentClass, trace, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            if (!finished)
            {
                string? toRelease;
                if (page is not null)
                {
                    toRelease = page.EndOfSequence ? null : page.EnumerationContext;
                    page.Dispose();
                }
                else
                {
                    toRelease = context;
                }
                if (ahead is not null)
                {
                    // The Pull sent ahead holds the newest context once the host answered it.
                    toRelease = await ahead.AbandonAsync(toRelease).ConfigureAwait(false);
                }
                if (toRelease is not null)
                {
                    await ReleaseBestEffortAsync(resourceUri, toRelease, trace).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>Sends one Pull; a timed-out Pull is harmless and retried once with the same context.</summary>
    public async Task<EnumerationPage> OpenPullPageAsync(string resourceUri, string context, int maxElements, string? fragmentClass,
        IWsManTrace? trace, CancellationToken cancellationToken)
    {
        var body = _writer.Pull(resourceUri, context, maxElements);
        try
        {
            return await _exchange.OpenPageAsync("Pull", resourceUri, body, fragmentClass, trace, cancellationToken).ConfigureAwait(false);
        }
        catch (WsManFaultException fault) when (fault.Fault.IsSubcode("TimedOut") || fault.WsManCode == WsManFaultException.CodeTimedOut)
        {
            return await _exchange.OpenPageAsync("Pull", resourceUri, body, fragmentClass, trace, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Releases an enumeration abandoned before EndOfSequence.</summary>
    public Task ReleaseAsync(string resourceUri, string enumerationContext, IWsManTrace? trace, CancellationToken cancellationToken) =>
        _exchange.ExecuteAsync("Release", resourceUri, _writer.Release(resourceUri, enumerationContext), false, static (_, _) => true, trace,
            cancellationToken);

    private async Task ReleaseBestEffortAsync(string resourceUri, string context, IWsManTrace? trace)
    {
        using var cts = new CancellationTokenSource(ReleaseTimeout < _settings.OperationTimeout ? ReleaseTimeout : _settings.OperationTimeout);
        try
        {
            await ReleaseAsync(resourceUri, context, trace, cts.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Best effort: the server expires the context after EnumerationTimeoutms anyway.
        }
    }

    /// <summary>The class after FROM in a WQL SELECT, used to name <c>w:XmlFragment</c> items.</summary>
    internal static string? WqlClassName(string? wql)
    {
        if (string.IsNullOrWhiteSpace(wql))
        {
            return null;
        }
        var span = wql.AsSpan();
        var i = 0;
        while (true)
        {
            var at = span[i..].IndexOf("FROM", StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return null;
            }
            at += i;
            var before = at == 0 || char.IsWhiteSpace(span[at - 1]);
            var after = at + 4 < span.Length && char.IsWhiteSpace(span[at + 4]);
            if (before && after)
            {
                var rest = span[(at + 4)..].TrimStart();
                var len = 0;
                while (len < rest.Length && (char.IsLetterOrDigit(rest[len]) || rest[len] == '_'))
                {
                    len++;
                }
                return len == 0 ? null : rest[..len].ToString();
            }
            i = at + 4;
        }
    }
}
