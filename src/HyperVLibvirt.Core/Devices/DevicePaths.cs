namespace HyperVLibvirt.Core.Devices;

/// <summary>
/// WMI object paths for Parent and HostResource, as libvirt writes them (hypervDomainAddVirtualDiskParent,
/// hypervDomainAttachSyntheticEthernetAdapter in src/hyperv/hyperv_driver.c) and Hyper-V itself does:
/// <c>\\HOST\root\virtualization\v2:Class.Key="value"</c>, each backslash in a value doubled and each quote escaped.
/// </summary>
public static class DevicePaths
{
    /// <summary>The path of a setting of <paramref name="className"/> keyed by its InstanceID.</summary>
    public static string Setting(string host, string className, string instanceId) =>
        Prefix(host) + className + ".InstanceID=" + Quote(instanceId);

    /// <summary>The path of a virtual switch (keys CreationClassName and Name).</summary>
    public static string Switch(string host, string switchName) =>
        Prefix(host) + "Msvm_VirtualEthernetSwitch.CreationClassName=\"Msvm_VirtualEthernetSwitch\",Name=" + Quote(switchName);

    /// <summary>The path of a host disk drive (keys CreationClassName, DeviceID, SystemCreationClassName, SystemName).</summary>
    public static string DiskDrive(string host, string deviceId, string systemName) =>
        Prefix(host) + "Msvm_DiskDrive.CreationClassName=\"Msvm_DiskDrive\",DeviceID=" + Quote(deviceId)
        + ",SystemCreationClassName=\"Msvm_ComputerSystem\",SystemName=" + Quote(systemName);

    private static string Prefix(string host)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        return @"\\" + host + @"\root\virtualization\v2:";
    }

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
