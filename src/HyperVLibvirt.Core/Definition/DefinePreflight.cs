using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Devices;
using HyperVLibvirt.Core.DomainXml;
using HyperVLibvirt.Core.Storage;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Definition;

/// <summary>
/// What a define needs from the host besides the new VM, checked before anything is sent: the switches its adapters name
/// (one query for every switch) and the image files its disks name (one CIM_DataFile query per 32 paths). The attach would
/// find the same faults, but only after DefineSystem, and then the new VM would have to be removed again. Checks that need the
/// VM itself (locations, controllers) stay with DeviceAttachService.
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

    /// <summary>Refuses <paramref name="spec"/> when a switch or an image it names is not on the host.</summary>
    /// <exception cref="HvDefineException"><see cref="DefineFailure.DeviceNotFound"/>; nothing was sent.</exception>
    public async Task CheckAsync(NewDomainSpec spec, string what, CancellationToken cancellationToken)
    {
        var adapters = spec.Devices.OfType<NetworkAdapterSpec>().ToList();
        if (adapters.Count > 0)
        {
            var switches = new List<CimObject>();
            await foreach (var item in _session.QueryAsync(DomainXmlQuery.AllSwitches, null, _trace, cancellationToken).ConfigureAwait(false))
            {
                switches.Add(item);
            }
            foreach (var adapter in adapters)
            {
                // By Name (the GUID dumpxml writes) or by ElementName, as DeviceAttachService resolves it.
                if (!switches.Exists(s => Is(s, "Name", adapter.Switch) || Is(s, "ElementName", adapter.Switch)))
                {
                    var known = switches.Count == 0 ? "none" : string.Join(", ", switches.Select(s => $"'{s.GetString("ElementName")}'"));
                    throw new HvDefineException(DefineFailure.DeviceNotFound, spec.Name, spec.Uuid,
                        $"{what}: the host has no virtual switch named '{adapter.Switch}' (it has {known}). Nothing was sent.",
                        recommendedAction: "Name a switch Get-HvNetwork lists, by its name or its UUID.");
                }
            }
        }

        var images = spec.Devices.OfType<DiskSpec>()
            .Where(d => d.Path is not null && !string.Equals(d.Path, spec.NewDisk?.Path, StringComparison.OrdinalIgnoreCase))
            .Select(d => d.Path!)
            .Distinct(HostPath.Comparer)
            .ToList();
        if (images.Count == 0)
        {
            return;
        }
        IReadOnlyDictionary<string, ulong> existing;
        try
        {
            existing = await new HostFileService(_session, _trace).GetExistingAsync(images, cancellationToken).ConfigureAwait(false);
        }
        catch (HvStorageException ex) when (ex.Reason == StorageFailure.ClassNotAvailable)
        {
            // A host that does not answer for CIM_DataFile: the attach's job reports a missing file instead.
            return;
        }
        var missing = images.Where(path => !existing.ContainsKey(path)).ToList();
        if (missing.Count > 0)
        {
            throw new HvDefineException(DefineFailure.DeviceNotFound, spec.Name, spec.Uuid,
                $"{what}: the host has no file {string.Join(", ", missing.Select(p => $"'{p}'"))}. Nothing was sent.",
                recommendedAction: "Check the path on the host; create a new disk with New-HvVirtualHardDisk or -NewVHDPath.");
        }
    }

    private static bool Is(CimObject item, string property, string value) =>
        string.Equals(item.GetString(property), value, StringComparison.OrdinalIgnoreCase);
}
