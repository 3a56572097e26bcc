using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace HyperVLibvirt.Core.Devices;

/// <summary>
/// libvirt's device XML, as <c>virsh attach-device</c> takes it and <c>virsh dumpxml</c> writes it, turned into
/// <see cref="DeviceSpec"/>s. What libvirt's Hyper-V driver honours (hypervDomainAttachDeviceFlags, hypervDomainAttachStorage,
/// hypervDomainCreateSCSIController, hypervDomainAttachSerial, hypervDomainAttachSyntheticEthernetAdapter in
/// src/hyperv/hyperv_driver.c) is read; anything it would reject or silently drop is refused with the element named,
/// so nothing is sent for XML that cannot be honoured whole.
/// </summary>
/// <remarks>
/// Where a disk has no <c>&lt;address&gt;</c>, its location comes from its target name as the driver's dumpxml names
/// disks (hypervDomainDefAppendDisk): <c>hd</c>+n is IDE channel n/2, location n%2; <c>sd</c>+n is SCSI controller n/64,
/// location n%64; so dumpxml's output reads back to the same place. A disk with neither is placed when attached.
/// </remarks>
public static class DeviceXmlReader
{
    // hyperv_driver.h: HYPERV_MAX_IDE_CHANNELS, HYPERV_MAX_SCSI_CONTROLLERS; Hyper-V's 2 drives per channel, 64 per controller.
    internal const int IdeChannels = 2;
    internal const int IdeLocations = 2;
    internal const int ScsiControllers = 4;
    internal const int ScsiLocations = 64;

