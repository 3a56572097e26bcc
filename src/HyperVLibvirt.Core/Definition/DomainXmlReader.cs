using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using HyperVLibvirt.Core.Devices;
using HyperVLibvirt.Core.Management;

namespace HyperVLibvirt.Core.Definition;

/// <summary>
/// libvirt's domain XML, as <c>virsh define</c> takes it and <c>virsh dumpxml</c> writes it, turned into a
/// <see cref="NewDomainSpec"/>: what libvirt's hypervDomainDefineXML (src/hyperv/hyperv_driver.c) honours (name, uuid,
/// description, memory, maxMemory, currentMemory, vcpu, disks, SCSI controllers, serial pipes, bridged interfaces) and the
/// generation (<c>&lt;os firmware='efi'&gt;</c> or a <c>&lt;loader&gt;</c>: 2; else 1), which libvirt ignores. Anything
/// else is refused with its element named, before anything is sent: libvirt would drop it without a word.
/// </summary>
/// <remarks>
/// What <c>virsh dumpxml</c> writes for every Hyper-V domain is accepted as it is written: the root's id, clock offset
/// utc, on_poweroff/on_reboot/on_crash destroy, maxMemory's slots, vcpu placement static, the IDE controller of a
/// generation 1 domain (DefineSystem makes it), and a serial port without a pipe (a new domain's ports have none).
/// </remarks>
public static class DomainXmlReader
{
    /// <summary>The longest domain XML read, in characters: a domain with every device Hyper-V allows fits many times over.</summary>
    public const long MaxCharacters = 1_000_000;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    // Elements under <features> that every Hyper-V VM has anyway, so accepting them drops nothing.
    private static readonly string[] AlwaysOnFeatures = ["acpi", "apic", "pae"];

