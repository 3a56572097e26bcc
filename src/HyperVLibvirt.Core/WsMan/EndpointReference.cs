namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// A WS-Addressing endpoint reference as WinRM writes it: an address plus a resource URI and
/// selector set. Used for reference-typed properties and for Invoke parameters.
/// </summary>
public sealed class EndpointReference
{
    /// <summary>The anonymous role address that WinRM puts in every reference.</summary>
    public const string AnonymousAddress = "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous";

    /// <summary>Creates a reference.</summary>
    public EndpointReference(string resourceUri, IReadOnlyList<KeyValuePair<string, string>> selectors, string address = AnonymousAddress)
    {
        ResourceUri = resourceUri;
        Selectors = selectors;
        Address = address;
    }

    /// <summary>The <c>a:Address</c>.</summary>
    public string Address { get; }

    /// <summary>The <c>w:ResourceURI</c> of the referenced instance.</summary>
    public string ResourceUri { get; }

    /// <summary>The selectors (key properties) in wire order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Selectors { get; }

    /// <summary>A selector's value, matched case-insensitively as WinRM does, or null.</summary>
    public string? GetSelector(string name)
    {
        foreach (var s in Selectors)
        {
            if (string.Equals(s.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return s.Value;
            }
        }
        return null;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var cls = ResourceUri[(ResourceUri.LastIndexOf('/') + 1)..];
        return cls + "." + string.Join(",", Selectors.Select(s => $"{s.Key}='{s.Value}'"));
    }
}
