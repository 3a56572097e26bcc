using System.Xml;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// Reads one SOAP response envelope from a stream, forward only: header action, then the body.
/// A fault in the body becomes <see cref="WsManFault"/>. Enumeration responses are read item by item
/// (<see cref="ReadNextItem"/>), so an instance is handed out before the next one is parsed.
/// </summary>
internal sealed class ResponseReader : IDisposable
{
    private readonly XmlNames _names;
    private readonly XmlReader _reader;
    private bool _disposed;

    // Enumeration page state
    private int _pageDepth = -1;
    private int _itemsDepth = -1;
    private bool _pageDone;

    private ResponseReader(Stream stream)
    {
        _names = XmlNames.Rent();
        _names.Properties.StartResponse();
        try
        {
            _reader = XmlReader.Create(stream, _names.Settings);
        }
        catch
        {
            XmlNames.Return(_names);
            throw;
        }
    }

    /// <summary>The atomized names of this reader's table.</summary>
    public XmlNames Names => _names;

    /// <summary>The underlying reader.</summary>
    public XmlReader Reader => _reader;

    /// <summary>The header's <c>a:Action</c>, once the header was read.</summary>
    public string? Action { get; private set; }

    /// <summary>The fault, when the body held one (then the body is consumed).</summary>
    public WsManFault? Fault { get; private set; }

    /// <summary>The newest enumeration context seen in the page, or null.</summary>
    public string? EnumerationContext { get; private set; }

    /// <summary>True when the page carried EndOfSequence.</summary>
    public bool EndOfSequence { get; private set; }

    /// <summary>The class name to give <c>w:XmlFragment</c> items.</summary>
    public string? FragmentClassName { get; set; }

    /// <summary>
    /// The longest property value this response may carry, in characters; <see cref="ResponseLimitException.MaxValueChars"/>
    /// unless a call that allowed a larger envelope raises it for its own answer.
    /// </summary>
    public int MaxValueChars
    {
        get => _names.MaxValueChars;
        set => _names.MaxValueChars = value;
    }

    /// <summary>
    /// Opens the envelope and moves to the first body child. Returns false for an empty body.
    /// When the body is a fault, it is read into <see cref="Fault"/> and false is returned.
    /// </summary>
    public static ResponseReader Open(Stream stream, out bool hasBodyContent)
    {
        var rr = new ResponseReader(stream);
        try
        {
            hasBodyContent = rr.MoveToBodyContent();
            return rr;
        }
        catch
        {
            rr.Dispose();
            throw;
        }
    }

    private bool MoveToBodyContent()
    {
        var r = _reader;
        var n = _names;
        // MoveToContent skips the XML declaration, comments (recorder headers) and whitespace.
        if (r.MoveToContent() != XmlNodeType.Element || (object)r.LocalName != n.Envelope || (object)r.NamespaceURI != n.SoapNs)
        {
            throw new MissingElementException($"Expected a SOAP 1.2 Envelope (namespace {WsManNamespaces.Soap}) but found <{r.Name}>.");
        }
        var envDepth = r.Depth;
        while (r.ReadToNextChild(envDepth))
        {
            if ((object)r.NamespaceURI != n.SoapNs)
            {
                r.SkipToEnd();
                continue;
            }
            if ((object)r.LocalName == n.Header)
            {
                var hDepth = r.Depth;
                while (r.ReadToNextChild(hDepth))
                {
                    if ((object)r.LocalName == n.Action && (object)r.NamespaceURI == n.AddressingNs)
                    {
                        Action = r.ReadText().Trim();
                    }
                    else
                    {
                        r.SkipToEnd();
                    }
                }
            }
            else if ((object)r.LocalName == n.Body)
            {
                if (!r.ReadToNextChild(r.Depth))
                {
                    return false;
                }
                if ((object)r.LocalName == n.Fault && (object)r.NamespaceURI == n.SoapNs)
                {
                    Fault = FaultReader.Read(r, n, Action);
                    return false;
                }
                return true;
            }
            else
            {
                r.SkipToEnd();
            }
        }
        throw new MissingElementException("The SOAP envelope has no Body.");
    }

