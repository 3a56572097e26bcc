namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// A read-only stream over a response body that counts bytes and throws once more than the limit
/// was read, so a hostile or broken server cannot make the parser consume unbounded data.
/// Optionally copies what it reads into a capture buffer (debug tracing).
/// </summary>
internal sealed class CountingStream : Stream
{
    private readonly Stream _inner;
    private readonly long _limit;
    private readonly Func<long, Exception> _overLimit;
    private MemoryStream? _capture;
    private readonly int _captureLimit;

    public CountingStream(Stream inner, long limit, Func<long, Exception> overLimit, int captureLimit = 0)
    {
        _inner = inner;
        _limit = limit;
        _overLimit = overLimit;
        _captureLimit = captureLimit;
        if (captureLimit > 0)
        {
            _capture = new MemoryStream();
        }
    }

    /// <summary>Bytes read so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>The captured bytes (debug), or null when not capturing.</summary>
    public MemoryStream? Capture => _capture;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = _inner.Read(Clamp(buffer));
        Count(buffer[..n]);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await _inner.ReadAsync(Clamp(buffer), cancellationToken).ConfigureAwait(false);
        Count(buffer.Span[..n]);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Never ask for more than one byte past the limit, so an over-limit response fails without reading it all.
    private Span<byte> Clamp(Span<byte> buffer)
    {
        var room = _limit - BytesRead + 1;
        return room < buffer.Length ? buffer[..(int)Math.Max(room, 1)] : buffer;
    }

    private Memory<byte> Clamp(Memory<byte> buffer)
    {
        var room = _limit - BytesRead + 1;
        return room < buffer.Length ? buffer[..(int)Math.Max(room, 1)] : buffer;
    }

    // The first bytes of the body, kept so an error can say what the server sent (an HTML page, say).
    private byte[]? _head;
    private int _headLength;
    private const int HeadBytes = 256;

    /// <summary>True when the body so far begins like an HTML page (a doctype or an html element), not a SOAP envelope.</summary>
    public bool BeginsLikeHtml
    {
        get
        {
            if (_head is null)
            {
                return false;
            }
            var text = System.Text.Encoding.UTF8.GetString(_head, 0, _headLength).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
            return text.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase)
                || text.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
                || (text.StartsWith("<?xml", StringComparison.Ordinal) && text.Contains("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase));
        }
    }

    private void Count(ReadOnlySpan<byte> read)
    {
        if (_headLength < HeadBytes && read.Length > 0)
        {
            _head ??= new byte[HeadBytes];
            var n = Math.Min(read.Length, HeadBytes - _headLength);
            read[..n].CopyTo(_head.AsSpan(_headLength));
            _headLength += n;
        }
        BytesRead += read.Length;
        if (_capture is not null && _capture.Length < _captureLimit)
        {
            _capture.Write(read[..(int)Math.Min(read.Length, _captureLimit - _capture.Length)]);
        }
        if (BytesRead > _limit)
        {
            throw _overLimit(_limit);
        }
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
