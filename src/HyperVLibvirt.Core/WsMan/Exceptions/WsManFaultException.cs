using System.Text;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>The server answered with a SOAP fault (HTTP 500 on WinRM).</summary>
public sealed class WsManFaultException : WsManException
{
    /// <summary>WinRM code: the OperationTimeout ran out (<c>w:TimedOut</c>).</summary>
    public const uint CodeTimedOut = 2150858793;
    /// <summary>WinRM code: the enumeration context is unknown or expired.</summary>
    public const uint CodeInvalidEnumerationContext = 2150858779;
    /// <summary>WinRM code: the filter (WQL, class or namespace) could not be processed.</summary>
    public const uint CodeCannotProcessFilter = 2150858778;
    /// <summary>WinRM code: no such resource or instance.</summary>
    public const uint CodeDestinationUnreachable = 2150858752;
    /// <summary>WinRM code: too many concurrent operations for this user.</summary>
    public const uint CodeMaxConcurrentOperationsPerUser = 2150859174;

    /// <summary>Creates the exception for a fault received during <paramref name="operation"/>.</summary>
    public WsManFaultException(WsManFault fault, string operation, string resourceUri, string host, int port)
        : base(BuildMessage(fault, operation, resourceUri, host, port), host, port)
    {
        Fault = fault;
        Operation = operation;
        ResourceUri = resourceUri;
    }

    /// <summary>The parsed fault.</summary>
    public WsManFault Fault { get; }

    /// <summary>The operation that failed (Enumerate, Pull, Get, the method name…).</summary>
    public string Operation { get; }

    /// <summary>The resource URI of the failed request.</summary>
    public string ResourceUri { get; }

    /// <summary>The top-level code: Sender, Receiver or MustUnderstand.</summary>
    public string Code => Fault.Code;

    /// <summary>The resolved subcode, e.g. <c>w:InvalidSelectors</c>.</summary>
    public string? Subcode => Fault.Subcode;

    /// <summary>The reason text.</summary>
    public string? Reason => Fault.Reason;

    /// <summary>The <c>w:FaultDetail</c> URI (match by suffix).</summary>
    public string? FaultDetail => Fault.FaultDetail;

    /// <summary>The most specific WinRM code.</summary>
    public uint? WsManCode => Fault.WsManCode;

    /// <summary>The machine that produced the fault.</summary>
    public string? Machine => Fault.Machine;

    /// <summary>The provider's message.</summary>
    public string? ProviderMessage => Fault.ProviderMessage;

    /// <summary>The WMI <c>__ExtendedStatus</c>, when sent.</summary>
    public CimObject? ExtendedStatus => Fault.ExtendedStatus;

    /// <summary>The <c>MSFT_WmiError</c>, when sent.</summary>
    public CimObject? WmiError => Fault.WmiError;

    private static string BuildMessage(WsManFault f, string operation, string resourceUri, string host, int port)
    {
        var sb = new StringBuilder(256);
        sb.Append("SOAP fault during ").Append(operation);
        if (!string.IsNullOrEmpty(resourceUri))
        {
            sb.Append(" of ").Append(resourceUri);
        }
        sb.Append(" on ").Append(Endpoint(host, port));
        sb.Append(": code '").Append(f.Code).Append('\'');
        sb.Append(", subcode '").Append(f.Subcode ?? "(none)").Append('\'');
        sb.Append(", reason '").Append(f.Reason ?? "(none)").Append('\'');
        if (f.FaultDetail is not null)
        {
            sb.Append(", detail '").Append(f.FaultDetail).Append('\'');
        }
        if (f.WsManCode is { } code)
        {
            sb.Append(", WinRM code ").Append(code).Append(" (0x").Append(code.ToString("X8")).Append(')');
        }
        if (!string.IsNullOrEmpty(f.Machine))
        {
            sb.Append(", machine '").Append(f.Machine).Append('\'');
        }
        if (!string.IsNullOrEmpty(f.ProviderMessage) && f.ProviderMessage != f.Reason)
        {
            sb.Append(". Provider: ").Append(f.ProviderMessage);
        }
        if (f.ExtendedStatus?.GetString("ParameterInfo") is { Length: > 0 } pi)
        {
            sb.Append(" [").Append(f.ExtendedStatus.GetString("Operation")).Append(": ").Append(pi).Append(']');
        }
        var hint = Hint(f);
        if (hint is not null)
        {
            sb.Append(". ").Append(hint);
        }
        return sb.ToString();
    }

    /// <summary>What to do about the common faults (the WS-Management fault subcodes of DMTF DSP0226; MS-WSMV 2.2.4.43 and 3.1.4.1.21).</summary>
    private static string? Hint(WsManFault f)
    {
        if (f.WsManCode == CodeMaxConcurrentOperationsPerUser)
        {
            return "The user has too many open WinRM operations; close other sessions or wait, or raise MaxConcurrentOperationsPerUser on the host.";
        }
        return f.SubcodeLocalName switch
        {
            "CannotProcessFilter" => "Check the WQL query and the class name; a class missing from root/virtualization/v2 can mean the host only has the v1 namespace or no Hyper-V role.",
            "InvalidSelectors" => "Check the key properties (selectors) of the instance.",
            "DestinationUnreachable" => "The class or instance does not exist on the host; check the resource URI and selectors.",
            "AccessDenied" => "Use an account that is a member of Administrators (or Hyper-V Administrators and Remote Management Users) on the host.",
            "TimedOut" => "The host did not finish within the operation timeout; retry, or raise the operation timeout.",
            "InvalidEnumerationContext" => "The enumeration expired on the host; run the command again.",
            "EncodingLimit" => "The response exceeded the envelope size; lower MaxElements or raise MaxEnvelopeSize (up to the host's MaxEnvelopeSizekb).",
            "QuotaLimit" => "A WinRM quota was exceeded; close other sessions or raise the quota on the host.",
            "ActionNotSupported" => "The host does not support this method or operation on this class.",
            _ => null,
        };
    }
}
