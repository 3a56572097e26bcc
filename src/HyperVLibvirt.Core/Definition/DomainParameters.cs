using HyperVLibvirt.Core.Devices;

namespace HyperVLibvirt.Core.Definition;

/// <summary>
/// New-VM's parameters as a <see cref="NewDomainSpec"/>, with the devices placed where New-VM places them: on generation 1
/// the hard disk at IDE 0:0 and the DVD drive at IDE 1:0; on generation 2 a SCSI controller (New-VM always adds one), the
/// hard disk at SCSI 0:0 and the DVD drive at SCSI 0:1; one network adapter on the switch.
/// </summary>
public static class DomainParameters
{
    /// <summary>The definition the parameters describe; null leaves a value as DefineSystem makes it.</summary>
    /// <exception cref="ArgumentException">The generation is not 1 or 2, or a path is blank.</exception>
    public static NewDomainSpec ToSpec(string name, int generation, ulong? memoryBytes, int? vcpuCount, string? description,
        string? vhdPath, string? isoPath, string? switchName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (generation is not (1 or 2))
        {
            throw new ArgumentException("The generation is 1 or 2.", nameof(generation));
        }
        var devices = new List<DeviceSpec>(4);
        var bus = generation == 2 ? DiskBus.Scsi : DiskBus.Ide;
        if (generation == 2)
        {
            devices.Add(new ScsiControllerSpec { Index = 0 });
        }
        if (vhdPath is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(vhdPath);
            devices.Add(new DiskSpec { Kind = DiskKind.VirtualHardDisk, Path = vhdPath, Bus = bus, Controller = 0, Location = 0 });
        }
        if (isoPath is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(isoPath);
            devices.Add(generation == 2
                ? new DiskSpec { Kind = DiskKind.Dvd, Path = isoPath, Bus = bus, Controller = 0, Location = 1 }
                : new DiskSpec { Kind = DiskKind.Dvd, Path = isoPath, Bus = bus, Controller = 1, Location = 0 });
        }
        if (switchName is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(switchName);
            devices.Add(new NetworkAdapterSpec { Switch = switchName });
        }
        return new NewDomainSpec
        {
            Name = name,
            Generation = generation,
            MemoryBytes = memoryBytes,
            VcpuCount = vcpuCount,
            Description = string.IsNullOrEmpty(description) ? null : description,
            Devices = devices,
        };
    }
}
