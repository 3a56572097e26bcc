using System.Globalization;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.DomainXml;
using HyperVLibvirt.Core.Storage;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Devices;

/// <summary>
/// What devices name on the host rather than on a domain: virtual switches, host disks to pass through, and image files. They
/// are read once for a batch (one query per class, only for the kinds of device asked for) and checked by one set of rules,
/// whether the domain exists (an attach) or is still to be made (a define, which checks them before DefineSystem so that a
/// bad name sends nothing at all).
/// </summary>
internal sealed class HostResources
{
    /// <summary>A refusal: the failure, the device, why (a sentence), and what to do.</summary>
    public delegate Exception Refusal(DeviceFailure reason, DeviceSpec device, string why, string recommendedAction);

    /// <summary>The host's virtual switches (read when an adapter is asked for).</summary>
    public IReadOnlyList<CimObject> Switches { get; init; } = [];

    /// <summary>The host's own Msvm_DiskDrive instances with the drive numbers asked for.</summary>
    public IReadOnlyList<CimObject> HostDisks { get; init; } = [];

    /// <summary>Which of the images asked for exist on the host; null when the host cannot tell (no CIM_DataFile), so its job will.</summary>
    public IReadOnlyDictionary<string, ulong>? ExistingImages { get; init; }

    /// <summary>Reads what <paramref name="devices"/> name: at most one query for switches, one for host disks, one per 32 images.</summary>
    public static async Task<HostResources> ReadAsync(HvConnection session, IWsManTrace? trace, IReadOnlyList<DeviceSpec> devices,
        CancellationToken cancellationToken)
    {
        var switches = devices.Any(d => d is NetworkAdapterSpec)
            ? await ListAsync(session, trace, DomainXmlQuery.AllSwitches, cancellationToken).ConfigureAwait(false)
            : [];
        var driveNumbers = devices.OfType<DiskSpec>().Where(d => d.HostDriveNumber is not null).Select(d => d.HostDriveNumber!.Value).Distinct().ToArray();
        var hostDisks = driveNumbers.Length > 0
            ? await ListAsync(session, trace, "SELECT * FROM Msvm_DiskDrive WHERE "
                + string.Join(" OR ", driveNumbers.Select(n => string.Create(CultureInfo.InvariantCulture, $"DriveNumber = {n}"))), cancellationToken).ConfigureAwait(false)
            : [];
        return new HostResources
        {
            Switches = switches,
            // A VM's own drives are Msvm_DiskDrive too, with the VM's GUID as SystemName: only the host's can be passed through.
            HostDisks = hostDisks.Where(d => !Guid.TryParse(d.GetString("SystemName"), out _)).ToList(),
            ExistingImages = await ExistingImagesAsync(session, trace, devices, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>
    /// Checks every device's host references at once: switches and host disks in the order given, then every missing image in
    /// one refusal. The first refusal is thrown.
    /// </summary>
    public void Check(IReadOnlyList<DeviceSpec> devices, Refusal refuse)
    {
        foreach (var device in devices)
        {
            switch (device)
            {
                case NetworkAdapterSpec adapter:
                    ResolveSwitch(adapter, refuse);
                    break;
                case DiskSpec { Kind: DiskKind.PassThroughDisk } disk:
                    ResolveHostDisk(disk, refuse);
                    break;
            }
        }
        var missing = devices.OfType<DiskSpec>().Where(IsMissing).ToList();
        if (missing.Count > 0)
        {
            throw refuse(DeviceFailure.ImageNotFound, missing[0],
                $"the host has no file {string.Join(", ", missing.Select(d => $"'{d.Path}'").Distinct(StringComparer.OrdinalIgnoreCase))}.", MissingImageAction);
        }
    }

    /// <summary>The switch an adapter names: by Name (the GUID dumpxml writes), else by an ElementName only one switch has.</summary>
    public CimObject ResolveSwitch(NetworkAdapterSpec adapter, Refusal refuse)
    {
        var byName = Switches.FirstOrDefault(s => string.Equals(s.GetString("Name"), adapter.Switch, StringComparison.OrdinalIgnoreCase));
        if (byName is not null)
        {
            return byName;
        }
        var byElementName = Switches.Where(s => string.Equals(s.GetString("ElementName"), adapter.Switch, StringComparison.OrdinalIgnoreCase)).ToList();
        if (byElementName.Count > 1)
        {
            throw refuse(DeviceFailure.SwitchAmbiguous, adapter,
                $"{byElementName.Count} switches are named '{adapter.Switch}': {string.Join(", ", byElementName.Select(s => s.GetString("Name")))}.",
                "Name the switch by its GUID (Get-HvNetwork shows it as Uuid).");
        }
        return byElementName.FirstOrDefault()
            ?? throw refuse(DeviceFailure.SwitchNotFound, adapter,
                $"the host has no virtual switch named '{adapter.Switch}' (it has {KnownSwitches()}).",
                "Name one of the host's switches (Get-HvNetwork), by its name or its UUID.");
    }

    /// <summary>The host disk a pass-through disk names by its DriveNumber.</summary>
    public CimObject ResolveHostDisk(DiskSpec disk, Refusal refuse) =>
        HostDisks.FirstOrDefault(d => d.GetUInt64("DriveNumber") == (ulong?)disk.HostDriveNumber)
        ?? throw refuse(DeviceFailure.HostDiskNotFound, disk,
            string.Create(CultureInfo.InvariantCulture, $"the host has no disk {disk.HostDriveNumber} to pass through."),
            "Take the disk offline on the host (Set-Disk -IsOffline $true) so Hyper-V offers it, and check its number with Get-Disk.");

    /// <summary>Refuses an image the host is known not to have (a host that cannot tell leaves it to its job).</summary>
    public void CheckImage(DiskSpec disk, Refusal refuse)
    {
        if (IsMissing(disk))
        {
            throw refuse(DeviceFailure.ImageNotFound, disk, $"the host has no file '{disk.Path}'.", MissingImageAction);
        }
    }

    private const string MissingImageAction =
        "Check the path on the host (paths are the host's, not this computer's); New-HvVirtualHardDisk makes a new disk.";

    private bool IsMissing(DiskSpec disk) =>
        disk.Kind != DiskKind.PassThroughDisk && disk.Path is { } image && ExistingImages is { } existing && !existing.ContainsKey(image);

    private string KnownSwitches() =>
        Switches.Count == 0 ? "none" : string.Join(", ", Switches.Select(s => "'" + s.GetString("ElementName") + "'"));

    // The images asked for that the host has (one CIM_DataFile query per 32 paths), so a missing file is refused before anything is
    // sent instead of failing the host's job after a drive was added; null when the host does not answer for CIM_DataFile.
    private static async Task<IReadOnlyDictionary<string, ulong>?> ExistingImagesAsync(HvConnection session, IWsManTrace? trace,
        IReadOnlyList<DeviceSpec> devices, CancellationToken cancellationToken)
    {
        var images = devices.OfType<DiskSpec>().Select(d => d.Path).OfType<string>().ToList();
        if (images.Count == 0)
        {
            return null;
        }
        try
        {
            return await new HostFileService(session, trace).GetExistingAsync(images, cancellationToken).ConfigureAwait(false);
        }
        catch (HvStorageException ex) when (ex.Reason == StorageFailure.ClassNotAvailable)
        {
            return null;
        }
    }

    private static async Task<IReadOnlyList<CimObject>> ListAsync(HvConnection session, IWsManTrace? trace, string wql, CancellationToken cancellationToken)
    {
        var items = new List<CimObject>();
        await foreach (var item in session.QueryAsync(wql, null, trace, cancellationToken).ConfigureAwait(false))
        {
            items.Add(item);
        }
        return items;
    }
}
