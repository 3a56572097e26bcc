namespace HyperVLibvirt.Core.WsMan;

/// <summary>A parsed SOAP fault (SOAP 1.2 Fault with a WS-Management subcode and wsmanfault detail: DMTF DSP0226; MS-WSMV 2.2.4.43). Text fields are trimmed.</summary>
public sealed record WsManFault
{
    /// <summary>The fault action URI (wsman, addressing or enumeration fault), when sent.</summary>
    public string? Action { get; init; }

    /// <summary>The top-level code's local name: <c>Sender</c>, <c>Receiver</c> or <c>MustUnderstand</c>.</summary>
    public string Code { get; init; } = string.Empty;

    /// <summary>The subcode's namespace URI, resolved from its QName prefix; null when the prefix was undeclared.</summary>
    public string? SubcodeNamespace { get; init; }

    /// <summary>The subcode's local name, e.g. <c>InvalidSelectors</c>.</summary>
    public string? SubcodeLocalName { get; init; }

    /// <summary>The subcode with its namespace's conventional prefix, e.g. <c>w:InvalidSelectors</c>, <c>n:CannotProcessFilter</c>.</summary>
    public string? Subcode => SubcodeLocalName is null ? null
        : WsManNamespaces.ConventionalPrefix(SubcodeNamespace) is { } p ? p + ":" + SubcodeLocalName
        : SubcodeNamespace is null ? SubcodeLocalName
        : "{" + SubcodeNamespace + "}" + SubcodeLocalName;

    /// <summary>The human reason text.</summary>
    public string? Reason { get; init; }

    /// <summary>The <c>w:FaultDetail</c> URI; match it with <see cref="HasDetail"/> (by suffix).</summary>
    public string? FaultDetail { get; init; }

    /// <summary>The most specific WinRM error code (<c>f:WSManFault/@Code</c>, else <c>MSFT_WmiError.error_Code</c>).</summary>
    public uint? WsManCode { get; init; }

    /// <summary>The machine named by <c>f:WSManFault/@Machine</c>.</summary>
    public string? Machine { get; init; }

    /// <summary>The top-level <c>f:Message</c> text, when it is plain text.</summary>
    public string? Message { get; init; }

    /// <summary>The provider's own message (innermost <c>f:ProviderFault</c> text), when present.</summary>
    public string? ProviderMessage { get; init; }

    /// <summary>The provider's own code (nested <c>f:WSManFault/@Code</c> in the ProviderFault), when present.</summary>
    public uint? ProviderCode { get; init; }

    /// <summary>The WMI <c>__ExtendedStatus</c> instance from <c>f:ExtendedError</c>, when present.</summary>
    public CimObject? ExtendedStatus { get; init; }

    /// <summary>The <c>MSFT_WmiError</c> instance that newer hosts send instead of <c>f:WSManFault</c>, when present.</summary>
    public CimObject? WmiError { get; init; }

    /// <summary>True when <see cref="SubcodeLocalName"/> equals <paramref name="localName"/> (ordinal, case-insensitive).</summary>
    public bool IsSubcode(string localName) => string.Equals(SubcodeLocalName, localName, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <see cref="FaultDetail"/> ends with <c>/</c><paramref name="detailName"/> (or equals it).</summary>
    public bool HasDetail(string detailName) =>
        FaultDetail is { } d && (d.EndsWith("/" + detailName, StringComparison.OrdinalIgnoreCase) || string.Equals(d, detailName, StringComparison.OrdinalIgnoreCase));
}
