using System.Security.Cryptography;
using System.Text;

namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// Builds the instances that describe the host itself: the Win32 classes in root/cimv2 and, in
/// each virtualization namespace, the host's Msvm_ComputerSystem and its management service.
/// Values follow the real captures in fixtures/wsman.
/// </summary>
internal sealed class HostInstanceFactory
{
    private readonly HostProfile _profile;
    private readonly HostLanguage _language;
    private readonly string _computerName;
    private readonly DateTimeOffset _bootTime;
    private readonly DateTimeOffset _installTime;

    public HostInstanceFactory(HostProfile profile, HostLanguage language, string computerName, DateTimeOffset now)
    {
        _profile = profile;
        _language = language;
        _computerName = computerName;
        // Whole seconds, as WMI reports them; fixed offsets so a given start time is reproducible.
        var second = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        _bootTime = second.AddDays(-3).AddHours(-4);
        _installTime = second.AddDays(-400);
    }

    /// <summary>When the host booted (Win32_OperatingSystem.LastBootUpTime).</summary>
    public DateTimeOffset BootTime => _bootTime;

    /// <summary>The host's memory in bytes (Win32_ComputerSystem.TotalPhysicalMemory, 256 GiB).</summary>
    public const ulong TotalPhysicalMemoryBytes = 256UL << 30;

    /// <summary>The host's logical processors (Win32_ComputerSystem.NumberOfLogicalProcessors).</summary>
    public const ulong LogicalProcessors = 32;

    /// <summary>
    /// Win32_ComputerSystemProcessor: the computer system (GroupComponent) to each processor
    /// (PartComponent), the association libvirt's hypervGetProcessorsByName walks.
    /// </summary>
    public static IReadOnlyCollection<CimInstance> ComputerSystemProcessors(HostNamespace cimv2, CimInstance computerSystem, IEnumerable<CimInstance> processors) =>
        processors.Select(cpu =>
        {
            var a = cimv2.New("Win32_ComputerSystemProcessor");
            a["GroupComponent"] = InstanceKeys.ReferenceTo(computerSystem);
            a["PartComponent"] = InstanceKeys.ReferenceTo(cpu);
            return a;
        }).ToArray();

