using System.Globalization;
using HyperVLibvirt.Core.DomainXml;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Devices;

/// <summary>
/// A domain's devices as the attach reads them once, before any check: its generation, its controllers and drives (RASDs),
/// its images (SASDs), its COM ports, and what the devices name on the host (<see cref="HostResources"/>).
/// Controllers are numbered as libvirt's hypervDomainAttachStorage numbers them: IDE channels by the first digit of Address,
/// SCSI controllers in the order the host lists them.
/// </summary>
internal sealed class DeviceInventory
{
    public required int Generation { get; init; }

    public required string SystemSettingsInstanceId { get; init; }

    public IReadOnlyList<CimObject> Resources { get; init; } = [];

    public IReadOnlyList<CimObject> Storage { get; init; } = [];

    public IReadOnlyList<CimObject> SerialPorts { get; init; } = [];

    /// <summary>The switches, host disks and image files the devices name.</summary>
    public HostResources Host { get; init; } = new();

    /// <summary>The IDE channel RASD of each channel number (0, 1), null where absent.</summary>
    public CimObject?[] IdeChannels()
    {
        var channels = new CimObject?[DeviceXmlReader.IdeChannels];
        foreach (var rasd in Resources)
        {
            if (rasd.GetUInt64("ResourceType") == ResourceTypes.IdeController && rasd.GetString("Address") is { Length: > 0 } address
                && address[0] - '0' is >= 0 and < DeviceXmlReader.IdeChannels and var channel)
            {
                channels[channel] = rasd;
            }
        }
        return channels;
    }

    /// <summary>The SCSI controllers in the host's order (libvirt's controller index).</summary>
    public List<CimObject> ScsiControllers() =>
        Resources.Where(r => r.GetUInt64("ResourceType") == ResourceTypes.ParallelScsiHba).Take(DeviceXmlReader.ScsiControllers).ToList();

    /// <summary>The generation-1 diskette drive, or null.</summary>
    public CimObject? DisketteDrive() => Resources.FirstOrDefault(r => r.GetUInt64("ResourceType") == ResourceTypes.DisketteDrive);

    /// <summary>The locations taken on <paramref name="controller"/>, with what holds each.</summary>
    public Dictionary<int, string> TakenLocations(CimObject controller)
    {
        var taken = new Dictionary<int, string>();
        foreach (var drive in Resources)
        {
            if (drive.GetUInt64("ResourceType") is not (ResourceTypes.DiskDrive or ResourceTypes.DvdDrive)
                || DeviceParent.Find(drive.GetString("Parent"), [controller]) is null
                || !int.TryParse(drive.GetString("AddressOnParent"), NumberStyles.None, CultureInfo.InvariantCulture, out var location))
            {
                continue;
            }
            taken[location] = Holder(drive);
        }
        return taken;
    }

    /// <summary>The image in <paramref name="drive"/>, or null.</summary>
    public string? MediaOf(CimObject drive) =>
        Storage.Where(s => DeviceParent.Find(s.GetString("Parent"), [drive]) is not null)
            .Select(s => s.GetArray("HostResource") is { Count: > 0 } items ? items[0].AsString() : null)
            .FirstOrDefault(p => p is not null);

    // "a DVD drive with 'C:\ISO\x.iso'", "a hard drive with 'C:\VMs\a.vhdx'", "an empty DVD drive".
    private string Holder(CimObject drive)
    {
        var isDvd = drive.GetUInt64("ResourceType") == ResourceTypes.DvdDrive;
        var media = MediaOf(drive);
        if (media is null)
        {
            return isDvd ? "an empty DVD drive"
                : drive.GetString("ResourceSubType")?.Contains("Physical", StringComparison.Ordinal) == true ? "a pass-through disk" : "an empty disk drive";
        }
        return (isDvd ? "a DVD drive with '" : "a hard drive with '") + media + "'";
    }
}
