using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Management;

/// <summary>
/// Tells the WS-Man fault that means "a reference this method was given resolves to nothing" from the other
/// <c>a:DestinationUnreachable</c> faults an Invoke can meet.
/// </summary>
/// <remarks>
/// WinRM sends DestinationUnreachable (2150858752, the WS-Management fault of DMTF DSP0226) whenever WMI answers "not found"
/// (WBEM_E_NOT_FOUND): for a resource URI outside any plug-in (no provider detail), for a target instance the selectors do not find (WMI's
/// <c>__ExtendedStatus</c> then names the GetObject or ExecQuery that looked for it), and for a method that ran and met a missing
/// object (<c>__ExtendedStatus.Operation</c> "ExecMethod", Microsoft's __ExtendedStatus class documentation). Only the last is about
/// the method's own inputs; the others mean the service itself was not reached.
/// </remarks>
internal static class MissingReferenceFault
{
    private const string ExecMethod = "ExecMethod";

    /// <summary>Whether <paramref name="fault"/> is WMI's "not found" from inside the method it was sent to.</summary>
    public static bool Matches(WsManFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var unreachable = fault.IsSubcode("DestinationUnreachable") || fault.WsManCode == WsManFaultException.CodeDestinationUnreachable;
        return unreachable && string.Equals(fault.ExtendedStatus?.GetString("Operation"), ExecMethod, StringComparison.OrdinalIgnoreCase);
    }
}
