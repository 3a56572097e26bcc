namespace HyperVLibvirt.Core.Uris;

/// <summary>
/// A <c>hyperv://</c> URI could not be used. Where libvirt has a message for the same problem the
/// text is libvirt's, word for word. Messages never contain a password.
/// </summary>
public sealed class LibvirtUriException : FormatException
{
    /// <summary>Creates the exception with its user-facing message.</summary>
    public LibvirtUriException(string message)
        : base(message)
    {
    }
}
