using System.Globalization;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.DomainXml;

/// <summary>
/// Controllers and disks from a domain's RASDs and SASDs, pass for pass as libvirt's
/// hypervDomainDefParseStorage (src/hyperv/hyperv_driver.c): controllers first, then pass-through LUNs
/// (hypervDomainDefParsePhysicalDisk), then images (hypervDomainDefParseVirtualExtent).
/// </summary>
internal sealed class StorageDevices
{
    // hyperv_driver.h: HYPERV_MAX_IDE_CHANNELS, HYPERV_MAX_SCSI_CONTROLLERS.
    private const int MaxIdeChannels = 2;
    private const int MaxScsiControllers = 4;

    private readonly DomainSettings _settings;
    private readonly CimObject?[] _ideChannels = new CimObject?[MaxIdeChannels];
    private readonly List<CimObject> _scsiControllers = [];

    private StorageDevices(DomainSettings settings) => _settings = settings;

    public List<ControllerDefinition> Controllers { get; } = [];

    public List<DiskDefinition> Disks { get; } = [];

    /// <summary>Maps the storage of one domain.</summary>
    /// <exception cref="DomainXmlException">A device names a parent or host disk the host did not return.</exception>
    public static StorageDevices Map(DomainSettings settings)
    {
        var storage = new StorageDevices(settings);
        storage.AddControllers();
        storage.AddPassThroughDisks();
        storage.AddImages();
        return storage;
    }

    private string DomainName => _settings.Domain.Name;

    private void AddControllers()
    {
        foreach (var rasd in _settings.ResourceSettings)
        {
            switch (rasd.GetUInt64("ResourceType"))
            {
                case ResourceTypes.IdeController:
                    // The channel is the first digit of Address; Hyper-V's PIIX4 has two, libvirt shows one controller.
                    if (rasd.GetString("Address") is { Length: > 0 } address && address[0] - '0' is >= 0 and < MaxIdeChannels and var channel)
                    {
                        _ideChannels[channel] = rasd;
                    }
                    if (!Controllers.Any(c => c.Type == "ide"))
                    {
                        Controllers.Add(new ControllerDefinition("ide", 0));
                    }
                    break;
                case ResourceTypes.ParallelScsiHba when _scsiControllers.Count < MaxScsiControllers:
                    _scsiControllers.Add(rasd);
                    Controllers.Add(new ControllerDefinition("scsi", _scsiControllers.Count - 1));
                    break;
            }
        }
    }

    private void AddPassThroughDisks()
    {
        foreach (var rasd in _settings.ResourceSettings)
        {
            if (rasd.GetUInt64("ResourceType") != ResourceTypes.DiskDrive || FirstHostResource(rasd) is not { } hostResource)
            {
                continue;
            }
            // A synthetic drive's HostResource points nowhere ("NODRIVE"): Hyper-V cannot define an unconnected LUN.
            if (hostResource.Contains("NODRIVE", StringComparison.Ordinal))
            {
                continue;
            }
            var unit = AddressOnParent(rasd);
            var controller = DeviceParent.Find(rasd.GetString("Parent"), _settings.ResourceSettings)
                ?? throw Fail($"Failed to locate parent device with ID '{rasd.GetString("Parent")}'");
            var driveNumber = HostDriveNumber(hostResource);
            // libvirt names a LUN on IDE with 4 units per channel, unlike images (2): kept, so names match virsh's.
            var (target, bus, address) = controller.GetUInt64("ResourceType") switch
            {
                ResourceTypes.ParallelScsiHba when _scsiControllers.IndexOf(controller) is var i and >= 0 =>
                    (DiskNames.FromIndex(i * 64 + unit, "sd"), "scsi", new DriveAddress(i, 0, 0, unit)),
                ResourceTypes.IdeController when Array.IndexOf(_ideChannels, controller) is var c and >= 0 =>
                    (DiskNames.FromIndex(c * 4 + unit, "hd"), "ide", new DriveAddress(0, c, 0, unit)),
                _ => throw Fail("Invalid controller type for LUN"),
            };
            Disks.Add(new DiskDefinition("block", "disk", driveNumber, target, bus, address));
        }
    }

    private void AddImages()
    {
        foreach (var sasd in _settings.StorageSettings)
        {
            // libvirt fails the whole XML on an image without a path; such a setting holds nothing to show.
            if (FirstHostResource(sasd) is not { } path)
            {
                continue;
            }
            var drive = DeviceParent.Find(sasd.GetString("Parent"), _settings.ResourceSettings)
                ?? throw Fail($"Failed to locate parent device with ID '{sasd.GetString("Parent")}'");
            var controller = DeviceParent.Find(drive.GetString("Parent"), _settings.ResourceSettings)
                ?? throw Fail($"Failed to locate parent device with ID '{drive.GetString("Parent")}'");
            var device = string.Equals(sasd.GetString("ResourceSubType"), ResourceTypes.VirtualCdDvdDisk, StringComparison.Ordinal) ? "cdrom" : "disk";
            var controllerType = controller.GetUInt64("ResourceType");
            if (controllerType == ResourceTypes.ParallelScsiHba)
            {
                var index = IndexOf(_scsiControllers.IndexOf(controller));
                var unit = AddressOnParent(drive);
                Disks.Add(new DiskDefinition("file", device, path, DiskNames.FromIndex(index * 64 + unit, "sd"), "scsi", new DriveAddress(index, 0, 0, unit)));
            }
            else if (controllerType == ResourceTypes.IdeController)
            {
                var channel = IndexOf(Array.IndexOf(_ideChannels, controller));
                var unit = AddressOnParent(drive);
                Disks.Add(new DiskDefinition("file", device, path, DiskNames.FromIndex(channel * 2 + unit, "hd"), "ide", new DriveAddress(0, channel, 0, unit)));
            }
            else if (controllerType == ResourceTypes.Other && drive.GetUInt64("ResourceType") == ResourceTypes.DisketteDrive)
            {
                // hypervDomainDefParseFloppyStorageExtent sets no address numbers: all stay 0.
                Disks.Add(new DiskDefinition("file", "floppy", path, "fda", "fdc", new DriveAddress(0, 0, 0, 0)));
            }
            else
            {
                throw Fail(string.Create(CultureInfo.InvariantCulture, $"Unrecognized controller type {controllerType}"));
            }
        }
    }

    private int IndexOf(int index) => index >= 0 ? index : throw Fail("Could not find controller for disk!");

    private int AddressOnParent(CimObject drive) =>
        int.TryParse(drive.GetString("AddressOnParent"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var unit) && unit >= 0
            ? unit
            : throw Fail($"the drive '{drive.GetString("InstanceID")}' has no readable AddressOnParent ('{drive.GetString("AddressOnParent")}')");

    // libvirt reads Msvm_DiskDrive WHERE __PATH = HostResource for its DriveNumber; here the host's drives
    // come in one batch and the path's DeviceID picks one.
    private string HostDriveNumber(string hostResource)
    {
        var deviceId = WmiPath.KeyValue(hostResource, "DeviceID");
        var drive = _settings.HostDiskDrives.FirstOrDefault(d => string.Equals(d.GetString("DeviceID"), deviceId, StringComparison.OrdinalIgnoreCase));
        return drive?.GetUInt64("DriveNumber") is { } number
            ? number.ToString(CultureInfo.InvariantCulture)
            : throw Fail("Could not find Msvm_DiskDrive object");
    }

    private static string? FirstHostResource(CimObject setting) =>
        setting.GetArray("HostResource") is { Count: > 0 } items && items[0].AsString() is { } first ? first : null;

    private DomainXmlException Fail(string message) => new(DomainName, message);
}
