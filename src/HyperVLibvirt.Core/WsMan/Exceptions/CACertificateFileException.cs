namespace HyperVLibvirt.Core.WsMan;

/// <summary>The file given as the private CA's certificate could not be used.</summary>
public sealed class CACertificateFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CACertificateFileException(string message, string path, Exception? innerException)
        : base(message, innerException)
    {
        Path = path;
    }

    /// <summary>The file's path.</summary>
    public string Path { get; }
}
