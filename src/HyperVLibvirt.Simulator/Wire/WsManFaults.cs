namespace HyperVLibvirt.Simulator.Wire;

/// <summary>The faults WinRM sends, with their real codes and texts (DMTF DSP0226's fault table; MS-WSMV 2.2.4.43 WSManFault and 3.1.4.1.21).</summary>
internal static class WsManFaults
{
    public const uint CodeDestinationUnreachable = 2150858752;
    public const uint CodeActionNotSupported = 2150858771;
    public const uint CodeInvalidMessageInformationHeader = 2150858767;
    public const uint CodeMessageInformationHeaderRequired = 2150858769;
    public const uint CodeFilterDialectUnavailable = 2150858777;
    public const uint CodeCannotProcessFilter = 2150858778;
    public const uint CodeInvalidEnumerationContext = 2150858779;
    public const uint CodeTimedOut = 2150858793;
    public const uint CodeSchemaValidation = 2150858817;
    public const uint CodeUnsupportedFeature = 2150858818;
    public const uint CodeMaxEnvelopeSize = 2150858823;
    public const uint CodeMaxEnvelopeSizeExceeded = 2150858824;
    public const uint CodeInsufficientSelectors = 2150858842;
    public const uint CodeUnexpectedSelectors = 2150858843;
    public const uint CodeInvalidSelectorValue = 2150858845;
    public const uint CodeAmbiguousSelectors = 2150858846;
    public const uint CodeDuplicateSelectors = 2150858847;
    public const uint CodeEnumerationModeUnsupported = 2150858886;
    public const uint CodeWqlNeedsNamespaceUri = 2150859003;
    public const uint CodeQuotaMaxOperationsPerUser = 2150859174;
    public const uint CodeQuotaMaxShellsPerUser = 2150859173;

    private const string WmiPluginPath = "%systemroot%\\system32\\WsmWmiPl.dll";
    private const string WmiProvider = "WMI Provider";
    private const string CannotProcessReason = "The data source could not process the filter. The filter might be missing or it might be invalid. Change the filter and try the request again.  ";
    private const string NotFoundText = "The WS-Management service cannot process the request. The service cannot find the resource identified by the resource URI and selectors. ";

    /// <summary>No such class, namespace or instance (a Get/Invoke/Enumerate on a class URI).</summary>
    public static WsManFault DestinationUnreachable(string operation, string parameterInfo, string providerName = "WinMgmt") => new(
        FaultSubcodeNamespace.Addressing, "DestinationUnreachable", false, NotFoundText, CodeDestinationUnreachable,
        FaultDetail: "InvalidResourceURI",
        Provider: new ProviderFault(WmiProvider, WmiPluginPath, NotFoundText, null, new ExtendedStatus(operation, parameterInfo, providerName)));

    /// <summary>A resource URI outside the WMI plug-in (no provider detail).</summary>
    public static WsManFault UnknownResourceUri() => new(
        FaultSubcodeNamespace.Addressing, "DestinationUnreachable", false, NotFoundText, CodeDestinationUnreachable,
        FaultDetail: "InvalidResourceURI", Message: NotFoundText);

    /// <summary>Bad WQL, unknown class or namespace in a query (n:CannotProcessFilter 2150858778).</summary>
    public static WsManFault CannotProcessFilter(string providerMessage, string query, uint code = CodeCannotProcessFilter) => new(
        FaultSubcodeNamespace.Enumeration, "CannotProcessFilter", false, CannotProcessReason, code,
        Provider: new ProviderFault(WmiProvider, WmiPluginPath, providerMessage, null, new ExtendedStatus("ExecQuery", query, "WinMgmt")));

    /// <summary>A filter dialect the WMI plug-in does not know.</summary>
    public static WsManFault FilterDialectUnavailable(string dialect) => new(
        FaultSubcodeNamespace.Enumeration, "FilterDialectRequestedUnavailable", false,
        "The requested filtering dialect is not supported. ", CodeFilterDialectUnavailable,
        Message: "The WS-Management service does not support the filter dialect " + dialect + ". ");

