namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// Builds the instances that describe one VM in one virtualization namespace: its
/// Msvm_ComputerSystem, settings, shutdown component and the associations between them. Values
/// follow the real captures (fixtures/wsman/hyperv_v2_msvm_computersystem_*).
/// </summary>
internal sealed class VmInstanceFactory
{
    // Fixed device GUIDs Hyper-V uses inside setting-data and device InstanceIDs.
    private const string ProcessorDeviceId = "b637f346-6a6e-4dec-af52-bd70cb80a21d";
    private const string MemoryDeviceId = "4764334d-e001-4176-82ee-5594ec9b530e";
    private const string ShutdownDeviceId = "9F8233AC-BE49-4C79-8EE3-E7E1985B2077";
    private const string HyperVDataRoot = @"C:\ProgramData\Microsoft\Windows\Hyper-V";

    private readonly HostNamespace _ns;
    private readonly HostLanguage _language;
    private readonly IReadOnlyList<object> _operatingNormally;
    private readonly IReadOnlyList<object> _ok = CimValues.StringArray("OK");
    private readonly IReadOnlyList<object> _operationalOk = CimValues.UIntArray(2);

    public VmInstanceFactory(HostNamespace ns, HostLanguage language)
    {
        _ns = ns;
        _language = language;
        _operatingNormally = CimValues.StringArray(language.OperatingNormally);
    }

    public static string SettingDataId(VmRecord vm) => "Microsoft:" + vm.UpperId;

    public CimInstance ComputerSystem(VmRecord vm, DateTimeOffset now)
    {
        var cs = _ns.New("Msvm_ComputerSystem");
        var running = EnabledStates.HasWorkerProcess(vm.State);
        cs["Caption"] = _language.VirtualMachineCaption;
        cs["CreationClassName"] = "Msvm_ComputerSystem";
        cs["Description"] = HostLanguage.VirtualMachineDescription;
        cs["ElementName"] = vm.Spec.Name;
        cs["EnabledDefault"] = CimValues.UInt(vm.Spec.AutoStart ? 2u : 3u);
        cs["EnabledState"] = CimValues.UInt(EnabledStates.ForNamespace(vm.State, _ns.IsV1));
        cs["EnhancedSessionModeState"] = CimValues.UInt(running ? 6u : 3u);
        cs["FailedOverReplicationType"] = CimValues.UInt(0);
        cs["HealthState"] = CimValues.UInt(5);
        cs["HwThreadsPerCoreRealized"] = running ? CimValues.UInt(2) : null;
        cs["InstallDate"] = vm.Created;
        cs["LastApplicationConsistentReplicationTime"] = CimValues.NeverDateTime;
        cs["LastReplicationTime"] = CimValues.NeverDateTime;
        cs["LastReplicationType"] = CimValues.UInt(0);
        cs["Name"] = vm.Name;
        cs["NumberOfNumaNodes"] = CimValues.UInt(1);
        cs["OnTimeInMilliseconds"] = CimValues.UInt(vm.RunningSince is { } since ? (ulong)Math.Max(0, (now - since).TotalMilliseconds) : 0);
        cs["OperationalStatus"] = _operationalOk;
        cs["ProcessID"] = vm.ProcessId is { } pid ? CimValues.UInt(pid) : null;
        cs["ReplicationHealth"] = CimValues.UInt(0);
        cs["ReplicationMode"] = CimValues.UInt(0);
        cs["ReplicationState"] = CimValues.UInt(0);
        cs["RequestedState"] = CimValues.UInt(vm.Requested is { } requested ? EnabledStates.ForNamespace(requested, _ns.IsV1) : 5u);
        cs["ResetCapability"] = CimValues.UInt(1);
        cs["Status"] = "OK";
        cs["StatusDescriptions"] = _operatingNormally;
        cs["TimeOfLastConfigurationChange"] = vm.LastStateChange;
        cs["TimeOfLastStateChange"] = vm.LastStateChange;
        cs["TransitioningToState"] = vm.TransitioningTo is { } target ? CimValues.UInt(EnabledStates.ForNamespace(target, _ns.IsV1)) : null;
        return cs;
    }

