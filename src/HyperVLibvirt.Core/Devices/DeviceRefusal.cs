using System.Globalization;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Management;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Devices;

/// <summary>
/// Msvm_VirtualSystemManagementService's failures of AddResourceSettings, ModifyResourceSettings and RemoveResourceSettings as
/// <see cref="HvDeviceException"/>s, with what to do about the return codes Microsoft documents for them.
/// </summary>
internal static class DeviceRefusal
{
    /// <summary>A caller of the management service's methods whose failures are <see cref="HvDeviceException"/>s.</summary>
    public static ServiceMethod Methods(HvConnection session, IWsManTrace? trace) => new(session, trace, SettingsRefusal.ServiceClass, FromFailure);

    /// <summary>The failure as Add-HvDomainDevice reports it (InvalidResponse or HostRefused).</summary>
    public static HvDeviceException FromFailure(ServiceMethodFailure failure)
    {
        var context = failure.Context;
        var what = $"Could not attach a device to domain '{context.DomainName}' on {context.ComputerName}";
        return failure.Fault switch
        {
            ServiceMethodFault.NoReturnValue => new HvDeviceException(DeviceFailure.InvalidResponse, context.DomainName, context.DomainUuid,
                $"{what}: Could not get return value for {failure.Method} invocation."),
            ServiceMethodFault.NoJobInstance => new HvDeviceException(DeviceFailure.InvalidResponse, context.DomainName, context.DomainUuid,
                $"{what}: Could not get instance ID for {failure.Method} invocation. The change may still be under way; check it with Get-HvDomainXml."),
            _ => new HvDeviceException(DeviceFailure.HostRefused, context.DomainName, context.DomainUuid,
                string.Create(CultureInfo.InvariantCulture,
                    $"{what}: Invocation of {failure.Method} returned an error: {ReturnCodes.ToText(failure.ReturnValue ?? 0)} ({failure.ReturnValue})."),
                failure.ReturnValue, RecommendedAction(failure.ReturnValue)),
        };
    }

    private static string? RecommendedAction(uint? code) => code switch
    {
        32775 => "Stop the domain (Stop-HvDomain) and try again: Hyper-V adds IDE drives, SCSI controllers and generation-1 network adapters only while a domain is off.",
        32774 => "Another operation is running on the domain; wait for it to finish and try again.",
        32773 => "Check the device against the domain's devices (Get-HvDomainXml) and the host's switches (Get-HvNetwork).",
        _ => null,
    };
}