    /// <summary>The SMBIOS UUID of the host, derived from its name so it is stable.</summary>
    public string HostUuid
    {
        get
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes("host:" + _computerName.ToUpperInvariant()));
            var bytes = hash[..16];
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            return new Guid(bytes).ToString("D").ToUpperInvariant();
        }
    }

    public CimInstance OperatingSystem(HostNamespace cimv2)
    {
        var os = cimv2.New("Win32_OperatingSystem");
        var caption = _profile.Caption;
        var isOld = _profile.Version.StartsWith("6.0", StringComparison.Ordinal) || _profile.Version.StartsWith("6.1", StringComparison.Ordinal);
        const ulong totalKb = TotalPhysicalMemoryBytes / 1024;
        os["BootDevice"] = @"\Device\HarddiskVolume1";
        os["BuildNumber"] = _profile.BuildNumber;
        os["BuildType"] = "Multiprocessor Free";
        os["Caption"] = caption;
        os["CodeSet"] = _language.CodeSet;
        os["CountryCode"] = _language.CountryCode;
        os["CreationClassName"] = "Win32_OperatingSystem";
        os["CSCreationClassName"] = "Win32_ComputerSystem";
        os["CSDVersion"] = _profile.ServicePackMajorVersion > 0 ? "Service Pack " + _profile.ServicePackMajorVersion : null;
        os["CSName"] = _computerName;
        os["CurrentTimeZone"] = _language.TimeZoneMinutes;
        os["DataExecutionPrevention_32BitApplications"] = CimValues.True;
        os["DataExecutionPrevention_Available"] = CimValues.True;
        os["DataExecutionPrevention_Drivers"] = CimValues.True;
        os["DataExecutionPrevention_SupportPolicy"] = CimValues.UInt(3);
        os["Debug"] = CimValues.False;
        os["Description"] = string.Empty;
        os["Distributed"] = CimValues.False;
        os["EncryptionLevel"] = CimValues.UInt(256);
        os["ForegroundApplicationBoost"] = CimValues.UInt(2);
        os["FreePhysicalMemory"] = CimValues.UInt(totalKb / 3);
        os["FreeSpaceInPagingFiles"] = CimValues.UInt(8_386_560);
        os["FreeVirtualMemory"] = CimValues.UInt(totalKb / 3 + 8_386_560);
        os["InstallDate"] = _installTime;
        os["LastBootUpTime"] = _bootTime;
        os["LocalDateTime"] = _bootTime.AddDays(3).AddHours(4);
        os["Locale"] = _language.Locale;
        os["Manufacturer"] = "Microsoft Corporation";
        os["MaxNumberOfProcesses"] = CimValues.UInt(uint.MaxValue);
        os["MaxProcessMemorySize"] = CimValues.UInt(isOld ? 8_589_934_464UL : 137_438_953_344UL);
        os["MUILanguages"] = CimValues.StringArray(_language.Name);
        os["Name"] = caption + @"|C:\Windows|\Device\Harddisk0\Partition2";
        os["NumberOfLicensedUsers"] = CimValues.UInt(0);
        os["NumberOfProcesses"] = CimValues.UInt(142);
        os["NumberOfUsers"] = CimValues.UInt(1);
        os["OperatingSystemSKU"] = CimValues.UInt(8); // Datacenter
        os["Organization"] = string.Empty;
        os["OSArchitecture"] = _language.OsArchitecture;
        os["OSLanguage"] = CimValues.UInt(_language.OsLanguage);
        os["OSProductSuite"] = CimValues.UInt(400);
        os["OSType"] = CimValues.UInt(18); // WINNT
        os["PortableOperatingSystem"] = isOld ? null : CimValues.False;
        os["Primary"] = CimValues.True;
        os["ProductType"] = CimValues.UInt(3); // server
        os["RegisteredUser"] = "Windows User";
        os["SerialNumber"] = "00430-00000-00000-AA" + _profile.BuildNumber[^3..];
        os["ServicePackMajorVersion"] = CimValues.UInt((ulong)_profile.ServicePackMajorVersion);
        os["ServicePackMinorVersion"] = CimValues.UInt(0);
        os["SizeStoredInPagingFiles"] = CimValues.UInt(8_388_608);
        os["Status"] = "OK";
        os["SuiteMask"] = CimValues.UInt(400);
        os["SystemDevice"] = @"\Device\HarddiskVolume2";
        os["SystemDirectory"] = @"C:\Windows\system32";
        os["SystemDrive"] = "C:";
        os["TotalVirtualMemorySize"] = CimValues.UInt(totalKb + 8_388_608);
        os["TotalVisibleMemorySize"] = CimValues.UInt(totalKb);
        os["Version"] = _profile.Version;
        os["WindowsDirectory"] = @"C:\Windows";
        return os;
    }

    public CimInstance ComputerSystem(HostNamespace cimv2)
    {
        var cs = cimv2.New("Win32_ComputerSystem");
        cs["AdminPasswordStatus"] = CimValues.UInt(3);
        cs["AutomaticManagedPagefile"] = CimValues.True;
        cs["AutomaticResetBootOption"] = CimValues.True;
        cs["AutomaticResetCapability"] = CimValues.True;
        cs["BootROMSupported"] = CimValues.True;
        cs["BootupState"] = "Normal boot";
        cs["Caption"] = _computerName;
        cs["ChassisBootupState"] = CimValues.UInt(3);
        cs["CreationClassName"] = "Win32_ComputerSystem";
        cs["CurrentTimeZone"] = _language.TimeZoneMinutes;
        cs["Description"] = "AT/AT COMPATIBLE";
        cs["DNSHostName"] = _computerName;
        cs["Domain"] = "WORKGROUP";
        cs["DomainRole"] = CimValues.UInt(2);
        cs["EnableDaylightSavingsTime"] = CimValues.True;
        cs["FrontPanelResetStatus"] = CimValues.UInt(3);
        cs["HypervisorPresent"] = CimValues.True;
        cs["InfraredSupported"] = CimValues.False;
        cs["KeyboardPasswordStatus"] = CimValues.UInt(3);
        cs["Manufacturer"] = "HyperVLibvirt";
        cs["Model"] = "Simulated Hyper-V Host";
        cs["Name"] = _computerName;
        cs["NetworkServerModeEnabled"] = CimValues.True;
        cs["NumberOfLogicalProcessors"] = CimValues.UInt(LogicalProcessors);
        cs["NumberOfProcessors"] = CimValues.UInt(2);
        cs["PartOfDomain"] = CimValues.False;
        cs["PauseAfterReset"] = -1L;
        cs["PCSystemType"] = CimValues.UInt(4);
        cs["PowerOnPasswordStatus"] = CimValues.UInt(3);
        cs["PowerState"] = CimValues.UInt(0);
        cs["PowerSupplyState"] = CimValues.UInt(3);
        cs["PrimaryOwnerName"] = "Windows User";
        cs["ResetCapability"] = CimValues.UInt(1);
        cs["ResetCount"] = -1L;
        cs["ResetLimit"] = -1L;
        cs["Roles"] = CimValues.StringArray("LM_Workstation", "LM_Server", "NT", "Server_NT");
        cs["Status"] = "OK";
        cs["SystemType"] = "x64-based PC";
        cs["ThermalState"] = CimValues.UInt(3);
        cs["TotalPhysicalMemory"] = CimValues.UInt(TotalPhysicalMemoryBytes);
        cs["WakeUpType"] = CimValues.UInt(6);
        cs["Workgroup"] = "WORKGROUP";
        return cs;
    }

    public CimInstance ComputerSystemProduct(HostNamespace cimv2)
    {
        var p = cimv2.New("Win32_ComputerSystemProduct");
        p["Caption"] = "Computer System Product";
        p["Description"] = "Computer System Product";
        p["IdentifyingNumber"] = "SIM-" + HostUuid[..8];
        p["Name"] = "Simulated Hyper-V Host";
        p["UUID"] = HostUuid;
        p["Vendor"] = "HyperVLibvirt";
        p["Version"] = "1.0";
        return p;
    }

    public IEnumerable<CimInstance> Processors(HostNamespace cimv2)
    {
        for (var socket = 0; socket < 2; socket++)
        {
            var cpu = cimv2.New("Win32_Processor");
            cpu["AddressWidth"] = CimValues.UInt(64);
            cpu["Architecture"] = CimValues.UInt(9); // x64
            cpu["Availability"] = CimValues.UInt(3);
            cpu["Caption"] = "Intel64 Family 6 Model 85 Stepping 7";
            cpu["CpuStatus"] = CimValues.UInt(1);
            cpu["CreationClassName"] = "Win32_Processor";
            cpu["CurrentClockSpeed"] = CimValues.UInt(2400);
            cpu["DataWidth"] = CimValues.UInt(64);
            cpu["Description"] = "Intel64 Family 6 Model 85 Stepping 7";
            cpu["DeviceID"] = "CPU" + socket;
            cpu["Family"] = CimValues.UInt(179);
            cpu["L2CacheSize"] = CimValues.UInt(16384);
            cpu["L3CacheSize"] = CimValues.UInt(22528);
            cpu["L3CacheSpeed"] = CimValues.UInt(0);
            cpu["Level"] = CimValues.UInt(6);
            cpu["LoadPercentage"] = CimValues.UInt(3);
            cpu["Manufacturer"] = "GenuineIntel";
            cpu["MaxClockSpeed"] = CimValues.UInt(2400);
            cpu["Name"] = "Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz";
            cpu["NumberOfCores"] = CimValues.UInt(8);
            cpu["NumberOfLogicalProcessors"] = CimValues.UInt(16);
            cpu["PowerManagementSupported"] = CimValues.False;
            cpu["ProcessorId"] = "BFEBFBFF00050657";
            cpu["ProcessorType"] = CimValues.UInt(3);
            cpu["Revision"] = CimValues.UInt(21767);
            cpu["Role"] = "CPU";
            cpu["SocketDesignation"] = "CPU" + (socket + 1);
            cpu["Status"] = "OK";
            cpu["StatusInfo"] = CimValues.UInt(3);
            cpu["SystemCreationClassName"] = "Win32_ComputerSystem";
            cpu["SystemName"] = _computerName;
            cpu["UpgradeMethod"] = CimValues.UInt(1);
            cpu["VoltageCaps"] = null;
            yield return cpu;
        }
    }

    /// <summary>The host's own Msvm_ComputerSystem, as in the captured ja-JP host instance.</summary>
    public CimInstance HostComputerSystem(HostNamespace ns)
    {
        var cs = ns.New("Msvm_ComputerSystem");
        cs["Caption"] = _language.HostCaption;
        cs["CreationClassName"] = "Msvm_ComputerSystem";
        cs["Description"] = _language.HostDescription;
        cs["ElementName"] = _computerName;
        cs["EnabledDefault"] = CimValues.UInt(2);
        cs["EnabledState"] = CimValues.UInt(2);
        cs["HealthState"] = CimValues.UInt(5);
        cs["Name"] = _computerName;
        cs["NumberOfNumaNodes"] = CimValues.UInt(1);
        cs["OperationalStatus"] = CimValues.UIntArray(2);
        cs["RequestedState"] = CimValues.UInt(12);
        cs["ResetCapability"] = CimValues.UInt(1);
        cs["Status"] = "OK";
        cs["StatusDescriptions"] = CimValues.StringArray("OK");
        return cs;
    }

    public CimInstance ManagementService(HostNamespace ns) =>
        HostServiceInstance.Create(ns, _computerName, "Msvm_VirtualSystemManagementService", "Hyper-V Virtual System Management Service",
            "Service for managing virtual systems", "vmms");
}
