using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Tests.HyperV;

/// <summary>Builds CimObjects by hand; a null value stands for xsi:nil.</summary>
internal static class Cim
{
    public static CimObject Object(string className, params (string Name, string? Value)[] properties) =>
        new(className, null, properties
            .Select(p => new CimProperty(p.Name, p.Value is null ? CimValue.Null : CimValue.FromText(p.Value)))
            .ToArray());

    public static CimObject ComputerSystem(string name, string elementName, ushort enabledState, uint? processId = null, ulong? onTime = null) =>
        Object("Msvm_ComputerSystem",
            ("Name", name),
            ("ElementName", elementName),
            ("EnabledState", enabledState.ToString()),
            ("ProcessID", processId?.ToString()),
            ("OnTimeInMilliseconds", onTime?.ToString()),
            ("HealthState", "5"));

    public static CimObject SystemSettings(Guid vm, ushort autostart = 2, string type = "Microsoft:Hyper-V:System:Realized", string? instanceId = null) =>
        Object("Msvm_VirtualSystemSettingData",
            ("InstanceID", instanceId ?? "Microsoft:" + vm.ToString().ToUpperInvariant()),
            ("VirtualSystemIdentifier", vm.ToString().ToUpperInvariant()),
            ("VirtualSystemType", type),
            ("AutomaticStartupAction", autostart.ToString()));

    public static CimObject Processor(string owner, ulong vcpus) =>
        Object("Msvm_ProcessorSettingData",
            ("InstanceID", owner + "\\b637f346-6a0e-4dec-af52-bd70cb80a21d\\0"),
            ("VirtualQuantity", vcpus.ToString()));

    public static CimObject Memory(string owner, ulong startupMb, ulong limitMb) =>
        Object("Msvm_MemorySettingData",
            ("InstanceID", owner + "\\4764334d-e001-4176-82ee-5594ec9b530e"),
            ("VirtualQuantity", startupMb.ToString()),
            ("Limit", limitMb.ToString()));
}
