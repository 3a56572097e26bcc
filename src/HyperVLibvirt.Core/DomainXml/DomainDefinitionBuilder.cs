using System.Text;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.DomainXml;

/// <summary>
/// Builds a <see cref="DomainDefinition"/> from one domain's settings, field for field as libvirt's
/// hypervDomainGetXMLDesc (src/hyperv/hyperv_driver.c) fills its virDomainDef.
/// </summary>
public static class DomainDefinitionBuilder
{
    /// <summary>The definition of <paramref name="settings"/>' domain.</summary>
    /// <exception cref="DomainXmlException">A setting libvirt needs is missing or unreadable.</exception>
    public static DomainDefinition Build(DomainSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var domain = settings.Domain;
        if (settings.SystemSettings is null)
        {
            throw new DomainXmlException(domain.Name, "the host returned no Msvm_VirtualSystemSettingData for it (was it deleted meanwhile?).");
        }
        var memory = settings.Memory ?? throw new DomainXmlException(domain.Name, "the host returned no Msvm_MemorySettingData for it.");
        var processor = settings.Processor
            ?? throw new DomainXmlException(domain.Name, $"Could not look up processor setting data with virtual system instance ID '{settings.SystemSettings.GetString("InstanceID")}'");
        var storage = StorageDevices.Map(settings);
        return new DomainDefinition
        {
            // libvirt's id is the ProcessID only while the domain is active (hypervIsMsvmComputerSystemActive).
            Id = domain.Id,
            Name = domain.Name,
            Uuid = domain.Uuid,
            Description = Description(settings.SystemSettings),
            Generation = Generation(settings.SystemSettings),
            // Hyper-V counts MiB, libvirt KiB.
            MaxMemoryKiB = Number(memory, "Limit", domain.Name) * 1024,
            MemoryKiB = Number(memory, "VirtualQuantity", domain.Name) * 1024,
            VCpus = (uint)Math.Min(Number(processor, "VirtualQuantity", domain.Name), uint.MaxValue),
            Disks = storage.Disks,
            Controllers = storage.Controllers,
            Interfaces = NetworkInterfaces.Map(settings),
            // Before Windows Server 2016 (version 6.x) serial ports are plain RASDs.
            Serials = SerialPorts.Map(settings.SerialPortsInResourceSettings ? settings.ResourceSettings : settings.SerialPortSettings),
        };
    }

    /// <summary>The VSSD's Notes joined as libvirt joins them: a blank line between non-empty parts; null when empty.</summary>
    public static string? Description(CimObject systemSettings)
    {
        ArgumentNullException.ThrowIfNull(systemSettings);
        var text = new StringBuilder();
        foreach (var note in systemSettings.GetArray("Notes"))
        {
            // The separator only goes in once the text has something (virBufferUse > 0).
            if (text.Length > 0)
            {
                text.Append("\n\n");
            }
            text.Append(note.AsString());
        }
        return text.Length > 0 ? text.ToString() : null;
    }

    /// <summary>The generation a VSSD's VirtualSystemSubType names: 2 for <c>Microsoft:Hyper-V:SubType:2</c>, else 1.</summary>
    public static int Generation(CimObject systemSettings)
    {
        ArgumentNullException.ThrowIfNull(systemSettings);
        return string.Equals(systemSettings.GetString("VirtualSystemSubType"), GenerationTwoSubType, StringComparison.OrdinalIgnoreCase) ? 2 : 1;
    }

    /// <summary>Msvm_VirtualSystemSettingData.VirtualSystemSubType of a generation 2 (UEFI) virtual machine.</summary>
    public const string GenerationTwoSubType = "Microsoft:Hyper-V:SubType:2";

    private static ulong Number(CimObject setting, string property, string domainName) =>
        setting.GetUInt64(property)
        ?? throw new DomainXmlException(domainName, $"{setting.ClassName}.{property} is '{setting.GetString(property)}', not a number.");
}
