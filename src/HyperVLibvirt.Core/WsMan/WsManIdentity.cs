namespace HyperVLibvirt.Core.WsMan;

/// <summary>The answer to a WS-Management Identify (MS-WSMV 3.1.4.1.23).</summary>
/// <param name="ProtocolVersion">E.g. <c>http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd</c>.</param>
/// <param name="ProductVendor">E.g. <c>Microsoft Corporation</c>.</param>
/// <param name="ProductVersion">E.g. <c>OS: 6.3.9600 SP: 0.0 Stack: 3.0</c> (<c>OS: 0.0.0</c> when unauthenticated).</param>
/// <param name="SecurityProfiles">Security profile URIs (authenticated requests on 2012 and later only).</param>
public sealed record WsManIdentity(string ProtocolVersion, string ProductVendor, string ProductVersion, IReadOnlyList<string> SecurityProfiles)
{
    /// <summary>The <c>Stack:</c> number of <see cref="ProductVersion"/>, e.g. "3.0", or null.</summary>
    public string? StackVersion
    {
        get
        {
            var i = ProductVersion.IndexOf("Stack:", StringComparison.OrdinalIgnoreCase);
            return i < 0 ? null : ProductVersion[(i + 6)..].Trim();
        }
    }

    /// <summary>Reads an IdentifyResponse body.</summary>
    internal static WsManIdentity Read(ResponseReader rr, bool hasBody)
    {
        var r = rr.Reader;
        var n = rr.Names;
        if (!hasBody || (object)r.LocalName != n.IdentifyResponse || (object)r.NamespaceURI != n.IdentityNs)
        {
            throw new MissingElementException("The response has no wsmid:IdentifyResponse.");
        }
        string protocol = string.Empty, vendor = string.Empty, version = string.Empty;
        var profiles = new List<string>();
        var depth = r.Depth;
        while (r.ReadToNextChild(depth))
        {
            if ((object)r.NamespaceURI != n.IdentityNs)
            {
                r.SkipToEnd();
            }
            else if ((object)r.LocalName == n.ProtocolVersion)
            {
                protocol = r.ReadText().Trim();
            }
            else if ((object)r.LocalName == n.ProductVendor)
            {
                vendor = r.ReadText().Trim();
            }
            else if ((object)r.LocalName == n.ProductVersion)
            {
                version = r.ReadText().Trim();
            }
            else if ((object)r.LocalName == n.SecurityProfiles)
            {
                var pd = r.Depth;
                while (r.ReadToNextChild(pd))
                {
                    profiles.Add(r.ReadText().Trim());
                }
            }
            else
            {
                r.SkipToEnd();
            }
        }
        return new WsManIdentity(protocol, vendor, version, profiles);
    }
}
