namespace HyperVLibvirt.Core.Node;

/// <summary>The WQL the node facts are read with (libvirt's src/hyperv/hyperv_driver.c asks for the same classes).</summary>
public static class NodeQuery
{
    /// <summary>hypervGetPhysicalSystemList: host name, memory and the Name the processors hang off.</summary>
    public const string ComputerSystem = "SELECT * FROM Win32_ComputerSystem";

    /// <summary>
    /// Every processor of the host in one query. libvirt walks <c>ASSOCIATORS OF {Win32_ComputerSystem.Name='…'}
    /// WHERE AssocClass = Win32_ComputerSystemProcessor ResultClass = Win32_Processor</c>, which needs the name
    /// first; a host's root/cimv2 holds only its own processors, so the class gives the same list without waiting.
    /// </summary>
    public const string Processors = "SELECT * FROM Win32_Processor";

    /// <summary>hypervLookupHostSystemBiosUuid: the SMBIOS UUID.</summary>
    public const string ComputerSystemProduct = "SELECT * FROM Win32_ComputerSystemProduct";

    /// <summary>hypervNodeGetFreeMemory: FreePhysicalMemory (KiB).</summary>
    public const string OperatingSystem = "SELECT * FROM Win32_OperatingSystem";

    /// <summary>hypervConnectGetMaxVcpus: the Maximum processor definition; its VirtualQuantity is the most vCPUs a VM may have.</summary>
    public const string MaximumProcessorDefinition = "SELECT * FROM Msvm_ProcessorSettingData WHERE InstanceID LIKE 'Microsoft:Definition%Maximum'";
}
