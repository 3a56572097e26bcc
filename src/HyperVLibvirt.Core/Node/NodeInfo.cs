using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Node;

/// <summary>
/// A host as virsh nodeinfo, hostname, maxvcpus and freecell describe it, with the host UUID of virsh
/// capabilities. Mapped as libvirt's hypervNodeGetInfo, hypervConnectGetHostname, hypervConnectGetMaxVcpus,
/// hypervNodeGetFreeMemory and hypervLookupHostSystemBiosUuid (src/hyperv/hyperv_driver.c) map them.
/// </summary>
/// <remarks>Every public property is a plain value, so Export-Csv and ConvertTo-Json give flat data.</remarks>
public sealed class NodeInfo
{
    /// <summary>The host as the session names it (the URI's host).</summary>
    public required string ComputerName { get; init; }

    /// <summary>The host's DNS name (Win32_ComputerSystem.DNSHostName), as virsh hostname prints it.</summary>
    public string? HostName { get; init; }

    /// <summary>The host's SMBIOS UUID (Win32_ComputerSystemProduct.UUID), as in virsh capabilities; null when unreadable.</summary>
    public Guid? Uuid { get; init; }

    /// <summary>
    /// The first processor's name cleaned as libvirt cleans it (virsh nodeinfo "CPU model"), without the trailing
    /// space libvirt leaves where the name ends in blanks (AMD pads its names).
    /// </summary>
    public string? CpuModel { get; init; }

    /// <summary>The first processor's MaxClockSpeed in MHz ("CPU frequency").</summary>
    public uint? CpuMHz { get; init; }

    /// <summary>NUMA cells; always 1, as libvirt reports for Hyper-V ("NUMA cell(s)").</summary>
    public int Nodes => 1;

    /// <summary>Processor packages: the number of Win32_Processor instances ("CPU socket(s)").</summary>
    public int Sockets { get; init; }

    /// <summary>The first processor's NumberOfCores ("Core(s) per socket").</summary>
    public uint? CoresPerSocket { get; init; }

    /// <summary>The first processor's NumberOfLogicalProcessors / NumberOfCores ("Thread(s) per core").</summary>
    public uint? ThreadsPerCore { get; init; }

    /// <summary>Sockets × cores per socket, as libvirt counts them ("CPU(s)"): hardware threads are not included.</summary>
    public uint? Cpus { get; init; }

    /// <summary>Logical processors of the host (Win32_ComputerSystem.NumberOfLogicalProcessors): sockets × cores × threads.</summary>
    public uint? LogicalProcessors { get; init; }

    /// <summary>Physical memory in KiB (TotalPhysicalMemory / 1024), as virsh nodeinfo's "Memory size".</summary>
    public ulong? MemoryKiB { get; init; }

    /// <summary>Physical memory in bytes (Win32_ComputerSystem.TotalPhysicalMemory).</summary>
    public ulong? Memory { get; init; }

    /// <summary>Free physical memory in bytes (Win32_OperatingSystem.FreePhysicalMemory × 1024), as virsh freecell.</summary>
    public ulong? FreeMemory { get; init; }

    /// <summary>The most vCPUs one VM may have (the Maximum Msvm_ProcessorSettingData definition), as virsh maxvcpus.</summary>
    public ulong? MaxVcpus { get; init; }

    /// <summary>Whether libvirt's own nodeinfo would fail on this host because the model is longer than 31 bytes.</summary>
    public bool CpuModelTooLongForLibvirt { get; init; }

    /// <summary>The identity of the session the facts were read through.</summary>
    public Guid ConnectionId { get; init; }

    /// <summary>Maps the instances read from the host; any may be missing (null or empty) and its facts are then null.</summary>
    public static NodeInfo Create(string computerName, Guid connectionId, CimObject? computerSystem, IReadOnlyList<CimObject> processors,
        CimObject? product, CimObject? operatingSystem, CimObject? maximumDefinition)
    {
        ArgumentNullException.ThrowIfNull(computerName);
        ArgumentNullException.ThrowIfNull(processors);
        var first = processors.Count > 0 ? processors[0] : null;
        var cores = ToUInt(first?.GetUInt64("NumberOfCores"));
        var logicalPerSocket = ToUInt(first?.GetUInt64("NumberOfLogicalProcessors"));
        var total = computerSystem?.GetUInt64("TotalPhysicalMemory");
        var freeKiB = operatingSystem?.GetUInt64("FreePhysicalMemory");
        var model = CpuModelName.Clean(first?.GetString("Name"));
        return new NodeInfo
        {
            ComputerName = computerName,
            ConnectionId = connectionId,
            HostName = computerSystem?.GetString("DNSHostName"),
            Uuid = Guid.TryParse(product?.GetString("UUID"), out var uuid) ? uuid : null,
            CpuModel = model?.TrimEnd(' '),
            // Judged on libvirt's own text, trailing space included.
            CpuModelTooLongForLibvirt = CpuModelName.ExceedsLibvirtLimit(model),
            CpuMHz = ToUInt(first?.GetUInt64("MaxClockSpeed")),
            Sockets = processors.Count,
            CoresPerSocket = cores,
            // libvirt divides without checking; a zero core count would crash it, here it is simply unknown.
            ThreadsPerCore = cores is > 0 && logicalPerSocket is { } lp ? lp / cores.Value : null,
            Cpus = cores is { } c ? (uint)processors.Count * c : null,
            LogicalProcessors = ToUInt(computerSystem?.GetUInt64("NumberOfLogicalProcessors")),
            Memory = total,
            MemoryKiB = total / 1024,
            FreeMemory = freeKiB is <= ulong.MaxValue / 1024 ? freeKiB * 1024 : null,
            MaxVcpus = maximumDefinition?.GetUInt64("VirtualQuantity"),
        };
    }

    private static uint? ToUInt(ulong? value) => value is <= uint.MaxValue ? (uint)value.Value : null;
}
