namespace HyperVLibvirt.Core.HyperV;

/// <summary>
/// WQL for a VM's settings: libvirt's per-VM association walks, and batched forms that fetch the
/// settings of every VM in one query each (joined by <see cref="DomainDetailJoin"/>).
/// </summary>
public static class SettingsQuery
{
    /// <summary><c>VirtualSystemType</c> of a VM's live (realized) settings, as opposed to snapshots and planned VMs.</summary>
    public const string RealizedSystemType = "Microsoft:Hyper-V:System:Realized";

    /// <summary>Every VM's realized Msvm_VirtualSystemSettingData (one query instead of one per VM).</summary>
    public const string AllRealizedSystemSettings =
        "SELECT * FROM Msvm_VirtualSystemSettingData WHERE VirtualSystemType = '" + RealizedSystemType + "'";

    /// <summary>Every Msvm_ProcessorSettingData of VMs and snapshots (InstanceID <c>Microsoft:&lt;VSSD GUID&gt;\…</c>).</summary>
    public static readonly string AllProcessorSettings = AllComponentSettings("Msvm_ProcessorSettingData");

    /// <summary>Every Msvm_MemorySettingData of VMs and snapshots (InstanceID <c>Microsoft:&lt;VSSD GUID&gt;\…</c>).</summary>
    public static readonly string AllMemorySettings = AllComponentSettings("Msvm_MemorySettingData");

    /// <summary>
    /// The VM's Msvm_VirtualSystemSettingData through Msvm_SettingsDefineState, exactly as libvirt asks:
    /// <c>ASSOCIATORS OF {Msvm_ComputerSystem.CreationClassName='Msvm_ComputerSystem',Name='&lt;uuid&gt;'} WHERE AssocClass = Msvm_SettingsDefineState ResultClass = Msvm_VirtualSystemSettingData</c>.
    /// </summary>
    public static string SystemSettingsOf(Guid vm) =>
        "ASSOCIATORS OF {Msvm_ComputerSystem.CreationClassName='Msvm_ComputerSystem',Name=" + DomainQuery.UuidLiteral(vm)
        + "} WHERE AssocClass = Msvm_SettingsDefineState ResultClass = Msvm_VirtualSystemSettingData";

    /// <summary>
    /// Setting data of one class (e.g. Msvm_ProcessorSettingData) that belongs to a VSSD, as libvirt asks:
    /// <c>ASSOCIATORS OF {Msvm_VirtualSystemSettingData.InstanceID='&lt;id&gt;'} WHERE AssocClass = Msvm_VirtualSystemSettingDataComponent ResultClass = &lt;Class&gt;</c>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="resultClass"/> is not a WMI class name.</exception>
    public static string ComponentsOf(string systemSettingsInstanceId, string resultClass)
    {
        ArgumentNullException.ThrowIfNull(systemSettingsInstanceId);
        RequireClassName(resultClass);
        return "ASSOCIATORS OF {Msvm_VirtualSystemSettingData.InstanceID=" + WqlEscape.Quoted(systemSettingsInstanceId)
            + "} WHERE AssocClass = Msvm_VirtualSystemSettingDataComponent ResultClass = " + resultClass;
    }

    /// <summary>Every instance of a per-VM setting data class whose InstanceID starts with <c>Microsoft:</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="className"/> is not a WMI class name.</exception>
    public static string AllComponentSettings(string className)
    {
        RequireClassName(className);
        return "SELECT * FROM " + className + " WHERE InstanceID LIKE 'Microsoft:%'";
    }

    private static void RequireClassName(string className)
    {
        ArgumentException.ThrowIfNullOrEmpty(className);
        // Class names are spliced in unquoted, so anything but an identifier is refused.
        if (!char.IsAsciiLetter(className[0]) || !className.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"'{className}' is not a WMI class name.", nameof(className));
        }
    }
}
