namespace HyperVLibvirt.Core.WsMan;

/// <summary>The answer to a WS-Management Identify (spec §10).</summary>
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
}
