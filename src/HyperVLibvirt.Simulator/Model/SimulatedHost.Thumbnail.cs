using System.Globalization;

namespace HyperVLibvirt.Simulator.Model;

/// <summary>Msvm_VirtualSystemManagementService.GetVirtualSystemThumbnailImage.</summary>
public sealed partial class SimulatedHost
{
    /// <summary>The largest width or height the simulator draws; larger asks are an invalid parameter.</summary>
    internal const int MaxThumbnailSide = 4096;

    /// <summary>
    /// GetVirtualSystemThumbnailImage (Microsoft's Msvm_VirtualSystemManagementService documentation): TargetSystem
    /// references a VM's CIM_VirtualSystemSettingData, WidthPixels and HeightPixels are uint16, and ImageData is the
    /// picture in raw RGB 565, which WinRM writes as one base64 element (libvirt's hypervDomainScreenshot,
    /// src/hyperv/hyperv_driver.c, decodes it so). The picture is <see cref="ThumbnailRenderer"/>'s.
    /// </summary>
    /// <remarks>
    /// A running or paused VM has a screen; any other state (off, saved, in a transition) is 32775 Invalid state for
    /// this operation, a code the method's documentation lists. A size that is not a number is a WMI type mismatch
    /// (a fault); a missing or zero size, one above <see cref="MaxThumbnailSide"/>, or a reference that is not a VM's
    /// realized VSSD (snapshots have no picture here) is 32773 Invalid parameter. None of them has output.
    /// </remarks>
    private MethodResult GetVirtualSystemThumbnailImage(HostNamespace ns, IReadOnlyList<KeyValuePair<string, object?>> inputs)
    {
        var width = ThumbnailSide(inputs, "WidthPixels");
        var height = ThumbnailSide(inputs, "HeightPixels");
        if (width is not { } w || height is not { } h)
        {
            return new MethodResult(StateTransitions.InvalidParameter, []);
        }

        string name;
        ushort state;
        lock (_stateGate)
        {
            if (InputValues(inputs, "TargetSystem") is not [CimReference target] || VmOfSettings(target) is not { } vm)
            {
                return new MethodResult(StateTransitions.InvalidParameter, []);
            }

            if (vm.State is not (EnabledStates.Enabled or EnabledStates.Quiesce) || vm.ActiveJob is not null)
            {
                return new MethodResult(StateTransitions.InvalidState(ns.IsV1), []);
            }

            name = vm.Spec.Name;
            state = vm.State;
        }

        var image = ThumbnailRenderer.Render(name, state, w, h);
        return new MethodResult(StateTransitions.Completed, [new("ImageData", Convert.ToBase64String(image))]);
    }

    // A uint16 size: a fault when it is not one, null (invalid parameter) when absent, zero or too large.
    private static int? ThumbnailSide(IReadOnlyList<KeyValuePair<string, object?>> inputs, string name)
    {
        if (InputText(inputs, name) is not { } text)
        {
            return null;
        }

        if (!ushort.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new CimException(CimErrorKind.InvalidParameter, $"{name} '{text}' is not a uint16.", "InvalidValue");
        }

        return value is > 0 and <= MaxThumbnailSide ? value : null;
    }
}
