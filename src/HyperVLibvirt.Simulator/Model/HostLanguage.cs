namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// The host's UI language and the strings Windows localizes with it, whatever language the client
/// asks for (as real captures from a ja-JP Hyper-V host show, in r4sd/go-wsman's test data).
/// The VM Description stays English on a Japanese host, as those captures show.
/// </summary>
/// <param name="Name">The culture name, <c>en-US</c> or <c>ja-JP</c>; the wire writes it as xml:lang.</param>
/// <param name="VirtualMachineCaption">Msvm_ComputerSystem.Caption of a VM.</param>
/// <param name="HostCaption">Msvm_ComputerSystem.Caption of the host.</param>
/// <param name="HostDescription">Msvm_ComputerSystem.Description of the host.</param>
/// <param name="OperatingNormally">StatusDescriptions of a healthy VM.</param>
/// <param name="OsArchitecture">Win32_OperatingSystem.OSArchitecture.</param>
/// <param name="OsLanguage">Win32_OperatingSystem.OSLanguage (an LCID).</param>
/// <param name="Locale">Win32_OperatingSystem.Locale (hex LCID text).</param>
/// <param name="CountryCode">Win32_OperatingSystem.CountryCode.</param>
/// <param name="CodeSet">Win32_OperatingSystem.CodeSet (the ANSI code page).</param>
/// <param name="TimeZoneMinutes">Win32_OperatingSystem.CurrentTimeZone (minutes from UTC).</param>
/// <param name="JobCaption">Msvm_ConcreteJob.Caption of a state-change job.</param>
/// <param name="JobDescription">Msvm_ConcreteJob.Description of a state-change job.</param>
public sealed record HostLanguage(
    string Name,
    string VirtualMachineCaption,
    string HostCaption,
    string HostDescription,
    string OperatingNormally,
    string OsArchitecture,
    ulong OsLanguage,
    string Locale,
    string CountryCode,
    string CodeSet,
    long TimeZoneMinutes,
    string JobCaption,
    string JobDescription)
{
    /// <summary>The VM Description, English in every language.</summary>
    public const string VirtualMachineDescription = "Microsoft Virtual Machine";

    /// <summary>English (United States).</summary>
    public static HostLanguage English { get; } = new(
        "en-US", "Virtual Machine", "Hosting Computer System", "Microsoft Hosting Computer System", "Operating normally",
        "64-bit", 1033, "0409", "1", "1252", 0, "Changing the state of a virtual machine", "Changing the state of a virtual machine");

    /// <summary>Japanese (Japan).</summary>
    public static HostLanguage Japanese { get; } = new(
        "ja-JP", "仮想マシン", "ホスト コンピューター システム", "Microsoft ホスト コンピューター システム", "正常稼働中",
        "64 ビット", 1041, "0411", "81", "932", 540, "仮想マシンの状態の変更", "仮想マシンの状態の変更");

    /// <summary>Every supported language.</summary>
    public static IReadOnlyList<HostLanguage> All { get; } = [English, Japanese];

    /// <summary>Finds a language by culture name (case-insensitive); unknown names throw <see cref="ArgumentException"/>.</summary>
    public static HostLanguage Get(string name) =>
        All.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unsupported language '{name}'. Supported: {string.Join(", ", All.Select(l => l.Name))}.", nameof(name));
}
