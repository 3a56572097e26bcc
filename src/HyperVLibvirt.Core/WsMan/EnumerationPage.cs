namespace HyperVLibvirt.Core.WsMan;

/// <summary>One streamed EnumerateResponse/PullResponse.</summary>
internal sealed class EnumerationPage : IDisposable
{
    private readonly string _operation;
    private readonly string _resourceUri;
    private readonly TransportResponse _response;
    private readonly ResponseReader _reader;
    private readonly long _started;
    private readonly IWsManTrace? _trace;
    private readonly bool _traceEnvelopes;
    private int _count;
    private bool _traced;
    private bool _disposed;

    public EnumerationPage(string operation, string resourceUri, TransportResponse response, ResponseReader reader,
        long started, IWsManTrace? trace, bool traceEnvelopes)
    {
        _operation = operation;
        _resourceUri = resourceUri;
        _response = response;
        _reader = reader;
        _started = started;
        _trace = trace;
        _traceEnvelopes = traceEnvelopes;
    }

    public string? EnumerationContext => _reader.EnumerationContext;

    public bool EndOfSequence => _reader.EndOfSequence;

    /// <summary>True once a non-empty context was read and no EndOfSequence yet: WinRM sends a context only when more pages follow.</summary>
    public bool MorePagesFollow => _reader.EnumerationContext is not null && !_reader.EndOfSequence;

    public CimObject? ReadNext()
    {
        try
        {
            _response.ResumeTimeout();
            var item = _reader.ReadNextItem();
            if (item is not null)
            {
                _count++;
                _response.PauseTimeout();
            }
            return item;
        }
        catch (Exception e)
        {
            var mapped = _response.MapReadFailure(e, _operation);
            if (ReferenceEquals(mapped, e))
            {
                throw;
            }
            throw mapped;
        }
    }

    /// <summary>Reads past the page to the end of the document (detects truncation) and traces it.</summary>
    public void Complete()
    {
        try
        {
            _reader.ReadToEnd();
        }
        catch (Exception e)
        {
            throw _response.MapReadFailure(e, _operation);
        }
        _traced = true;
        WsManExchange.TraceResponse(_trace, _operation, _resourceUri, _count, _started, _response, _traceEnvelopes);
    }

    public WsManPullPage ReadAll()
    {
        var items = new List<CimObject>();
        while (ReadNext() is { } item)
        {
            items.Add(item);
        }
        Complete();
        return new WsManPullPage(items, EnumerationContext, EndOfSequence);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (!_traced)
        {
            // The consumer stopped inside this page (e.g. Select-Object -First 1): still one trace line per operation.
            _traced = true;
            WsManExchange.TraceResponse(_trace, _operation, _resourceUri, _count, _started, _response, traceEnvelopes: false);
        }
        _reader.Dispose();
        _response.Dispose();
    }
}