    public CimInstance SystemSettings(VmRecord vm)
    {
        var s = _ns.New("Msvm_VirtualSystemSettingData");
        var id = vm.UpperId;
        s["InstanceID"] = SettingDataId(vm);
        s["Caption"] = "Virtual Machine Settings";
        s["Description"] = "Active settings for the virtual machine.";
        s["ElementName"] = vm.Spec.Name;
        s["VirtualSystemIdentifier"] = id;
        s["VirtualSystemType"] = "Microsoft:Hyper-V:System:Realized";
        s["Notes"] = vm.Spec.Notes is null ? null : CimValues.StringArray(vm.Spec.Notes);
        s["CreationTime"] = vm.Created;
        s["ConfigurationID"] = id;
        s["ConfigurationDataRoot"] = HyperVDataRoot;
        s["ConfigurationFile"] = HyperVDataRoot + @"\Virtual Machines\" + id + ".vmcx";
        s["SnapshotDataRoot"] = HyperVDataRoot;
        s["SuspendDataRoot"] = HyperVDataRoot;
        s["SwapFileDataRoot"] = HyperVDataRoot;
        s["LogDataRoot"] = HyperVDataRoot;
        // 4 = always start automatically (libvirt's autostart); 2 = restart if it was running.
        s["AutomaticStartupAction"] = CimValues.UInt(vm.Spec.AutoStart ? 4u : 2u);
        s["AutomaticStartupActionDelay"] = TimeSpan.Zero;
        s["AutomaticStartupActionSequenceNumber"] = CimValues.UInt(0);
        s["AutomaticShutdownAction"] = CimValues.UInt(3);
        s["AutomaticRecoveryAction"] = CimValues.UInt(3);
        s["BIOSGUID"] = "{" + id + "}";
        var serial = SerialFrom(vm);
        s["BIOSSerialNumber"] = serial;
        s["BaseBoardSerialNumber"] = serial;
        s["ChassisSerialNumber"] = serial;
        s["ChassisAssetTag"] = serial;
        s["BIOSNumLock"] = CimValues.False;
        s["IsSaved"] = CimValues.Bool(vm.State == EnabledStates.EnabledButOffline);
        s["AllowFullSCSICommandSet"] = CimValues.False;
        s["DebugChannelId"] = CimValues.UInt(0);
        s["DebugPortEnabled"] = CimValues.UInt(0);
        s["DebugPort"] = CimValues.UInt(0);
        s["Version"] = _ns.IsV1 ? "3.0" : "9.0";
        s["IncrementalBackupEnabled"] = CimValues.False;
        s["VirtualNumaEnabled"] = CimValues.True;
        s["AllowReducedFcRedundancy"] = CimValues.False;
        var generation = VmDeviceLayout.GenerationOf(vm.Spec);
        s["VirtualSystemSubType"] = generation == 1 ? "Microsoft:Hyper-V:SubType:1" : "Microsoft:Hyper-V:SubType:2";
        s["PauseAfterBootFailure"] = CimValues.False;
        s["NetworkBootPreferredProtocol"] = CimValues.UInt(4096);
        s["SecureBootEnabled"] = CimValues.Bool(generation == 2);
        s["LowMmioGapSize"] = CimValues.UInt(256);
        return s;
    }

    public CimInstance ProcessorSettings(VmRecord vm)
    {
        var p = _ns.New("Msvm_ProcessorSettingData");
        p["InstanceID"] = SettingDataId(vm) + @"\" + ProcessorDeviceId + @"\0";
        p["Caption"] = "Processor";
        p["Description"] = "Settings for Microsoft Virtual Processor.";
        p["ElementName"] = "Processor";
        p["ResourceType"] = CimValues.UInt(3);
        p["ResourceSubType"] = "Microsoft:Hyper-V:Processor";
        p["PoolID"] = string.Empty;
        p["ConsumerVisibility"] = CimValues.UInt(3);
        p["AllocationUnits"] = "percent / 1000";
        p["VirtualQuantity"] = CimValues.UInt((ulong)vm.Spec.VirtualProcessors);
        p["Reservation"] = CimValues.UInt(0);
        p["Limit"] = CimValues.UInt(100000);
        p["Weight"] = CimValues.UInt(100);
        p["AutomaticAllocation"] = CimValues.True;
        p["AutomaticDeallocation"] = CimValues.True;
        p["VirtualQuantityUnits"] = "count";
        p["LimitCPUID"] = CimValues.False;
        p["LimitProcessorFeatures"] = CimValues.False;
        p["MaxProcessorsPerNumaNode"] = CimValues.UInt(64);
        p["MaxNumaNodesPerSocket"] = CimValues.UInt(1);
        return p;
    }

