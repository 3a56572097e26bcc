namespace HyperVLibvirt.Core.DomainXml;

/// <summary>
/// A domain's settings could not be turned into domain XML: a device points to a parent the host did not
/// return, a number is unreadable, or a setting libvirt needs is missing. The message names the domain and
/// what was missing, as libvirt's hypervDomainGetXMLDesc errors do.
/// </summary>
public sealed class DomainXmlException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DomainXmlException(string domainName, string message)
        : base($"Cannot build the domain XML of '{domainName}': {message}")
    {
        DomainName = domainName;
    }

    /// <summary>The domain whose XML failed.</summary>
    public string DomainName { get; }
}
