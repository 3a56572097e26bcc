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
    /// <param name="name">The name.</param>
    /// <param name="generation">1 or 2.</param>
    /// <param name="memoryBytes">Startup memory.</param>
    /// <param name="vcpuCount">Virtual processors.</param>
    /// <param name="description">The Notes.</param>
    /// <param name="vhdPath">An existing disk to attach (IDE 0:0 or SCSI 0:0).</param>
    /// <param name="isoPath">An ISO image for a DVD drive.</param>
    /// <param name="switchName">The switch of one network adapter.</param>
    /// <param name="newDisk">A disk to create and attach instead of <paramref name="vhdPath"/> (New-VM's -NewVHDPath).</param>
    /// <exception cref="ArgumentException">The generation is not 1 or 2, a path is blank, or both disks are given.</exception>
    public static NewDomainSpec ToSpec(string name, int generation, ulong? memoryBytes, int? vcpuCount, string? description,
        string? vhdPath, string? isoPath, string? switchName, NewVirtualHardDisk? newDisk = null)
    {
        if (newDisk is not null)
        {
            if (vhdPath is not null)
            {
                throw new ArgumentException("Give an existing disk or a new one, not both.", nameof(newDisk));
            }
            vhdPath = newDisk.Path;
        }
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
            NewDisk = newDisk,
            Devices = devices,
        };
    }
}