    public CimInstance MemorySettings(VmRecord vm)
    {
        var m = _ns.New("Msvm_MemorySettingData");
        m["InstanceID"] = SettingDataId(vm) + @"\" + MemoryDeviceId;
        m["Caption"] = "Memory";
        m["Description"] = "Settings for Microsoft Virtual Machine Memory.";
        m["ElementName"] = "Memory";
        m["ResourceType"] = CimValues.UInt(4);
        m["ResourceSubType"] = "Microsoft:Hyper-V:Memory";
        m["PoolID"] = string.Empty;
        m["ConsumerVisibility"] = CimValues.UInt(2);
        m["AllocationUnits"] = "byte * 2^20";
        m["VirtualQuantity"] = CimValues.UInt(vm.Spec.MemoryMB);
        m["Reservation"] = CimValues.UInt(vm.Spec.MemoryMB);
        m["Limit"] = CimValues.UInt(vm.Spec.MaxMemoryMB);
        m["Weight"] = CimValues.UInt(5000);
        m["AutomaticAllocation"] = CimValues.True;
        m["AutomaticDeallocation"] = CimValues.True;
        m["VirtualQuantityUnits"] = "byte * 2^20";
        m["DynamicMemoryEnabled"] = CimValues.Bool(vm.Spec.DynamicMemory);
        m["TargetMemoryBuffer"] = CimValues.UInt(20);
        m["IsVirtualized"] = CimValues.True;
        m["SwapFilesInUse"] = CimValues.False;
        m["MaxMemoryBlocksPerNumaNode"] = CimValues.UInt(1048576);
        return m;
    }

    public CimInstance ShutdownComponent(VmRecord vm)
    {
        var s = _ns.New("Msvm_ShutdownComponent");
        var running = EnabledStates.HasWorkerProcess(vm.State);
        s["CreationClassName"] = "Msvm_ShutdownComponent";
        s["DeviceID"] = SettingDataId(vm) + @"\" + ShutdownDeviceId;
        s["SystemCreationClassName"] = "Msvm_ComputerSystem";
        s["SystemName"] = vm.Name;
        s["Caption"] = "Shutdown";
        s["Description"] = "Microsoft Shutdown Component";
        s["ElementName"] = "Shutdown";
        s["EnabledDefault"] = CimValues.UInt(2);
        s["EnabledState"] = CimValues.UInt(running ? 2u : 3u);
        s["HealthState"] = CimValues.UInt(5);
        s["OperationalStatus"] = running ? _operationalOk : null;
        s["StatusDescriptions"] = running ? _ok : null;
        s["RequestedState"] = CimValues.UInt(12);
        return s;
    }

    public CimInstance SettingsDefineState(CimReference system, CimReference settings)
    {
        var a = _ns.New("Msvm_SettingsDefineState");
        a["ManagedElement"] = system;
        a["SettingData"] = settings;
        return a;
    }

    public CimInstance SettingDataComponent(CimReference group, CimReference part)
    {
        var a = _ns.New("Msvm_VirtualSystemSettingDataComponent");
        a["GroupComponent"] = group;
        a["PartComponent"] = part;
        return a;
    }

    // Derived from the GUID so it is stable per VM and needs no extra storage.
    private static string SerialFrom(VmRecord vm) => vm.Spec.Id.ToString("N")[..20].ToUpperInvariant();
}