    /// <summary>Reads one device element (<c>disk</c>, <c>controller</c>, <c>interface</c> or <c>serial</c>).</summary>
    /// <exception cref="DeviceXmlException">The element is not one the driver attaches, or asks for what it cannot honour.</exception>
    public static DeviceSpec Read(XElement device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.Name.Namespace != XNamespace.None)
        {
            throw new DeviceXmlException(Tag(device), "libvirt's device XML has no namespace.");
        }
        return device.Name.LocalName switch
        {
            "disk" => ReadDisk(device),
            "controller" => ReadController(device),
            "interface" => ReadInterface(device),
            "serial" => ReadSerial(device),
            _ => throw new DeviceXmlException(Tag(device),
                "libvirt's Hyper-V driver attaches <disk>, <controller type='scsi'>, <interface type='bridge'> and <serial type='pipe'> only."),
        };
    }

    /// <summary>The longest device XML read, in characters: a device element is a few hundred.</summary>
    public const int MaxLength = 64 * 1024;

    // No DTD (an entity could expand without bound), no external resources.
    private static readonly XmlReaderSettings TextSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxLength,
    };

    /// <summary>Reads one device from its XML text.</summary>
    /// <exception cref="DeviceXmlException">The text is too long, not well-formed XML or has a DTD, or <see cref="Read(XElement)"/> refuses it.</exception>
    public static DeviceSpec Read(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        if (xml.Length > MaxLength)
        {
            throw new DeviceXmlException($"The device XML is {xml.Length} characters long; one device element is far shorter (at most {MaxLength}).",
                new XmlException("Too long."));
        }
        XElement element;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), TextSettings);
            element = XElement.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new DeviceXmlException($"The device XML is not well-formed: {ex.Message}", ex);
        }
        return Read(element);
    }

    private static DiskSpec ReadDisk(XElement disk)
    {
        var type = disk.Attribute("type")?.Value ?? "file";
        var device = disk.Attribute("device")?.Value ?? "disk";
        var tag = Tag(disk);
        AllowChildren(disk, "source", "target", "address", "readonly");

        DiskKind kind = (type, device) switch
        {
            ("file", "disk") => DiskKind.VirtualHardDisk,
            ("file", "cdrom") => DiskKind.Dvd,
            ("file", "floppy") => DiskKind.Floppy,
            ("block", "disk") => DiskKind.PassThroughDisk,
            ("file" or "block", _) => throw new DeviceXmlException(tag,
                type == "block" ? "a host device is passed through as device='disk' only." : "the device is disk, cdrom or floppy."),
            _ => throw new DeviceXmlException(tag, "Hyper-V attaches image files (type='file') and host disks (type='block') only."),
        };
        if (disk.Element("readonly") is { } readOnly && kind is DiskKind.VirtualHardDisk or DiskKind.PassThroughDisk)
        {
            throw new DeviceXmlException(Tag(readOnly), "Hyper-V attaches hard disks writable; only DVD and floppy media are read-only.");
        }

        var source = disk.Element("source");
        string? path = null;
        int? driveNumber = null;
        if (kind == DiskKind.PassThroughDisk)
        {
            var dev = source?.Attribute("dev")?.Value;
            if (!int.TryParse(dev, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                throw new DeviceXmlException(source is null ? tag : Tag(source),
                    "a pass-through disk names the host disk's number as <source dev='N'/> (Get-Disk's Number, as virsh dumpxml writes it).");
            }
            driveNumber = number;
        }
        else
        {
            path = source?.Attribute("file")?.Value;
            if (string.IsNullOrWhiteSpace(path))
            {
                if (kind != DiskKind.Dvd)
                {
                    throw new DeviceXmlException(source is null ? tag : Tag(source), "the image's path on the host is needed as <source file='…'/>.");
                }
                path = null; // an empty DVD drive
            }
        }

        var (bus, controller, location) = ReadPlacement(disk, kind);
        return new DiskSpec { Kind = kind, Path = path, HostDriveNumber = driveNumber, Bus = bus, Controller = controller, Location = location };
    }

    // <target dev bus> and <address type='drive'>: the address wins, then the target's name.
    private static (DiskBus? Bus, int? Controller, int? Location) ReadPlacement(XElement disk, DiskKind kind)
    {
        var target = disk.Element("target");
        var dev = target?.Attribute("dev")?.Value;
        DiskBus? bus = target?.Attribute("bus")?.Value switch
        {
            null => dev switch
            {
                _ when dev is null => null,
                _ when dev.StartsWith("hd", StringComparison.Ordinal) => DiskBus.Ide,
                _ when dev.StartsWith("sd", StringComparison.Ordinal) => DiskBus.Scsi,
                _ when dev.StartsWith("fd", StringComparison.Ordinal) => DiskBus.Fdc,
                _ => throw new DeviceXmlException(Tag(target!), "the target is named hd*, sd* or fd*, or given a bus='ide|scsi|fdc'."),
            },
            "ide" => DiskBus.Ide,
            "scsi" => DiskBus.Scsi,
            "fdc" => DiskBus.Fdc,
            _ => throw new DeviceXmlException(Tag(target!), "Hyper-V's buses are ide (generation 1), scsi and fdc (generation 1 floppy)."),
        };
        if (kind == DiskKind.Floppy && bus is not (null or DiskBus.Fdc))
        {
            throw new DeviceXmlException(Tag(target!), "a floppy disk goes on bus='fdc'.");
        }
        if (kind != DiskKind.Floppy && bus == DiskBus.Fdc)
        {
            throw new DeviceXmlException(Tag(target!), "only a floppy image (device='floppy') goes on the diskette controller.");
        }
        if (kind == DiskKind.Floppy)
        {
            return (DiskBus.Fdc, null, null);
        }

        int? controller = null, location = null;
        if (disk.Element("address") is { } address)
        {
            var at = Tag(address);
            if (address.Attribute("type")?.Value != "drive")
            {
                throw new DeviceXmlException(at, "a disk's address is type='drive' (libvirt: Unsupported disk address type).");
            }
            var controllerNumber = Number(address, "controller") ?? 0;
            var busNumber = Number(address, "bus") ?? 0;
            if (Number(address, "target") is { } t and not 0)
            {
                throw new DeviceXmlException(at, string.Create(CultureInfo.InvariantCulture, $"Hyper-V has no target {t}; target='0' is the only one."));
            }
            location = Number(address, "unit") ?? 0;
            // virsh dumpxml writes an IDE channel as bus='n' under controller 0, and a SCSI controller as controller='n' on bus 0.
            if (bus == DiskBus.Ide)
            {
                if (controllerNumber != 0)
                {
                    throw new DeviceXmlException(at, "Hyper-V has one IDE controller (controller='0') with two channels, bus='0' and bus='1'.");
                }
                controller = busNumber;
            }
            else
            {
                if (busNumber != 0)
                {
                    throw new DeviceXmlException(at, "a SCSI controller has one bus, bus='0'; choose the controller with controller='n'.");
                }
                controller = controllerNumber;
            }
        }
        else if (dev is { Length: > 2 } && bus is not null && DiskIndex(dev[2..]) is { } index)
        {
            (controller, location) = bus == DiskBus.Ide ? (index / IdeLocations, index % IdeLocations) : (index / ScsiLocations, index % ScsiLocations);
        }
        else if (dev is not null && bus is not null)
        {
            throw new DeviceXmlException(Tag(target!), "the target's name ends in letters a..z, aa.. (for example sda or hdc).");
        }

        if (bus == DiskBus.Ide && controller is { } channel && (channel >= IdeChannels || location >= IdeLocations))
        {
            throw new DeviceXmlException(Tag(disk.Element("address") ?? target!),
                "Hyper-V's IDE has channels 0 and 1 with locations 0 and 1 (hda to hdd).");
        }
        if (bus == DiskBus.Scsi && controller is { } scsi && (scsi >= ScsiControllers || location >= ScsiLocations))
        {
            throw new DeviceXmlException(Tag(disk.Element("address") ?? target!),
                "Hyper-V has SCSI controllers 0 to 3 with locations 0 to 63.");
        }
        return (bus, controller, location);
    }

    // virDiskNameToIndex: a..z is 0..25, aa is 26, as DiskNames writes them.
    private static int? DiskIndex(string letters)
    {
        if (letters.Length == 0 || letters.Length > 3 || !letters.All(c => c is >= 'a' and <= 'z'))
        {
            return null;
        }
        var index = 0;
        foreach (var c in letters)
        {
            index = (index * 26) + (c - 'a' + 1);
        }
        return index - 1;
    }

    private static ScsiControllerSpec ReadController(XElement controller)
    {
        var tag = Tag(controller);
        if (controller.Attribute("type")?.Value != "scsi")
        {
            throw new DeviceXmlException(tag,
                "only a SCSI controller can be added (type='scsi'); a VM's IDE and diskette controllers come with generation 1.");
        }
        // hypervDomainCreateSCSIController: the default or 'auto' model only, and no address.
        if (controller.Attribute("model")?.Value is { } model && model != "auto")
        {
            throw new DeviceXmlException(tag, $"Hyper-V's SCSI controller is its own synthetic model; leave model='{model}' out.");
        }
        AllowChildren(controller);
        int? index = null;
        if (controller.Attribute("index") is { } attribute)
        {
            if (!int.TryParse(attribute.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) || i >= ScsiControllers)
            {
                throw new DeviceXmlException(tag, "Hyper-V has SCSI controllers 0 to 3.");
            }
            index = i;
        }
        return new ScsiControllerSpec { Index = index };
    }

    private static NetworkAdapterSpec ReadInterface(XElement nic)
    {
        var tag = Tag(nic);
        var type = nic.Attribute("type")?.Value;
        if (type != "bridge")
        {
            // hypervDomainAttachSyntheticEthernetAdapter reads the bridge name whatever the type says.
            throw new DeviceXmlException(tag,
                "Hyper-V connects an adapter to a virtual switch: write <interface type='bridge'> with <source bridge='switch name or GUID'/>.");
        }
        AllowChildren(nic, "source", "mac");
        var source = nic.Element("source");
        var bridge = source?.Attribute("bridge")?.Value;
        if (string.IsNullOrWhiteSpace(bridge))
        {
            throw new DeviceXmlException(source is null ? tag : Tag(source), "the switch is needed as <source bridge='…'/> (its name or GUID, see Get-HvNetwork).");
        }
        string? mac = null;
        if (nic.Element("mac") is { } macElement)
        {
            mac = ParseMac(macElement.Attribute("address")?.Value)
                ?? throw new DeviceXmlException(Tag(macElement), "the MAC address is six hex pairs, for example 00:15:5d:01:02:03, and unicast (first octet even).");
        }
        return new NetworkAdapterSpec { Switch = bridge, MacAddress = mac };
    }

    /// <summary>
    /// A MAC address with or without ':' or '-' separators as Hyper-V writes it (12 upper-case hex digits);
    /// null when it is not 12 hex digits or is a multicast address, which no adapter can have.
    /// </summary>
    public static string? ParseMac(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var digits = new string(text.Where(c => c is not (':' or '-')).ToArray()).ToUpperInvariant();
        if (digits.Length != 12 || !digits.All(char.IsAsciiHexDigit))
        {
            return null;
        }
        var firstOctet = Convert.ToByte(digits[..2], 16);
        return (firstOctet & 1) == 1 ? null : digits;
    }

    private static SerialPortSpec ReadSerial(XElement serial)
    {
        var tag = Tag(serial);
        if (serial.Attribute("type")?.Value != "pipe")
        {
            throw new DeviceXmlException(tag, "Hyper-V connects a COM port to a named pipe: write <serial type='pipe'>.");
        }
        AllowChildren(serial, "source", "target");
        var target = serial.Element("target");
        var portText = target?.Attribute("port")?.Value;
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 2)
        {
            throw new DeviceXmlException(target is null ? tag : Tag(target), "the port is <target port='1'/> (COM 1) or <target port='2'/> (COM 2).");
        }
        var source = serial.Element("source");
        var path = source?.Attribute("path")?.Value;
        if (string.IsNullOrEmpty(path))
        {
            throw new DeviceXmlException(source is null ? tag : Tag(source), @"the pipe is needed as <source path='\\.\pipe\name'/> (or path='-1' to disconnect).");
        }
        if (path == "-1")
        {
            return new SerialPortSpec { Port = port };
        }
        if (!IsPipePath(path))
        {
            throw new DeviceXmlException(Tag(source!), $@"'{path}' is not a named pipe; Hyper-V takes \\.\pipe\name or \\server\pipe\name.");
        }
        return new SerialPortSpec { Port = port, PipePath = path };
    }

    /// <summary>Whether <paramref name="path"/> is a Windows named pipe (<c>\\.\pipe\name</c> or <c>\\server\pipe\name</c>).</summary>
    public static bool IsPipePath(string? path)
    {
        if (path is null || !path.StartsWith(@"\\", StringComparison.Ordinal))
        {
            return false;
        }
        var parts = path[2..].Split('\\');
        return parts.Length >= 3 && parts[0].Length > 0 && string.Equals(parts[1], "pipe", StringComparison.OrdinalIgnoreCase) && parts[2].Length > 0;
    }

    // Children the driver would drop without a word (driver, boot, model, alias...) are refused by name.
    private static void AllowChildren(XElement element, params string[] allowed)
    {
        foreach (var child in element.Elements())
        {
            if (child.Name.Namespace != XNamespace.None || !allowed.Contains(child.Name.LocalName))
            {
                throw new DeviceXmlException(Tag(child), $"libvirt's Hyper-V driver does not honour <{child.Name.LocalName}> in <{element.Name.LocalName}>; remove it.");
            }
        }
    }

    private static int? Number(XElement element, string attribute)
    {
        if (element.Attribute(attribute) is not { } a)
        {
            return null;
        }
        return int.TryParse(a.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new DeviceXmlException(Tag(element), $"{attribute}='{a.Value}' is not a number.");
    }

    // The element as the user wrote its start tag, attributes included: <disk type='network' device='disk'>.
    private static string Tag(XElement element) =>
        "<" + element.Name.LocalName + string.Concat(element.Attributes().Select(a => $" {a.Name.LocalName}='{a.Value}'")) + ">";
}
