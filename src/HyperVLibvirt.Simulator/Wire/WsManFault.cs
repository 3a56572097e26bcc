namespace HyperVLibvirt.Simulator.Wire;

/// <summary>Where a fault subcode lives; decides the prefix and the fault action.</summary>
internal enum FaultSubcodeNamespace
{
    /// <summary><c>w:</c> (wsman), action <c>…/wsman/fault</c>.</summary>
    WsMan,
    /// <summary><c>a:</c> (addressing), action <c>…/addressing/fault</c>.</summary>
    Addressing,
    /// <summary><c>n:</c> (enumeration), action <c>…/enumeration/fault</c>.</summary>
    Enumeration,
}

/// <summary>The WMI <c>__ExtendedStatus</c> instance WinRM nests in provider faults.</summary>
internal sealed record ExtendedStatus(string Operation, string ParameterInfo, string ProviderName);

/// <summary>An <c>f:ProviderFault</c>: either a nested WSManFault message (with optional extended status) or plain text.</summary>
internal sealed record ProviderFault(string Provider, string Path, string? NestedMessage, string? PlainText, ExtendedStatus? Extended);

/// <summary>The properties of an <c>MSFT_WmiError</c> detail (newer hosts put it in place of f:WSManFault).</summary>
internal sealed record WmiErrorDetail(uint CimStatusCode, string Message, uint ErrorCode, ushort ErrorCategory);

/// <summary>Everything needed to write one SOAP fault as WinRM does.</summary>
internal sealed record WsManFault(
    FaultSubcodeNamespace SubcodeNamespace,
    string Subcode,
    bool IsReceiver,
    string Reason,
    uint Code,
    string? FaultDetail = null,
    string? Message = null,
    ProviderFault? Provider = null,
    WmiErrorDetail? WmiError = null,
    string ReasonLanguage = "en-US")
{
    /// <summary>The subcode as a QName, e.g. <c>w:InvalidSelectors</c>.</summary>
    public string QualifiedSubcode => SubcodeNamespace switch
    {
        FaultSubcodeNamespace.Addressing => "a:" + Subcode,
        FaultSubcodeNamespace.Enumeration => "n:" + Subcode,
        _ => "w:" + Subcode,
    };

    /// <summary>The fault action URI for the subcode's namespace.</summary>
    public string Action => SubcodeNamespace switch
    {
        FaultSubcodeNamespace.Addressing => WsManNamespaces.FaultActionAddressing,
        FaultSubcodeNamespace.Enumeration => WsManNamespaces.FaultActionEnumeration,
        _ => WsManNamespaces.FaultActionWsMan,
    };
}

/// <summary>Thrown anywhere in request handling to answer with a fault.</summary>
internal sealed class WsManFaultException(WsManFault fault) : Exception(fault.Reason)
{
    /// <summary>The fault to send.</summary>
    public WsManFault Fault { get; } = fault;
}