    /// <summary>Reads domain XML text.</summary>
    /// <exception cref="DefinitionXmlException">Not well-formed, has a DTD, is too long, or asks for what cannot be honoured.</exception>
    public static NewDomainSpec Read(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), Settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new DefinitionXmlException(string.Empty, $"The domain XML is not well-formed or not allowed (DTDs are refused, the text is limited to {MaxCharacters} characters): {ex.Message}", ex);
        }
        return Read(document.Root!);
    }

    /// <summary>Reads a <c>&lt;domain&gt;</c> element.</summary>
    /// <exception cref="DefinitionXmlException">The element asks for what cannot be honoured.</exception>
    public static NewDomainSpec Read(XElement domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (domain.Name != "domain")
        {
            throw new DefinitionXmlException(Tag(domain), "the root element of domain XML is <domain type='hyperv'>.");
        }
        if (domain.Attribute("type")?.Value != "hyperv")
        {
            throw new DefinitionXmlException(Tag(domain), "only type='hyperv' domains are defined on a Hyper-V host.");
        }
        foreach (var attribute in domain.Attributes())
        {
            // virsh dumpxml writes the id of a running domain; define ignores it, as libvirt's parser does (VIR_DOMAIN_DEF_PARSE_INACTIVE).
            if (attribute.Name.LocalName is not ("type" or "id") || attribute.Name.Namespace != XNamespace.None)
            {
                throw new DefinitionXmlException(Tag(domain), $"the attribute {attribute.Name.LocalName} is not honoured; remove it.");
            }
        }

        string? name = null, description = null;
        Guid? uuid = null;
        ulong? memory = null, current = null, max = null;
        int? vcpus = null;
        var generation = 1;
        var devices = new List<DeviceSpec>();
        XElement? devicesElement = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var child in domain.Elements())
        {
            var local = child.Name.LocalName;
            if (child.Name.Namespace != XNamespace.None)
            {
                throw NotHonoured(child, domain);
            }
            if (!seen.Add(local))
            {
                throw new DefinitionXmlException(Tag(child), $"<{local}> appears more than once.");
            }
            switch (local)
            {
                case "name":
                    name = child.Value.Trim();
                    if (name.Length == 0 || child.HasElements)
                    {
                        throw new DefinitionXmlException(Tag(child), "the domain needs a name.");
                    }
                    break;
                case "uuid":
                    uuid = Guid.TryParse(child.Value.Trim(), out var parsed) && parsed != Guid.Empty
                        ? parsed
                        : throw new DefinitionXmlException(Tag(child), $"'{child.Value}' is not a UUID (for example 8286d046-9740-43e4-95cf-ff46699c73c4).");
                    break;
                case "description":
                    description = child.Value;
                    break;
                case "memory":
                    memory = Memory(child, "unit");
                    break;
                case "currentMemory":
                    current = Memory(child, "unit");
                    break;
                case "maxMemory":
                    OnlyAttributes(child, "unit", "slots");
                    max = Memory(child, "unit");
                    break;
                case "vcpu":
                    vcpus = Vcpus(child);
                    break;
                case "os":
                    generation = Generation(child);
                    break;
                case "features":
                    Features(child);
                    break;
                case "clock":
                    Fixed(child, "offset", "utc", "Hyper-V keeps a guest's clock as it keeps it; libvirt's driver writes offset='utc'.");
                    break;
                case "on_poweroff":
                case "on_crash":
                    FixedText(child, ["destroy"]);
                    break;
                case "on_reboot":
                    // A Hyper-V guest that reboots restarts (libvirt's default, restart); the driver's dumpxml writes destroy.
                    FixedText(child, ["destroy", "restart"]);
                    break;
                case "devices":
                    devicesElement = child;
                    break;
                default:
                    throw NotHonoured(child, domain);
            }
        }
        if (name is null)
        {
            throw new DefinitionXmlException(Tag(domain), "the domain needs a <name>.");
        }

        if (devicesElement is not null)
        {
            devices.AddRange(Devices(devicesElement, generation));
        }

        // libvirt's memory is the total and currentMemory the balloon, at most memory (virDomainDefPostParseMemory); the
        // driver sets its startup memory from the balloon and Limit from maxMemory.
        if (current is { } c && memory is { } m && c > m)
        {
            throw new DefinitionXmlException("<currentMemory>", "it is larger than <memory>.");
        }
        var startup = current ?? memory;
        if (startup is { } s && max is { } x && s > x)
        {
            throw new DefinitionXmlException("<maxMemory>", "it is smaller than the domain's memory.");
        }
        return new NewDomainSpec
        {
            Name = name,
            Uuid = uuid,
            Description = string.IsNullOrEmpty(description) ? null : description,
            Generation = generation,
            MemoryBytes = startup,
            MaxMemoryBytes = max,
            VcpuCount = vcpus,
            Devices = devices,
        };
    }

    private static IEnumerable<DeviceSpec> Devices(XElement devices, int generation)
    {
        OnlyAttributes(devices);
        foreach (var device in devices.Elements())
        {
            var local = device.Name.LocalName;
            // The IDE controller and a disconnected serial port are what DefineSystem gives a new domain: nothing to do.
            if (local == "controller" && device.Attribute("type")?.Value == "ide")
            {
                if (generation == 2 || device.Attribute("index")?.Value is not (null or "0") || device.HasElements)
                {
                    throw new DefinitionXmlException(Tag(device),
                        generation == 2 ? "a generation 2 (UEFI) domain has no IDE controller." : "a generation 1 domain has one IDE controller, index='0'.");
                }
                continue;
            }
            if (local == "serial" && device.Element("source")?.Attribute("path")?.Value is "" && device.Attribute("type")?.Value == "pipe")
            {
                continue;
            }
            DeviceSpec spec;
            try
            {
                spec = DeviceXmlReader.Read(device);
            }
            catch (DeviceXmlException ex)
            {
                var element = ex.Element.Length > 0 ? ex.Element : Tag(device);
                var prefix = $"Unsupported device XML at {element}: ";
                throw new DefinitionXmlException(element, ex.Message.StartsWith(prefix, StringComparison.Ordinal) ? ex.Message[prefix.Length..] : ex.Message, ex);
            }
            if (generation == 2 && spec is DiskSpec { Bus: DiskBus.Ide or DiskBus.Fdc } disk)
            {
                throw new DefinitionXmlException(Tag(device),
                    $"a generation 2 (UEFI) domain has no {(disk.Bus == DiskBus.Ide ? "IDE controller" : "diskette drive")}; put the disk on bus='scsi'.");
            }
            yield return spec;
        }
    }

    // <os>: <type>hvm</type> only; firmware='efi' or a <loader> is generation 2 (Hyper-V's own UEFI), firmware='bios' generation 1.
    private static int Generation(XElement os)
    {
        var generation = 1;
        foreach (var attribute in os.Attributes())
        {
            generation = (attribute.Name.LocalName, attribute.Value) switch
            {
                ("firmware", "efi") => 2,
                ("firmware", "bios") => 1,
                _ => throw new DefinitionXmlException(Tag(os), "Hyper-V's firmware is firmware='efi' (generation 2) or 'bios' (generation 1)."),
            };
        }
        var hasLoader = false;
        foreach (var child in os.Elements())
        {
            switch (child.Name.LocalName)
            {
                case "type":
                    if (child.Value.Trim() != "hvm" || child.Attributes().Any(a => a.Name.LocalName is not ("arch" or "machine")
                        || (a.Name.LocalName == "arch" && a.Value != "x86_64")))
                    {
                        throw new DefinitionXmlException(Tag(child), "a Hyper-V domain is <type>hvm</type> (arch x86_64).");
                    }
                    break;
                case "loader":
                    // Hyper-V boots generation 2 with its own UEFI firmware; a loader path has nothing to point to.
                    hasLoader = true;
                    break;
                default:
                    throw new DefinitionXmlException(Tag(child), $"libvirt's Hyper-V driver does not honour <{child.Name.LocalName}> in <os>; remove it.");
            }
        }
        if (hasLoader && os.Attribute("firmware")?.Value == "bios")
        {
            throw new DefinitionXmlException(Tag(os), "firmware='bios' (generation 1) takes no <loader>.");
        }
        return hasLoader ? 2 : generation;
    }

    private static void Features(XElement features)
    {
        OnlyAttributes(features);
        foreach (var feature in features.Elements())
        {
            if (!AlwaysOnFeatures.Contains(feature.Name.LocalName) || feature.HasAttributes || feature.HasElements)
            {
                throw new DefinitionXmlException(Tag(feature),
                    "of libvirt's features only <acpi/>, <apic/> and <pae/>, which every Hyper-V VM has, are accepted; remove it.");
            }
        }
    }

    // virDomainParseMemory: a number scaled by unit (default KiB), as virScaleInteger reads units.
    private static ulong Memory(XElement element, string unitAttribute)
    {
        if (element.Name.LocalName != "maxMemory")
        {
            OnlyAttributes(element, unitAttribute);
        }
        if (!ulong.TryParse(element.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value == 0)
        {
            throw new DefinitionXmlException(Tag(element), $"'{element.Value}' is not a size (a positive whole number, KiB unless unit= says otherwise).");
        }
        var scale = Scale(element.Attribute(unitAttribute)?.Value)
            ?? throw new DefinitionXmlException(Tag(element), "the unit is one of b, KiB, MiB, GiB, TiB (k, M, G, T) or KB, MB, GB, TB.");
        if (value > ulong.MaxValue / scale)
        {
            throw new DefinitionXmlException(Tag(element), "the size is too large.");
        }
        var bytes = value * scale;
        if (MemoryRounding.ToHyperVMiB(bytes) < DomainSettingsService.MinimumMemoryMiB)
        {
            throw new DefinitionXmlException(Tag(element),
                string.Create(CultureInfo.InvariantCulture, $"Hyper-V's smallest memory is {DomainSettingsService.MinimumMemoryMiB} MiB."));
        }
        return bytes;
    }

    /// <summary>The bytes one <paramref name="unit"/> stands for, as libvirt's virScaleInteger reads units; null for an unknown unit.</summary>
    public static ulong? Scale(string? unit)
    {
        if (string.IsNullOrEmpty(unit))
        {
            return 1024;
        }
        var u = unit.ToLowerInvariant();
        if (u is "b" or "byte" or "bytes")
        {
            return 1;
        }
        var power = "kmgtpe".IndexOf(u[0], StringComparison.Ordinal) + 1;
        if (power == 0)
        {
            return null;
        }
        ulong @base = u.Length == 1 || u[1..] == "ib" ? 1024UL : u[1..] == "b" ? 1000UL : 0UL;
        if (@base == 0)
        {
            return null;
        }
        var scale = 1UL;
        for (var i = 0; i < power; i++)
        {
            scale *= @base;
        }
        return scale;
    }

    private static int Vcpus(XElement vcpu)
    {
        foreach (var attribute in vcpu.Attributes())
        {
            var ok = attribute.Name.LocalName switch
            {
                "placement" => attribute.Value == "static",
                "current" => attribute.Value.Trim() == vcpu.Value.Trim(),
                _ => false,
            };
            if (!ok)
            {
                throw new DefinitionXmlException(Tag(vcpu), "Hyper-V gives a domain a fixed number of virtual processors: write <vcpu>N</vcpu> (placement='static', no cpuset, current equal to N).");
            }
        }
        return int.TryParse(vcpu.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is > 0 and <= 1024
            ? count
            : throw new DefinitionXmlException(Tag(vcpu), $"'{vcpu.Value}' is not a number of virtual processors.");
    }

    private static void Fixed(XElement element, string attribute, string value, string why)
    {
        if (element.HasElements || element.Attributes().Any(a => a.Name.LocalName != attribute) || element.Attribute(attribute)?.Value != value)
        {
            throw new DefinitionXmlException(Tag(element), why);
        }
    }

    private static void FixedText(XElement element, string[] values)
    {
        if (element.HasAttributes || element.HasElements || !values.Contains(element.Value.Trim()))
        {
            throw new DefinitionXmlException(Tag(element), $"Hyper-V honours only {string.Join(" or ", values)} here.");
        }
    }

    private static void OnlyAttributes(XElement element, params string[] allowed)
    {
        foreach (var attribute in element.Attributes())
        {
            if (!allowed.Contains(attribute.Name.LocalName))
            {
                throw new DefinitionXmlException(Tag(element), $"the attribute {attribute.Name.LocalName} is not honoured; remove it.");
            }
        }
    }

    private static DefinitionXmlException NotHonoured(XElement child, XElement parent) =>
        new(Tag(child), $"libvirt's Hyper-V driver does not honour <{child.Name.LocalName}> in <{parent.Name.LocalName}>; remove it.");

    // The element as its start tag was written, attributes included: <domain type='kvm'>.
    private static string Tag(XElement element) =>
        "<" + element.Name.LocalName + string.Concat(element.Attributes().Select(a => $" {a.Name.LocalName}='{a.Value}'")) + ">";
}