    /// <summary>
    /// On the body's first child (an EnumerateResponse or PullResponse): returns the next item, or null when the
    /// page is done (then <see cref="EnumerationContext"/> and <see cref="EndOfSequence"/> are final).
    /// Accepts both <c>w:Items</c>/<c>w:EndOfSequence</c> (optimized Enumerate) and the <c>n:</c> forms (Pull),
    /// and absent or empty Items.
    /// </summary>
    public CimObject? ReadNextItem()
    {
        if (_pageDone)
        {
            return null;
        }
        var r = _reader;
        var n = _names;
        if (_pageDepth < 0)
        {
            if ((object)r.NamespaceURI != n.EnumerationNs
                || ((object)r.LocalName != n.EnumerateResponse && (object)r.LocalName != n.PullResponse))
            {
                throw new MissingElementException($"Expected an EnumerateResponse or PullResponse but found <{r.Name}>.");
            }
            _pageDepth = r.Depth;
        }
        while (true)
        {
            if (_itemsDepth >= 0)
            {
                if (r.ReadToNextChild(_itemsDepth))
                {
                    return ReadItem(r, n);
                }
                _itemsDepth = -1;
            }
            if (!r.ReadToNextChild(_pageDepth))
            {
                _pageDone = true;
                return null;
            }
            var local = r.LocalName;
            var ns = r.NamespaceURI;
            if ((object)local == n.EnumerationContext && (object)ns == n.EnumerationNs)
            {
                var ctx = r.ReadText().Trim();
                EnumerationContext = ctx.Length == 0 ? null : ctx;
            }
            else if ((object)local == n.Items && ((object)ns == n.EnumerationNs || (object)ns == n.WsManNs))
            {
                if (!r.IsEmptyElement)
                {
                    _itemsDepth = r.Depth;
                }
            }
            else if ((object)local == n.EndOfSequence && ((object)ns == n.EnumerationNs || (object)ns == n.WsManNs))
            {
                EndOfSequence = true;
                r.SkipToEnd();
            }
            else
            {
                r.SkipToEnd();
            }
        }
    }

    private CimObject ReadItem(XmlReader r, XmlNames n)
    {
        var ns = r.NamespaceURI;
        var local = r.LocalName;
        if ((object)ns == n.AddressingNs && (object)local == n.EndpointReference)
        {
            // EnumerateEPR: a bare reference; the class comes from its resource URI.
            var epr = InstanceReader.ReadEndpointReference(r, n, r.Depth, firstChildRead: false);
            return new CimObject(WsManResourceUris.ClassNameOf(epr.ResourceUri) ?? "EndpointReference", epr.ResourceUri,
                Array.Empty<CimProperty>(), epr);
        }
        if ((object)ns == n.WsManNs && (object)local == n.Item)
        {
            // EnumerateObjectAndEPR: <w:Item><instance/><a:EndpointReference/></w:Item>
            var itemDepth = r.Depth;
            CimObject? obj = null;
            EndpointReference? reference = null;
            while (r.ReadToNextChild(itemDepth))
            {
                if ((object)r.NamespaceURI == n.AddressingNs && (object)r.LocalName == n.EndpointReference)
                {
                    reference = InstanceReader.ReadEndpointReference(r, n, r.Depth, firstChildRead: false);
                }
                else if (obj is null)
                {
                    obj = InstanceReader.ReadInstance(r, n, FragmentClassName);
                }
                else
                {
                    r.SkipToEnd();
                }
            }
            obj ??= new CimObject(reference is null ? "Item" : WsManResourceUris.ClassNameOf(reference.ResourceUri) ?? "Item",
                reference?.ResourceUri, Array.Empty<CimProperty>());
            return reference is null ? obj : new CimObject(obj.ClassName, obj.ResourceUri, obj.Properties, reference);
        }
        return InstanceReader.ReadInstance(r, n, FragmentClassName);
    }

    /// <summary>Reads the rest of the document so that truncation is detected.</summary>
    public void ReadToEnd()
    {
        while (_reader.Read())
        {
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _reader.Dispose();
        XmlNames.Return(_names);
    }
}

/// <summary>An expected element was missing; turned into <see cref="WsManProtocolException"/> by the client.</summary>
internal sealed class MissingElementException : Exception
{
    public MissingElementException(string message) : base(message)
    {
    }
}
