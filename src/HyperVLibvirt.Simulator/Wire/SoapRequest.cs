namespace HyperVLibvirt.Simulator.Wire;

/// <summary>How Enumerate items are returned (WS-Man EnumerationMode).</summary>
internal enum EnumerationMode
{
    /// <summary>The instances themselves.</summary>
    Objects,
    /// <summary>One <c>a:EndpointReference</c> per instance.</summary>
    EndpointReferences,
    /// <summary>A <c>w:Item</c> holding the instance and its EPR.</summary>
    ObjectsAndEndpointReferences,
}

/// <summary>The body of an Enumerate request.</summary>
internal sealed record EnumerateBody(bool Optimize, int? MaxElements, EnumerationMode Mode, string? FilterDialect, string? FilterText, IReadOnlyList<KeyValuePair<string, string>>? FilterSelectors, bool HasFilter);

/// <summary>The body of a Pull request.</summary>
internal sealed record PullBody(string Context, int? MaxElements);

/// <summary>The body of a method invocation: the <c>&lt;Method&gt;_INPUT</c> element's name and parameters.</summary>
internal sealed record InvokeBody(string ElementName, IReadOnlyList<KeyValuePair<string, object?>> Parameters);

/// <summary>A parsed WS-Management request: its headers and the body of the operation it carries.</summary>
internal sealed class SoapRequest
{
    /// <summary>True when the body is <c>wsmid:Identify</c>.</summary>
    public bool IsIdentify { get; init; }

    /// <summary>a:Action.</summary>
    public string? Action { get; init; }

    /// <summary>a:MessageID (echoed as RelatesTo).</summary>
    public string? MessageId { get; init; }

    /// <summary>a:To.</summary>
    public string? To { get; init; }

    /// <summary>w:ResourceURI.</summary>
    public string? ResourceUri { get; init; }

    /// <summary>Whether a:ReplyTo was present.</summary>
    public bool HasReplyTo { get; init; }

    /// <summary>a:ReplyTo/a:Address.</summary>
    public string? ReplyToAddress { get; init; }

    /// <summary>w:SelectorSet, in request order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Selectors { get; init; } = [];

    /// <summary>The raw w:MaxEnvelopeSize text.</summary>
    public string? MaxEnvelopeSize { get; init; }

    /// <summary>The raw w:OperationTimeout text.</summary>
    public string? OperationTimeout { get; init; }

    /// <summary>w:Locale xml:lang, when sent.</summary>
    public string? Locale { get; init; }

    /// <summary>w:Locale carried mustUnderstand="true".</summary>
    public bool LocaleMustUnderstand { get; init; }

    /// <summary>p:DataLocale carried mustUnderstand="true".</summary>
    public bool DataLocaleMustUnderstand { get; init; }

    /// <summary>Enumerate body, when present.</summary>
    public EnumerateBody? Enumerate { get; init; }

    /// <summary>Pull body, when present.</summary>
    public PullBody? Pull { get; init; }

    /// <summary>Release context, when the body is n:Release.</summary>
    public string? ReleaseContext { get; init; }

    /// <summary>Method input, when the body is some other element.</summary>
    public InvokeBody? Invoke { get; init; }

    /// <summary>A short name of the operation for fault rules and statistics.</summary>
    public string OperationName
    {
        get
        {
            if (IsIdentify)
            {
                return "Identify";
            }

            return Action switch
            {
                WsManNamespaces.ActionEnumerate => "Enumerate",
                WsManNamespaces.ActionPull => "Pull",
                WsManNamespaces.ActionRelease => "Release",
                WsManNamespaces.ActionGet => "Get",
                null => "Unknown",
                _ when ResourceUri is not null && Action.StartsWith(ResourceUri + "/", StringComparison.OrdinalIgnoreCase) => "Invoke",
                _ => "Unknown",
            };
        }
    }

}