    /// <summary>Selectors missing, unknown, duplicated or with a bad value.</summary>
    public static WsManFault InvalidSelectors(string detail)
    {
        var code = detail switch
        {
            "InsufficientSelectors" => CodeInsufficientSelectors,
            "InvalidValue" => CodeInvalidSelectorValue,
            "AmbiguousSelectors" => CodeAmbiguousSelectors,
            "DuplicateSelectors" => CodeDuplicateSelectors,
            _ => CodeUnexpectedSelectors,
        };
        const string text = "The WS-Management service cannot process the request because the request contained invalid selectors for the resource. ";
        return new WsManFault(FaultSubcodeNamespace.WsMan, "InvalidSelectors", false, text, code,
            FaultDetail: detail, Provider: new ProviderFault(WmiProvider, WmiPluginPath, text, null, null));
    }

    /// <summary>An Action the service does not know, or a method the class does not have.</summary>
    public static WsManFault ActionNotSupported(string action) => new(
        FaultSubcodeNamespace.Addressing, "ActionNotSupported", false,
        "The WS-Management service cannot process the request because the action is not supported. ", CodeActionNotSupported,
 
        Message: "The action " + action + " is not supported by the service. ");

    /// <summary>A required WS-Addressing header (ReplyTo, Action, MessageID, To) is missing.</summary>
    public static WsManFault MessageInformationHeaderRequired(string header) => new(
        FaultSubcodeNamespace.Addressing, "MessageInformationHeaderRequired", false,
        "The WS-Management service cannot process the request. A required header property is missing. ", CodeMessageInformationHeaderRequired,
        Message: "The WS-Management service cannot process the request. The SOAP header " + header + " is missing. ");

    /// <summary>A header value is invalid (e.g. a negative OperationTimeout).</summary>
    public static WsManFault InvalidMessageInformationHeader(string message) => new(
        FaultSubcodeNamespace.Addressing, "InvalidMessageInformationHeader", false,
        "The WS-Management service cannot process the request. The request contains one or more invalid SOAP headers. ",
        CodeInvalidMessageInformationHeader, Message: message);

    /// <summary>MaxEnvelopeSize below 8192, or the response cannot fit the envelope.</summary>
    public static WsManFault EncodingLimit(bool responseTooLarge) => responseTooLarge
        ? new WsManFault(FaultSubcodeNamespace.WsMan, "EncodingLimit", false,
            "The WS-Management service cannot process the request because the response is larger than the maximum envelope size. ",
            CodeMaxEnvelopeSizeExceeded, FaultDetail: "ServiceEnvelopeLimit",
            Message: "The response that the WS-Management service computed exceeds the maximum envelope size in the request. ")
        : new WsManFault(FaultSubcodeNamespace.WsMan, "EncodingLimit", false,
            "The WS-Management service cannot process the request because the envelope size in the request is too small. ",
            CodeMaxEnvelopeSize, FaultDetail: "MaxEnvelopeSize",
            Message: "The WS-Management service cannot process the request. The MaxEnvelopeSize value in the request must be at least 8192 bytes. ");

    /// <summary>A feature the service will not honour (Locale/DataLocale with mustUnderstand, a non-anonymous ReplyTo…).</summary>
    public static WsManFault UnsupportedFeature(string detail) => new(
        FaultSubcodeNamespace.WsMan, "UnsupportedFeature", false,
        "The WS-Management service does not support the specified feature. ", CodeUnsupportedFeature,
        FaultDetail: detail, Message: "The WS-Management service does not support the " + detail + " feature as requested. ");

    /// <summary>The OperationTimeout ran out (w:TimedOut 2150858793).</summary>
    public static WsManFault TimedOut()
    {
        const string text = "The WS-Management service cannot complete the operation within the time specified in OperationTimeout.  ";
        return new WsManFault(FaultSubcodeNamespace.WsMan, "TimedOut", true, text, CodeTimedOut, Message: text);
    }

    /// <summary>An unknown, consumed or expired enumeration context.</summary>
    public static WsManFault InvalidEnumerationContext() => new(
        FaultSubcodeNamespace.Enumeration, "InvalidEnumerationContext", true,
        "The enumeration context supplied in the message is not valid. ", CodeInvalidEnumerationContext,
        Message: "The WS-Management service cannot process the request because the enumeration context is not valid or has expired. Restart the enumeration. ");

