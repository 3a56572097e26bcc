using System.Globalization;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Lifecycle;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Management;

/// <summary>
/// Msvm_VirtualSystemManagementService's failures (<see cref="ServiceMethodFailure"/>) as <see cref="HvSettingsException"/>s, with what
/// to do about the return codes a configuration change meets most (Microsoft's documentation of ModifyResourceSettings).
/// </summary>
internal static class SettingsRefusal
{
    /// <summary>The class whose methods change and remove domains.</summary>
    public const string ServiceClass = "Msvm_VirtualSystemManagementService";

    /// <summary>A caller of the management service's methods whose failures are <see cref="HvSettingsException"/>s.</summary>
    public static ServiceMethod Methods(HvConnection session, IWsManTrace? trace) => new(session, trace, ServiceClass, FromFailure);

    /// <summary>The failure as the settings cmdlets report it (InvalidResponse or HostRefused).</summary>
    public static HvSettingsException FromFailure(ServiceMethodFailure failure)
    {
        var context = failure.Context;
        var what = $"{DomainStateChange.Verb(context.Operation)} domain '{context.DomainName}' on {context.ComputerName}";
        return failure.Fault switch
        {
            ServiceMethodFault.NoReturnValue => new HvSettingsException(SettingsFailure.InvalidResponse, context.DomainName, context.DomainUuid,
                $"Could not {what}: Could not get return value for {failure.Method} invocation."),
            ServiceMethodFault.NoJobInstance => new HvSettingsException(SettingsFailure.InvalidResponse, context.DomainName, context.DomainUuid,
                $"Could not {what}: Could not get instance ID for {failure.Method} invocation. The change may still be under way; check it with Get-HvDomain -Detailed."),
            _ => new HvSettingsException(SettingsFailure.HostRefused, context.DomainName, context.DomainUuid,
                string.Create(CultureInfo.InvariantCulture,
                    $"Could not {what}: Invocation of {failure.Method} returned an error: {ReturnCodes.ToText(failure.ReturnValue ?? 0)} ({failure.ReturnValue})."),
                failure.ReturnValue, RecommendedAction(failure.ReturnValue)),
        };
    }

    private static string? RecommendedAction(uint? code) => code switch
    {
        32775 => "Stop the domain (Stop-HvDomain) and try again, or turn on dynamic memory for memory changes while it runs.",
        32774 => "Another operation is running on the domain; wait for it to finish and try again.",
        32773 => "Check the value against the host's limits (memory in 2 MiB steps, virtual processors up to the host's maximum).",
        _ => null,
    };
}
