using System.Buffers;
using System.Text;

namespace HyperVLibvirt.Simulator.Wire;

/// <summary>
/// A small forward-only XML writer into a pooled UTF-8 buffer. WinRM's byte shape
/// (<c>&lt;p:X xsi:nil="true"/&gt;</c> with no space, explicit namespace declarations where WinRM puts
/// them) is easier to reproduce by hand than through <see cref="System.Xml.XmlWriter"/>, and it is
/// several times faster. Callers pass qualified names and declare namespaces themselves.
/// </summary>
internal sealed class Utf8XmlWriter : IDisposable
{
    private byte[] _buffer;
    private int _length;
    private bool _startTagOpen;
    private readonly Stack<string> _open = new();

    /// <summary>Creates a writer with a rented buffer.</summary>
    public Utf8XmlWriter(int initialCapacity = 16 * 1024)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
    }

    /// <summary>Bytes written so far.</summary>
    public int Length => _length;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>The bytes written so far, as memory (valid until the next write or dispose).</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);

    /// <summary>How many elements are open.</summary>
    public int Depth => _open.Count;

    /// <summary>Forgets everything written after <paramref name="length"/> (only at element boundaries).</summary>
    public void Truncate(int length, int depth)
    {
        _length = length;
        _startTagOpen = false;
        while (_open.Count > depth)
        {
            _open.Pop();
        }
    }

    /// <summary>Opens an element with a qualified name such as <c>p:Caption</c>.</summary>
    public void StartElement(string qualifiedName)
    {
        CloseStartTag();
        WriteByte((byte)'<');
        WriteAscii(qualifiedName);
        _startTagOpen = true;
        _open.Push(qualifiedName);
    }

    /// <summary>Writes an attribute on the element just opened.</summary>
    public void Attribute(string qualifiedName, string value)
    {
        WriteByte((byte)' ');
        WriteAscii(qualifiedName);
        WriteByte((byte)'=');
        WriteByte((byte)'"');
        WriteEscaped(value, inAttribute: true);
        WriteByte((byte)'"');
    }

    /// <summary>Writes escaped text content (an empty string still closes the start tag, so the element gets an end tag).</summary>
    public void Text(string value)
    {
        CloseStartTag();
        WriteEscaped(value, inAttribute: false);
    }

    /// <summary>Writes text that needs no escaping (digits, fixed ASCII tokens).</summary>
    public void AsciiText(ReadOnlySpan<char> value)
    {
        CloseStartTag();
        EnsureCapacity(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            _buffer[_length++] = (byte)value[i];
        }
    }

    /// <summary>Writes already-encoded UTF-8 markup (a pre-serialised item).</summary>
    public void Raw(ReadOnlySpan<byte> utf8)
    {
        CloseStartTag();
        EnsureCapacity(utf8.Length);
        utf8.CopyTo(_buffer.AsSpan(_length));
        _length += utf8.Length;
    }

    /// <summary>Closes the innermost element: <c>/&gt;</c> if it is empty, otherwise an end tag.</summary>
    public void EndElement()
    {
        var name = _open.Pop();
        if (_startTagOpen)
        {
            WriteByte((byte)'/');
            WriteByte((byte)'>');
            _startTagOpen = false;
            return;
        }

        WriteByte((byte)'<');
        WriteByte((byte)'/');
        WriteAscii(name);
        WriteByte((byte)'>');
    }

    /// <summary>Closes the innermost element always with an end tag (<c>&lt;s:Header&gt;&lt;/s:Header&gt;</c>).</summary>
    public void FullEndElement()
    {
        CloseStartTag();
        EndElement();
    }

    /// <summary>Writes <c>&lt;name&gt;text&lt;/name&gt;</c>.</summary>
    public void Element(string qualifiedName, string text)
    {
        StartElement(qualifiedName);
        Text(text);
        EndElement();
    }

    /// <summary>Copies the output into a new array.</summary>
    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    /// <summary>Returns the buffer to the pool.</summary>
    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void CloseStartTag()
    {
        if (_startTagOpen)
        {
            WriteByte((byte)'>');
            _startTagOpen = false;
        }
    }

    private void WriteByte(byte value)
    {
        if (_length == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[_length++] = value;
    }

    private void WriteAscii(string value)
    {
        // Element and attribute names may be non-ASCII in theory; encode properly but fast-path ASCII.
        EnsureCapacity(value.Length * 3);
        var span = _buffer.AsSpan(_length);
        var ascii = true;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c >= 0x80)
            {
                ascii = false;
                break;
            }

            span[i] = (byte)c;
        }

        _length += ascii ? value.Length : Encoding.UTF8.GetBytes(value, span);
    }

    private void WriteEscaped(string value, bool inAttribute)
    {
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            string? replacement = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' when inAttribute => "&quot;",
                '\r' => "&#xD;",
                '\n' when inAttribute => "&#xA;",
                '\t' when inAttribute => "&#x9;",
                _ when c < 0x20 && c != '\t' && c != '\n' => "?", // WinRM replaces control characters with '?'
                _ when char.IsSurrogate(c) && !IsValidSurrogatePair(value, i) => "?",
                _ => null,
            };
            if (replacement is null)
            {
                continue;
            }

            WriteUtf8(value.AsSpan(start, i - start));
            WriteUtf8(replacement);
            start = i + 1;
        }

        WriteUtf8(value.AsSpan(start));
    }

    private static bool IsValidSurrogatePair(string value, int index)
    {
        var c = value[index];
        if (char.IsHighSurrogate(c))
        {
            return index + 1 < value.Length && char.IsLowSurrogate(value[index + 1]);
        }

        return index > 0 && char.IsHighSurrogate(value[index - 1]);
    }

    private void WriteUtf8(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        EnsureCapacity(Encoding.UTF8.GetMaxByteCount(text.Length));
        _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
    }

    private void EnsureCapacity(int extra)
    {
        if (_buffer.Length - _length < extra)
        {
            Grow(extra);
        }
    }

    private void Grow(int extra)
    {
        var size = Math.Max(_buffer.Length * 2, _length + extra);
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = bigger;
    }
}
