namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// The server answered, but not with something the client can use: malformed or truncated XML, a DTD,
/// a response larger than <see cref="WsManSettings.MaxResponseBytes"/>, a wrong content type, an
/// unexpected HTTP status, or missing elements.
/// </summary>
public sealed class WsManProtocolException : WsManException
{
    /// <summary>Creates the exception.</summary>
    public WsManProtocolException(string message, string host, int port, int? httpStatus = null, Exception? innerException = null)
        : base(message, host, port, innerException)
    {
        HttpStatus = httpStatus;
    }

    /// <summary>The HTTP status of the response, when one arrived.</summary>
    public int? HttpStatus { get; }
}
