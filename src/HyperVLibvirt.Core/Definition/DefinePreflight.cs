using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Devices;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Definition;

/// <summary>
/// What a define's devices name on the host, checked before anything is sent: switches, host disks to pass through and image
/// files, by the same rules an attach applies (<see cref="HostResources"/>; one query per class). The attach would find the same
/// faults, but only after DefineSystem, and then the new VM would have to be removed again. Checks that need the VM itself
/// (locations, controllers) stay with DeviceAttachService.
/// </summary>
internal sealed class DefinePreflight
{
    private readonly HvConnection _session;
    private readonly IWsManTrace? _trace;

    public DefinePreflight(HvConnection session, IWsManTrace? trace)
    {
        _session = session;
        _trace = trace;
    }

    /// <summary>Refuses <paramref name="spec"/> when a switch, host disk or image it names is not on the host, or a switch name is ambiguous.</summary>
    /// <exception cref="HvDefineException"><see cref="DefineFailure.DeviceNotFound"/>; nothing was sent.</exception>
    public async Task CheckAsync(NewDomainSpec spec, string what, CancellationToken cancellationToken)
    {
        // The disk this define creates is not there yet.
        var devices = spec.Devices
            .Where(d => d is not DiskSpec { Path: { } path } || !string.Equals(path, spec.NewDisk?.Path, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (devices.Count == 0)
        {
            return;
        }
        var host = await HostResources.ReadAsync(_session, _trace, devices, cancellationToken).ConfigureAwait(false);
        host.Check(devices, (reason, _, why, recommendedAction) => new HvDefineException(
            reason == DeviceFailure.SwitchAmbiguous ? DefineFailure.DeviceAmbiguous : DefineFailure.DeviceNotFound, spec.Name, spec.Uuid,
            $"{what}: {why} Nothing was sent.", recommendedAction: recommendedAction));
    }
}