    /// <summary>The per-user operation quota was exceeded (w:InternalError 2150859174).</summary>
    public static WsManFault MaxConcurrentOperationsPerUser(int limit) => new(
        FaultSubcodeNamespace.WsMan, "InternalError", true,
        "The WS-Management service cannot process the request. The maximum number of concurrent operations for this user has been exceeded. Close existing operations for this user, or raise the quota for this user. ",
        CodeQuotaMaxOperationsPerUser,
        Message: $"The WS-Management service cannot process the request. This user is allowed a maximum number of {limit} concurrent operations, which has been exceeded. Close existing operations for this user, or raise the quota for this user. ",
        ReasonLanguage: "");

    /// <summary>A generic server-side failure.</summary>
    public static WsManFault InternalError(string message, uint code = 2150858885) => new(
        FaultSubcodeNamespace.WsMan, "InternalError", true, "The WS-Management service cannot process the request. " + message, code, Message: message);

    /// <summary>A bad method parameter (w:InvalidParameter, detail InvalidValue, code 87).</summary>
    public static WsManFault InvalidParameter(string message) => new(
        FaultSubcodeNamespace.WsMan, "InvalidParameter", false, "The parameter is incorrect. ", 87,
        FaultDetail: "InvalidValue", Provider: new ProviderFault(WmiProvider, WmiPluginPath, null, string.IsNullOrEmpty(message) ? "The parameter is incorrect. " : message, null));

    /// <summary>The request body is not well-formed or not a SOAP envelope.</summary>
    public static WsManFault SchemaValidationError(string message) => new(
        FaultSubcodeNamespace.WsMan, "SchemaValidationError", false,
        "The SOAP XML in the message does not match the corresponding XML schema definition. Change the XML and retry. ",
        CodeSchemaValidation, Message: message);

    /// <summary>A quota fault whose detail is an MSFT_WmiError instance (newer hosts).</summary>
    public static WsManFault QuotaLimitWithWmiError()
    {
        const string text = "The WS-Management service cannot process the request. The maximum number of concurrent shells for this user has been exceeded. Close existing shells or raise the quota for this user. ";
        const string message = "The WS-Management service cannot process the request. This user is allowed a maximum number of 30 concurrent shells, which has been exceeded. Close existing shells or raise the quota for this user. ";
        return new WsManFault(FaultSubcodeNamespace.WsMan, "QuotaLimit", false, text, CodeQuotaMaxShellsPerUser,
            WmiError: new WmiErrorDetail(27, message, CodeQuotaMaxShellsPerUser, 30));
    }

    /// <summary>A fault chosen by name for fault injection (e.g. <c>TimedOut</c>, <c>InternalError</c>, <c>AccessDenied</c>).</summary>
    public static WsManFault ByName(string name) => name.ToLowerInvariant() switch
    {
        "timedout" => TimedOut(),
        "internalerror" => InternalError("The service encountered an internal error. "),
        "maxoperations" or "quota" => MaxConcurrentOperationsPerUser(1500),
        "invalidenumerationcontext" => InvalidEnumerationContext(),
        "destinationunreachable" => UnknownResourceUri(),
        "invalidselectors" => InvalidSelectors("InsufficientSelectors"),
        "invalidparameter" => InvalidParameter("The parameter is incorrect. "),
        "encodinglimit" => EncodingLimit(true),
        "cannotprocessfilter" => CannotProcessFilter("The specified class does not exist in the given namespace. ", ""),
        "actionnotsupported" => ActionNotSupported("(injected)"),
        "wmierror" or "quotalimit" => QuotaLimitWithWmiError(),
        "accessdenied" => new WsManFault(FaultSubcodeNamespace.WsMan, "AccessDenied", false, "Access is denied. ", 5, Message: "Access is denied. "),
        _ => throw new ArgumentException($"Unknown fault name '{name}'. Known: TimedOut, InternalError, Quota, InvalidEnumerationContext, DestinationUnreachable, InvalidSelectors, InvalidParameter, EncodingLimit, CannotProcessFilter, ActionNotSupported, WmiError, AccessDenied."),
    };
}
